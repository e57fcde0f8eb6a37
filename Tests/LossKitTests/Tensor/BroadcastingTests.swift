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

    /// The value broadcasting copies to each position: the textbook index arithmetic, one element at a time.
    static func naiveBroadcast(_ tensor: Tensor, to shape: [Int]) -> [Double] {
        let count = shape.reduce(1, *)
        return (0..<count).map { flatIndex in
            var remainder = flatIndex
            var sourceIndex = 0
            var sourceStride = 1
            for offset in stride(from: 1, through: shape.count, by: 1) {
                let size = shape[shape.count - offset]
                let position = remainder % size
                remainder /= size
                if offset <= tensor.rank {
                    let sourceSize = tensor.shape[tensor.rank - offset]
                    sourceIndex += (sourceSize == 1 ? 0 : position) * sourceStride
                    sourceStride *= sourceSize
                }
            }
            return tensor.scalars[sourceIndex]
        }
    }

    @Test("Strided loops agree with index arithmetic for many shape pairs", arguments: [
        ([2, 3, 4], [4]), ([2, 3, 4], [3, 1]), ([2, 3, 4], [2, 1, 4]), ([2, 1, 4], [1, 3, 1]),
        ([1, 3, 1, 5], [2, 1, 4, 1]), ([5, 1], [1, 1]), ([3, 1, 2], [3, 4, 1]), ([1], [2, 2, 2]), ([0, 3], [3]),
    ] as [([Int], [Int])])
    func stridedLoops(_ leftShape: [Int], _ rightShape: [Int]) throws {
        var sampler = SampleValues(seed: 91)
        let left = Tensor(shape: leftShape, scalars: sampler.next(count: leftShape.reduce(1, *)))
        let right = Tensor(shape: rightShape, scalars: sampler.next(count: rightShape.reduce(1, *)))
        let difference = left - right
        let leftValues = Self.naiveBroadcast(left, to: difference.shape)
        let rightValues = Self.naiveBroadcast(right, to: difference.shape)
        #expect(difference.scalars == zip(leftValues, rightValues).map { $0 - $1 })
        // The gradient of a broadcast operand is the sum over the copies.
        let leaf = Tensor(shape: rightShape, scalars: right.scalars, requiresGrad: true)
        let weights = Tensor(shape: difference.shape, scalars: (0..<difference.count).map { Double($0 % 5) - 2 })
        ((left - leaf) * weights).sum().backward()
        var expected = Array(repeating: 0.0, count: right.count)
        let positions = Self.naiveBroadcast(Tensor(shape: rightShape, scalars: (0..<right.count).map(Double.init)), to: difference.shape)
        for (position, weight) in zip(positions, weights.scalars) {
            expected[Int(position)] -= weight
        }
        #expect(try #require(leaf.grad).scalars == expected)
    }

    @Test("NumPy examples: A + r, A * c, A / r and an outer difference c - r")
    func numpyExamples() {
        // A = [[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]], r = [1.5, -0.5, 0.25], c = [[2.0], [-3.0]]
        let matrix = Tensor([[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]])
        let row = Tensor([1.5, -0.5, 0.25])
        let column = Tensor([[2.0], [-3.0]])
        #expect((matrix + row).scalars == [2.0, -1.75, 2.25, 5.0, 0.25, -2.25])
        #expect((matrix * column).scalars == [1.0, -2.5, 4.0, -10.5, -2.25, 7.5])
        #expect((matrix / row).scalars == [0.3333333333333333, 2.5, 8.0, 2.3333333333333335, -1.5, -10.0])
        #expect((column - row).scalars == [0.5, 2.5, 1.75, -4.5, -2.5, -3.25])
    }
}
