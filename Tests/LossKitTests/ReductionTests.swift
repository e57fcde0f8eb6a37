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
}
