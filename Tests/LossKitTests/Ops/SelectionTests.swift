import LossKit
import Testing

@Suite("max, min, argmax and argmin")
struct SelectionTests {
    /// T = (np.arange(24).reshape(2, 3, 4) * 0.37) % 2.3 - 1.0, as printed by NumPy.
    static var cube: Tensor { Tensor(shape: [2, 3, 4], scalars: [
        -1.0, -0.63, -0.26, 0.10999999999999988, 0.48, 0.8500000000000001, 1.2199999999999998, -0.71,
        -0.33999999999999986, 0.03000000000000025, 0.40000000000000036, 0.7700000000000005,
        1.1399999999999997, -0.79, -0.41999999999999993, -0.04999999999999982, 0.3200000000000003, 0.6900000000000004,
        1.0600000000000005, -0.8699999999999992, -0.4999999999999991, -0.1299999999999999, 0.2400000000000011, 0.6100000000000003,
    ]) }

    @Test("Along each dimension they match NumPy's max, min, argmax and argmin")
    func alongEachDimension() {
        let cube = Self.cube
        // T.max(axis=d), T.argmax(axis=d), T.min(axis=d), T.argmin(axis=d)
        let expected: [(max: [Double], argmax: [Double], min: [Double], argmin: [Double])] = [
            ([1.1399999999999997, -0.63, -0.26, 0.10999999999999988, 0.48, 0.8500000000000001, 1.2199999999999998, -0.71,
              -0.33999999999999986, 0.03000000000000025, 0.40000000000000036, 0.7700000000000005],
             [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
             [-1.0, -0.79, -0.41999999999999993, -0.04999999999999982, 0.3200000000000003, 0.6900000000000004, 1.0600000000000005,
              -0.8699999999999992, -0.4999999999999991, -0.1299999999999999, 0.2400000000000011, 0.6100000000000003],
             [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
            ([0.48, 0.8500000000000001, 1.2199999999999998, 0.7700000000000005, 1.1399999999999997, 0.6900000000000004,
              1.0600000000000005, 0.6100000000000003],
             [1, 1, 1, 2, 0, 1, 1, 2],
             [-1.0, -0.63, -0.26, -0.71, -0.4999999999999991, -0.79, -0.41999999999999993, -0.8699999999999992],
             [0, 0, 0, 1, 2, 0, 0, 1]),
            ([0.10999999999999988, 1.2199999999999998, 0.7700000000000005, 1.1399999999999997, 1.0600000000000005, 0.6100000000000003],
             [3, 2, 3, 0, 2, 3],
             [-1.0, -0.71, -0.33999999999999986, -0.79, -0.8699999999999992, -0.4999999999999991],
             [0, 3, 0, 1, 3, 0]),
        ]
        for dim in 0..<3 {
            #expect(cube.max(dim: dim).scalars == expected[dim].max, "max(dim: \(dim))")
            #expect(cube.argmax(dim: dim).scalars == expected[dim].argmax, "argmax(dim: \(dim))")
            #expect(cube.min(dim: dim).scalars == expected[dim].min, "min(dim: \(dim))")
            #expect(cube.argmin(dim: dim).scalars == expected[dim].argmin, "argmin(dim: \(dim))")
            #expect(cube.max(dim: dim - 3).scalars == expected[dim].max, "max(dim: \(dim - 3))")
        }
        #expect(cube.max(dim: 1).shape == [2, 4])
        #expect(cube.max(dim: 1, keepDims: true).shape == [2, 1, 4])
        #expect(cube.argmin(dim: -1, keepDims: true).shape == [2, 3, 1])
        // T.max(), T.min(), T.argmax(), T.argmin()
        #expect(cube.max().item == 1.2199999999999998 && cube.max().shape == [])
        #expect(cube.min().item == -1.0)
        #expect(cube.argmax().item == 6)
        #expect(cube.argmin().item == 0)
    }

    @Test("Ties: argmax and argmin return the first position, like NumPy and PyTorch")
    func tiesPickTheFirst() {
        let ties = Tensor([[3.0, 1.0, 3.0], [2.0, 2.0, 0.5]])
        // ties.argmax(axis=1), ties.argmin(axis=0)
        #expect(ties.argmax(dim: 1).scalars == [0, 0])
        #expect(ties.argmin(dim: 0).scalars == [1, 0, 1])
        #expect(Tensor([1, 5, 5]).argmax().item == 1)
        #expect(!ties.argmax(dim: 0).requiresGrad)
    }

    @Test("NaN propagates: it is the max and the min, and argmax points at it")
    func notANumber() {
        let x = Tensor([[1, .nan, 3]])
        #expect(x.max(dim: 1).item.isNaN)
        #expect(x.min().item.isNaN)
        #expect(x.argmax(dim: 1).item == 1)
    }

    @Test("max(dim:) sends the gradient to the first maximal element only (PyTorch's convention)")
    func gradientAlongDimensionOnTies() throws {
        let x = Tensor([[3.0, 1.0, 3.0], [2.0, 2.0, 0.5]], requiresGrad: true)
        x.max(dim: 1).backward(gradient: Tensor([10, 20]))
        #expect(try #require(x.grad).scalars == [10, 0, 0, 20, 0, 0])
        x.zeroGrad()
        x.min(dim: 0, keepDims: true).backward(gradient: Tensor([[1, 2, 3]]))
        #expect(try #require(x.grad).scalars == [0, 2, 0, 1, 0, 3])
    }

    @Test("max() and min() share the gradient evenly between tied elements (PyTorch's convention)")
    func gradientOfAllOnTies() throws {
        let x = Tensor([[3.0, 1.0, 3.0], [2.0, 3.0, 0.5]], requiresGrad: true)
        (x.max() * 6).backward()
        #expect(try #require(x.grad).scalars == [2, 0, 2, 0, 2, 0])
        x.zeroGrad()
        x.min().backward()
        #expect(try #require(x.grad).scalars == [0, 0, 0, 0, 0, 1])
    }

    /// (shape, dim, keepDims) covering every dimension of rank-1, rank-2 and rank-3 tensors,
    /// with and without keepDims.
    static let dimensionCases: [([Int], Int, Bool)] = GradientCheckTests.dimensionCases

    @Test("max(dim:) gradients", arguments: dimensionCases)
    func maxGradients(_ shape: [Int], _ dim: Int, _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 61) { inputs in inputs[0].max(dim: dim, keepDims: keepDims) }
    }

    @Test("min(dim:) gradients", arguments: dimensionCases)
    func minGradients(_ shape: [Int], _ dim: Int, _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 62) { inputs in inputs[0].min(dim: dim, keepDims: keepDims) }
    }

    @Test("max() and min() gradients")
    func fullGradients() {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 63) { inputs in inputs[0].max() }
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 2]], seed: 64) { inputs in inputs[0].min() * 3 }
    }
}
