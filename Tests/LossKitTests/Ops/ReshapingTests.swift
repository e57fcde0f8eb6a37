import LossKit
import Testing

@Suite("Reshaping, transposing and permuting")
struct ReshapingTests {
    let cube = numpyRamp([2, 3, 4])

    @Test("reshaped infers the one -1 dimension")
    func reshapeInfersDimension() {
        #expect(cube.reshaped([4, -1]).shape == [4, 6])
        #expect(cube.reshaped([-1]).shape == [24])
        #expect(cube.reshaped([2, -1, 3]).shape == [2, 4, 3])
        #expect(cube.reshaped([6, 4]).scalars == cube.scalars)
        #expect(Tensor(5).reshaped([-1]).shape == [1])
        #expect(Tensor(shape: [0, 3], scalars: []).reshaped([3, -1]).shape == [3, 0])
    }

    @Test("flattened merges a range of dimensions, like torch.flatten")
    func flatten() {
        let tensor = Tensor(shape: [2, 3, 4, 5], scalars: (0..<120).map(Double.init))
        #expect(tensor.flattened().shape == [120])
        #expect(tensor.flattened(startDim: 1).shape == [2, 60])
        #expect(tensor.flattened(startDim: 1, endDim: 2).shape == [2, 12, 5])
        #expect(tensor.flattened(startDim: -2).shape == [2, 3, 20])
        #expect(tensor.flattened(startDim: 2, endDim: 2).shape == [2, 3, 4, 5])
        #expect(Tensor(7).flattened().shape == [1])
    }

    @Test("squeezed drops size-1 dimensions; squeezed(dim:) leaves other sizes alone, like PyTorch")
    func squeeze() {
        let tensor = Tensor(shape: [1, 3, 1, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(tensor.squeezed().shape == [3, 2])
        #expect(tensor.squeezed(dim: 0).shape == [3, 1, 2])
        #expect(tensor.squeezed(dim: -2).shape == [1, 3, 2])
        #expect(tensor.squeezed(dim: 1).shape == [1, 3, 1, 2])
        #expect(Tensor(shape: [1, 1], scalars: [4]).squeezed().shape == [])
        #expect(Tensor(3).squeezed(dim: 0).shape == [])
    }

    @Test("unsqueezed inserts a size-1 dimension, negative positions counting from the end of the result")
    func unsqueeze() {
        let vector = Tensor([1, 2, 3])
        #expect(vector.unsqueezed(dim: 0).shape == [1, 3])
        #expect(vector.unsqueezed(dim: 1).shape == [3, 1])
        #expect(vector.unsqueezed(dim: -1).shape == [3, 1])
        #expect(vector.unsqueezed(dim: -2).shape == [1, 3])
        #expect(Tensor(2).unsqueezed(dim: 0).shape == [1])
    }

    @Test("transposed() of a matrix swaps rows and columns; vectors stay as they are, like x.t()")
    func transposeMatrix() {
        let matrix = Tensor([[1, 2, 3], [4, 5, 6]])
        let transposed = matrix.transposed()
        #expect(transposed.shape == [3, 2])
        #expect(transposed.scalars == [1, 4, 2, 5, 3, 6])
        #expect(Tensor([1, 2]).transposed().shape == [2])
        #expect(transposed.transposed().scalars == matrix.scalars)
    }

    @Test("permuted and transposed(_:_:) match NumPy")
    func permuteMatchesNumPy() {
        // NumPy: np.transpose(ramp([2,3,4]), (2,0,1))
        expectValues(cube.permuted([2, 0, 1]), shape: [4, 2, 3], [
            -2.84375, -0.3125, 2.21875, -1.84375, 0.6875, 3.21875,
            -0.5625, 1.96875, -2.09375, 0.4375, 2.96875, -1.09375,
            1.71875, -2.34375, 0.1875, 2.71875, -1.34375, 1.1875,
            -2.59375, -0.0625, 2.46875, -1.59375, 0.9375, 3.46875,
        ])
        // NumPy: ramp([2,3,4]).swapaxes(0,2)
        expectValues(cube.transposed(0, 2), shape: [4, 3, 2], [
            -2.84375, -1.84375, -0.3125, 0.6875, 2.21875, 3.21875,
            -0.5625, 0.4375, 1.96875, 2.96875, -2.09375, -1.09375,
            1.71875, 2.71875, -2.34375, -1.34375, 0.1875, 1.1875,
            -2.59375, -1.59375, -0.0625, 0.9375, 2.46875, 3.46875,
        ])
        #expect(cube.transposed(-1, 0).scalars == cube.transposed(0, 2).scalars)
        #expect(cube.permuted([-1, 0, 1]).scalars == cube.permuted([2, 0, 1]).scalars)
        #expect(cube.permuted([0, 1, 2]) === cube)
    }

    @Test("Empty dimensions survive permuting")
    func emptyPermute() {
        let empty = Tensor(shape: [2, 0, 3], scalars: [])
        #expect(empty.permuted([2, 1, 0]).shape == [3, 0, 2])
    }

    @Test("Gradients of reshaping operations", arguments: [0, 1, 2, 3, 4, 5])
    func reshapeGradients(_ which: Int) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 1, 3, 2]], seed: 101) { inputs in
            let x = inputs[0]
            switch which {
            case 0: return x.reshaped([3, -1])
            case 1: return x.flattened(startDim: 1, endDim: 2)
            case 2: return x.squeezed()
            case 3: return x.squeezed(dim: 1).unsqueezed(dim: -1)
            case 4: return x.flattened() * x.flattened()
            default: return x.reshaped([-1, 2]).transposed()
            }
        }
    }

    @Test("Gradients of transposed and permuted", arguments: [[1, 0, 2], [2, 0, 1], [0, 2, 1], [2, 1, 0]])
    func permuteGradients(_ order: [Int]) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 4]], seed: 102) { inputs in
            inputs[0].permuted(order) * inputs[0].permuted(order)
        }
        GradientCheck.expectGradientsMatch(shapes: [[3, 5], [5, 2]], seed: 103) { inputs in
            matmul(inputs[0].transposed().transposed(), inputs[1]).transposed(0, 1)
        }
    }
}
