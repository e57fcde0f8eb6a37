import LossKit
import Testing

@Suite("Sums and means")
struct ReductionTests {
    let matrix = Tensor([[1, 2, 3], [4, 5, 6]])

    @Test("Over all elements the result is a scalar")
    func allElements() {
        #expect(matrix.sum().shape == [])
        #expect(matrix.sum().item == 21)
        #expect(matrix.mean().item == 3.5)
        #expect(Tensor(4).sum().item == 4)
    }

    @Test("The mean of no elements is NaN, like PyTorch")
    func emptyMean() {
        #expect(Tensor([Double]()).mean().item.isNaN)
        #expect(Tensor([Double]()).sum().item == 0)
    }

    @Test("Along dimension 0 the rows are added")
    func alongRows() {
        #expect(matrix.sum(dim: 0).shape == [3])
        #expect(matrix.sum(dim: 0).scalars == [5, 7, 9])
        #expect(matrix.mean(dim: 0).scalars == [2.5, 3.5, 4.5])
    }

    @Test("Along the last dimension, by positive or negative index")
    func alongColumns() {
        #expect(matrix.sum(dim: 1).scalars == [6, 15])
        #expect(matrix.sum(dim: -1).scalars == [6, 15])
        #expect(matrix.mean(dim: -1).scalars == [2, 5])
        #expect(matrix.sum(dim: -2).scalars == [5, 7, 9])
    }

    @Test("keepDims keeps the reduced dimension with size 1")
    func keepDimensions() {
        #expect(matrix.sum(dim: 1, keepDims: true).shape == [2, 1])
        #expect(matrix.sum(dim: 0, keepDims: true).shape == [1, 3])
        #expect(matrix.mean(dim: 1, keepDims: true).scalars == [2, 5])
    }

    @Test("The middle dimension of a rank-3 tensor")
    func middleDimension() {
        // Shape [2, 2, 3]: two blocks of a 2 × 3 matrix.
        let cube = Tensor(shape: [2, 2, 3], scalars: (1...12).map(Double.init))
        let sums = cube.sum(dim: 1)
        #expect(sums.shape == [2, 3])
        #expect(sums.scalars == [5, 7, 9, 17, 19, 21])
        #expect(cube.mean(dim: 2, keepDims: true).shape == [2, 2, 1])
        #expect(cube.mean(dim: 2).scalars == [2, 5, 8, 11])
    }

    @Test("Gradient of a mean is one over the count, everywhere")
    func meanGradient() {
        let x = Tensor([[1, 2], [3, 4]], requiresGrad: true)
        x.mean().backward()
        #expect(x.grad?.scalars == [0.25, 0.25, 0.25, 0.25])
        x.zeroGrad()
        x.mean(dim: 0).sum().backward()
        #expect(x.grad?.scalars == [0.5, 0.5, 0.5, 0.5])
    }

    /// T = (np.arange(24).reshape(2, 3, 4) * 0.37) % 2.3 - 1.0
    var cube: Tensor { SelectionTests.cube }

    @Test("Over several dimensions at once, matching NumPy")
    func severalDimensions() {
        // T.sum(axis=(0, 2)), T.mean(axis=(0, 1)), T.sum(axis=1)
        #expect(allClose(cube.sum(dims: [0, 2]).scalars, [-1.9000000000000001, 3.040000000000002, 1.0800000000000036], tolerance: 1e-14))
        #expect(cube.sum(dims: [0, 2]).shape == [3])
        #expect(cube.sum(dims: [2, -3], keepDims: true).shape == [1, 3, 1])
        #expect(allClose(cube.mean(dims: [0, 1]).scalars, [0.01666666666666683, 0.003333333333333466, 0.3733333333333337, -0.023333333333333057],
                         tolerance: 1e-14))
        #expect(allClose(cube.sum(dims: [1]).scalars, [-0.8599999999999999, 0.25000000000000033, 1.36, 0.17000000000000037,
                                                       0.9600000000000009, -0.22999999999999954, 0.8800000000000017, -0.3099999999999987],
                         tolerance: 1e-14))
        #expect(cube.sum(dims: [0, 1, 2]).shape == [])
        #expect(isClose(cube.sum(dims: [0, 1, 2]).item, cube.sum().item, tolerance: 1e-15))
    }

    @Test("Variance and standard deviation match NumPy (PyTorch's correction 1 by default)")
    func varianceAndStandardDeviation() {
        // T.var(axis=2, ddof=1), T.std(axis=0, ddof=0), T.var(ddof=1)
        #expect(allClose(cube.variance(dim: 2).scalars, [0.22816666666666663, 0.6996666666666664, 0.22816666666666677,
                                                         0.6996666666666664, 0.6996666666666664, 0.22816666666666655], tolerance: 1e-14))
        #expect(allClose(cube.standardDeviation(dim: 0, correction: 0).scalars, [
            1.0699999999999998, 0.08000000000000002, 0.07999999999999996, 0.07999999999999985, 0.07999999999999985, 0.07999999999999985,
            0.07999999999999963, 0.07999999999999963, 0.07999999999999963, 0.08000000000000007, 0.07999999999999963, 0.08000000000000007,
        ], tolerance: 1e-13))
        #expect(isClose(cube.variance().item, 0.4497499999999999, tolerance: 1e-14))
        #expect(cube.variance(dim: 1, keepDims: true).shape == [2, 1, 4])
    }

    @Test("Long sums are added pairwise, like NumPy")
    func pairwiseSummation() {
        // np.sum(np.arange(1, 1001) / 7.0) == 71500.0 exactly; pairwise addition keeps it exact here.
        let sevenths = Tensor((1...1000).map { Double($0) / 7 })
        #expect(sevenths.sum().item == 71500.0)
        #expect(Tensor(shape: [1000, 1], scalars: sevenths.scalars).sum(dim: 0).item == 71500.0)
    }

    /// (shape, dims, keepDims) for reductions over several dimensions.
    static let dimensionListCases: [([Int], [Int], Bool)] = [
        ([2, 3, 4], [0, 2], false), ([2, 3, 4], [0, 2], true), ([2, 3, 4], [-1, -2], false),
        ([2, 3, 4], [1], true), ([2, 3, 4], [0, 1, 2], false), ([3, 4], [1, 0], true),
    ]

    @Test("sum(dims:) and mean(dims:) gradients", arguments: dimensionListCases)
    func severalDimensionGradients(_ shape: [Int], _ dims: [Int], _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 81) { inputs in inputs[0].sum(dims: dims, keepDims: keepDims) }
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 82) { inputs in inputs[0].mean(dims: dims, keepDims: keepDims) }
    }

    @Test("variance and standardDeviation gradients", arguments: [0, 1, -1])
    func statisticsGradients(_ dim: Int) {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 83) { inputs in inputs[0].variance(dim: dim) }
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 84) { inputs in inputs[0].standardDeviation(dim: dim, keepDims: true, correction: 0) }
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 85) { inputs in inputs[0].variance() + inputs[0].standardDeviation() }
    }
}
