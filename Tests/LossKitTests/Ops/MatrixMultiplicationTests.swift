import LossKit
import Testing

@Suite("Matrix multiplication")
struct MatrixMultiplicationTests {
    /// The textbook triple loop, to compare BLAS against.
    static func naiveProduct(_ left: Tensor, _ right: Tensor) -> [Double] {
        let (rows, inner, columns) = (left.shape[0], left.shape[1], right.shape[1])
        var output = Array(repeating: 0.0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                for step in 0..<inner {
                    output[row * columns + column] += left.scalars[row * inner + step] * right.scalars[step * columns + column]
                }
            }
        }
        return output
    }

    @Test("A 2 × 2 example by hand")
    func handExample() {
        let product = matmul(Tensor([[1, 2], [3, 4]]), Tensor([[5, 6], [7, 8]]))
        #expect(product.shape == [2, 2])
        #expect(product.scalars == [19, 22, 43, 50])
    }

    @Test("Rectangular matrices agree with the triple loop", arguments: [([2, 3], [3, 4]), ([1, 5], [5, 1]), ([5, 1], [1, 5]), ([7, 6], [6, 3])])
    func rectangular(_ leftShape: [Int], _ rightShape: [Int]) {
        var sampler = SampleValues(seed: 5)
        let left = Tensor(shape: leftShape, scalars: sampler.next(count: leftShape.reduce(1, *)))
        let right = Tensor(shape: rightShape, scalars: sampler.next(count: rightShape.reduce(1, *)))
        let product = matmul(left, right)
        #expect(product.shape == [leftShape[0], rightShape[1]])
        #expect(allClose(product.scalars, Self.naiveProduct(left, right), tolerance: 1e-14))
    }

    @Test("An empty inner dimension gives zeros, and empty outer dimensions give empty results")
    func emptyDimensions() {
        let zeros = matmul(Tensor(shape: [2, 0], scalars: []), Tensor(shape: [0, 3], scalars: []))
        #expect(zeros.shape == [2, 3])
        #expect(zeros.scalars == [0, 0, 0, 0, 0, 0])
        let empty = matmul(Tensor(shape: [0, 2], scalars: []), Tensor([[1, 2], [3, 4]]))
        #expect(empty.shape == [0, 2])
    }

    @Test("Gradients are gradient × rightᵀ and leftᵀ × gradient")
    func gradients() {
        let left = Tensor([[1, 2], [3, 4]], requiresGrad: true)
        let right = Tensor([[5, 6], [7, 8]], requiresGrad: true)
        matmul(left, right).sum().backward()
        // With an all-ones gradient: row sums of right, and column sums of left.
        #expect(left.grad?.scalars == [11, 15, 11, 15])
        #expect(right.grad?.scalars == [4, 4, 6, 6])
    }
}
