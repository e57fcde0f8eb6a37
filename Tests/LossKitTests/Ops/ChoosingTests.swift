import LossKit
import Testing

@Suite("where, maximum, minimum and clamp")
struct ChoosingTests {
    // A = [[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]], r = [1.5, -0.5, 0.25], c = [[2.0], [-3.0]]
    let matrix = Tensor([[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]])
    let row = Tensor([1.5, -0.5, 0.25])
    let column = Tensor([[2.0], [-3.0]])

    @Test("Values match NumPy, with broadcasting")
    func values() {
        // np.maximum(A, r), np.minimum(A, c), np.clip(A, -1, 1), np.where(A > 0, A, r)
        #expect(maximum(matrix, row).scalars == [1.5, -0.5, 2.0, 3.5, 0.75, 0.25])
        #expect(minimum(matrix, column).scalars == [0.5, -1.25, 2.0, -3.0, -3.0, -3.0])
        #expect(clamp(matrix, min: -1, max: 1).scalars == [0.5, -1.0, 1.0, 1.0, 0.75, -1.0])
        #expect(Tensor.where(matrix .> 0, matrix, row).scalars == [0.5, -0.5, 2.0, 3.5, 0.75, 0.25])
        #expect(Tensor.where(matrix .> 0, matrix, row).shape == [2, 3])
        // One bound only, and numbers as branches of where.
        #expect(clamp(matrix, min: 0).scalars == [0.5, 0, 2, 3.5, 0.75, 0])
        #expect(clamp(matrix, max: 0).scalars == [0, -1.25, 0, 0, 0, -2.5])
        #expect(Tensor.where(matrix .< 0, 0, matrix).scalars == [0.5, 0, 2, 3.5, 0.75, 0])
        #expect(Tensor.where(matrix .< 0, matrix, 0).scalars == [0, -1.25, 0, 0, 0, -2.5])
        // A condition of shape [2, 1] picks whole rows; nonzero counts as true.
        #expect(Tensor.where(Tensor([[0.3], [0]]), matrix, row).scalars == [0.5, -1.25, 2.0, 1.5, -0.5, 0.25])
    }

    @Test("NaN propagates through maximum, minimum and clamp; min > max clamps to max (as in PyTorch)")
    func edgeCases() {
        #expect(maximum(Tensor([.nan, 1]), Tensor([0, .nan])).scalars.allSatisfy { $0.isNaN })
        #expect(minimum(Tensor([.nan, 1]), Tensor([0, .nan])).scalars.allSatisfy { $0.isNaN })
        #expect(clamp(Tensor([.nan]), min: 0, max: 1).item.isNaN)
        #expect(clamp(Tensor([-5, 0.5, 5]), min: 2, max: 1).scalars == [1, 1, 1])
    }

    static let shapePairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1], [1, 3]), ([2, 3], []), ([4, 1, 3], [2, 1])]

    @Test("maximum and minimum gradients, with broadcasting", arguments: shapePairs)
    func extremeGradients(_ leftShape: [Int], _ rightShape: [Int]) {
        GradientCheck.expectGradientsMatch(shapes: [leftShape, rightShape], seed: 71) { inputs in maximum(inputs[0], inputs[1]) }
        GradientCheck.expectGradientsMatch(shapes: [leftShape, rightShape], seed: 72) { inputs in minimum(inputs[0], inputs[1]) }
    }

    @Test("where gradients, with broadcasting of the condition and both branches",
          arguments: [([2, 3], [2, 3], [2, 3]), ([2, 3], [3], [2, 1]), ([3], [2, 3], []), ([2, 1], [1, 3], [3])] as [([Int], [Int], [Int])])
    func whereGradients(_ conditionShape: [Int], _ trueShape: [Int], _ falseShape: [Int]) {
        var sampler = SampleValues(seed: 73)
        let condition = Tensor(shape: conditionShape, scalars: sampler.next(count: conditionShape.reduce(1, *))) .> 0
        GradientCheck.expectGradientsMatch(shapes: [trueShape, falseShape], seed: 74) { inputs in
            Tensor.where(condition, inputs[0], inputs[1])
        }
    }

    @Test("clamp gradients (inputs away from the bounds)")
    func clampGradients() {
        // Sample magnitudes lie in [0.5, 2), so bounds at ±1.1 leave some inside and some outside.
        GradientCheck.expectGradientsMatch(shapes: [[4, 5]], seed: 75) { inputs in clamp(inputs[0], min: -1.1, max: 1.1) }
        GradientCheck.expectGradientsMatch(shapes: [[4, 5]], seed: 76) { inputs in clamp(inputs[0], min: -0.7) }
        GradientCheck.expectGradientsMatch(shapes: [[4, 5]], seed: 77) { inputs in clamp(inputs[0], max: 0.9) }
    }

    @Test("Ties in maximum and minimum split the gradient in half (torch.maximum's convention)")
    func tiesSplitTheGradient() throws {
        let left = Tensor([1, 2, 3], requiresGrad: true)
        let right = Tensor([3, 2, 1], requiresGrad: true)
        maximum(left, right).backward(gradient: Tensor([10, 10, 10]))
        #expect(try #require(left.grad).scalars == [0, 5, 10])
        #expect(try #require(right.grad).scalars == [10, 5, 0])
        left.zeroGrad()
        right.zeroGrad()
        minimum(left, right).backward(gradient: Tensor([10, 10, 10]))
        #expect(try #require(left.grad).scalars == [10, 5, 0])
        #expect(try #require(right.grad).scalars == [0, 5, 10])
    }

    @Test("clamp passes the gradient at the boundaries, where min ≤ x ≤ max (torch.clamp's convention)")
    func clampBoundaries() throws {
        let x = Tensor([-2, -1, 0, 1, 2], requiresGrad: true)
        clamp(x, min: -1, max: 1).sum().backward()
        #expect(try #require(x.grad).scalars == [0, 1, 1, 1, 0])
    }

    @Test("where sends the gradient to the chosen branch only, summed back over broadcasting")
    func whereRoutesGradients() throws {
        let whenTrue = Tensor([1, 2, 3], requiresGrad: true)
        let whenFalse = Tensor(0, requiresGrad: true)
        Tensor.where(Tensor([[1, 0, 1], [0, 0, 1]]), whenTrue, whenFalse).sum().backward()
        #expect(try #require(whenTrue.grad).scalars == [1, 0, 2])
        #expect(try #require(whenFalse.grad).item == 3)
    }
}
