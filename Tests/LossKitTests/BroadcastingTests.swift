import LossKit
import Testing

@Suite("Broadcasting")
struct BroadcastingTests {
    @Test("Result shapes follow NumPy's rules", arguments: [
        ([2, 3], [3], [2, 3]),
        ([3], [2, 3], [2, 3]),
        ([2, 1], [1, 3], [2, 3]),
        ([2, 3], [], [2, 3]),
        ([], [], []),
        ([4, 1, 3], [2, 1], [4, 2, 3]),
        ([5, 4], [1], [5, 4]),
        ([0], [1], [0]),
        ([3, 1, 5], [1, 4, 1], [3, 4, 5]),
    ] as [([Int], [Int], [Int])])
    func resultShape(_ left: [Int], _ right: [Int], _ expected: [Int]) {
        let zerosLeft = Tensor(shape: left, scalars: Array(repeating: 0, count: left.reduce(1, *)))
        let zerosRight = Tensor(shape: right, scalars: Array(repeating: 0, count: right.reduce(1, *)))
        #expect((zerosLeft + zerosRight).shape == expected)
        #expect((zerosRight * zerosLeft).shape == expected)
    }

    @Test("A row is added to every row of a matrix")
    func rowAddedToMatrix() {
        let sum = Tensor([[1, 2, 3], [4, 5, 6]]) + Tensor([10, 20, 30])
        #expect(sum.shape == [2, 3])
        #expect(sum.scalars == [11, 22, 33, 14, 25, 36])
    }

    @Test("A column times a row is an outer product")
    func outerProduct() {
        let product = Tensor([[1], [2]]) * Tensor([[1, 2, 3]])
        #expect(product.shape == [2, 3])
        #expect(product.scalars == [1, 2, 3, 2, 4, 6])
    }

    @Test("Numbers on either side broadcast to every element")
    func numbers() {
        let x = Tensor([2, 4])
        #expect((x + 1).scalars == [3, 5])
        #expect((1 + x).scalars == [3, 5])
        #expect((x - 1).scalars == [1, 3])
        #expect((1 - x).scalars == [-1, -3])
        #expect((x * 3).scalars == [6, 12])
        #expect((3 * x).scalars == [6, 12])
        #expect((x / 2).scalars == [1, 2])
        #expect((8 / x).scalars == [4, 2])
        #expect((-x).scalars == [-2, -4])
    }

    @Test("Gradients of a broadcast input are summed back to its shape")
    func gradientsSumBack() throws {
        let matrix = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
        let row = Tensor([1, 1, 1], requiresGrad: true)
        let column = Tensor([[2], [3]], requiresGrad: true)
        (matrix * row + column).sum().backward()
        let rowGradient = try #require(row.grad)
        let columnGradient = try #require(column.grad)
        #expect(rowGradient.shape == [3])
        #expect(rowGradient.scalars == [5, 7, 9])
        #expect(columnGradient.shape == [2, 1])
        #expect(columnGradient.scalars == [3, 3])
        #expect(matrix.grad?.scalars == [1, 1, 1, 1, 1, 1])
    }
}
