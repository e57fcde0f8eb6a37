import LossKit
import Testing

@Suite("Slicing and joining")
struct SlicingJoiningTests {
    let matrix = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])

    @Test("x[i] takes an entry of the first dimension; negative indices count from the end")
    func index() {
        #expect(matrix[0].shape == [3])
        #expect(matrix[0].scalars == [1, 2, 3])
        #expect(matrix[-1].scalars == [10, 11, 12])
        #expect(matrix[2][1].shape == [])
        #expect(matrix[2][1].item == 8)
    }

    @Test("x[range] keeps the first dimension; every kind of Swift range works")
    func rangeSubscript() {
        #expect(matrix[1..<3].shape == [2, 3])
        #expect(matrix[1..<3].scalars == [4, 5, 6, 7, 8, 9])
        #expect(matrix[1...2].scalars == [4, 5, 6, 7, 8, 9])
        #expect(matrix[2...].scalars == [7, 8, 9, 10, 11, 12])
        #expect(matrix[..<1].scalars == [1, 2, 3])
        #expect(matrix[4...].shape == [0, 3])
    }

    @Test("slice(dim:range:) along the columns, and on a rank-3 tensor")
    func sliceAlongDimension() {
        #expect(matrix.slice(dim: 1, range: 1..<3).scalars == [2, 3, 5, 6, 8, 9, 11, 12])
        #expect(matrix.slice(dim: -1, range: ...0).shape == [4, 1])
        let cube = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Double.init))
        // NumPy: np.arange(12).reshape(2, 3, 2)[:, 1:3, :]
        #expect(cube.slice(dim: 1, range: 1..<3).scalars == [2, 3, 4, 5, 8, 9, 10, 11])
    }

    @Test("The gradient of a slice lands where the slice was read; the rest is zero")
    func sliceGradient() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
        (x.slice(dim: 1, range: 1...) * 2).sum().backward()
        #expect(gradientValues(of: x) == [0, 2, 2, 0, 2, 2])
        x.zeroGrad()
        (x[1] + x[1] + x[0..<1].sum()).sum().backward()
        #expect(gradientValues(of: x) == [3, 3, 3, 2, 2, 2])
    }

    @Test("Gradients of indexing and slicing", arguments: [0, 1, 2, 3])
    func slicingGradients(_ which: Int) {
        GradientCheck.expectGradientsMatch(shapes: [[4, 3, 2]], seed: 111) { inputs in
            let x = inputs[0]
            switch which {
            case 0: return x[1] * x[-1]
            case 1: return x[1..<3]
            case 2: return x.slice(dim: 1, range: 1...2) * x.slice(dim: 1, range: 0..<2)
            default: return x.slice(dim: -1, range: 1..<2).squeezed(dim: -1)
            }
        }
    }

    @Test("concat joins along an existing dimension")
    func concatenate() {
        let a = Tensor([[1, 2], [3, 4]])
        let b = Tensor([[5, 6]])
        let rows = concat([a, b])
        #expect(rows.shape == [3, 2])
        #expect(rows.scalars == [1, 2, 3, 4, 5, 6])
        let columns = concat([a, Tensor([[7], [8]]), a], dim: -1)
        #expect(columns.shape == [2, 5])
        #expect(columns.scalars == [1, 2, 7, 1, 2, 3, 4, 8, 3, 4])
        #expect(concat([a, Tensor(shape: [0, 2], scalars: [])]).scalars == a.scalars)
    }

    @Test("stack joins along a new dimension")
    func stacking() {
        let a = Tensor([1, 2, 3])
        let b = Tensor([4, 5, 6])
        #expect(stack([a, b]).shape == [2, 3])
        #expect(stack([a, b]).scalars == [1, 2, 3, 4, 5, 6])
        #expect(stack([a, b], dim: 1).shape == [3, 2])
        #expect(stack([a, b], dim: -1).scalars == [1, 4, 2, 5, 3, 6])
        // NumPy: np.stack([m, m + 10], axis=1) for m = np.arange(4).reshape(2, 2)
        let m = Tensor([[0, 1], [2, 3]])
        #expect(stack([m, m + 10], dim: 1).scalars == [0, 1, 10, 11, 2, 3, 12, 13])
    }

    @Test("Gradients of concat and stack, including a tensor used twice")
    func joiningGradients() {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3], [2, 1], [2, 2]], seed: 112) { inputs in
            concat([inputs[0], inputs[1], inputs[2], inputs[1]], dim: 1)
        }
        GradientCheck.expectGradientsMatch(shapes: [[1, 3, 2], [2, 3, 2]], seed: 113) { inputs in
            concat([inputs[0], inputs[1]], dim: 0) * concat([inputs[1], inputs[0]], dim: 0)
        }
        GradientCheck.expectGradientsMatch(shapes: [[3, 2], [3, 2]], seed: 114) { inputs in
            stack([inputs[0], inputs[1] * inputs[0], inputs[1]], dim: 1)
        }
    }
}
