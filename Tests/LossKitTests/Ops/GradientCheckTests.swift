import LossKit
import Testing

/// The four elementwise operators, as test arguments.
enum BinaryOperation: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    var testDescription: String { rawValue }

    func apply(_ left: Tensor, _ right: Tensor) -> Tensor {
        switch self {
        case .add: left + right
        case .subtract: left - right
        case .multiply: left * right
        case .divide: left / right
        }
    }

    func apply(_ left: Tensor, _ right: Double) -> Tensor {
        switch self {
        case .add: left + right
        case .subtract: left - right
        case .multiply: left * right
        case .divide: left / right
        }
    }

    func apply(_ left: Double, _ right: Tensor) -> Tensor {
        switch self {
        case .add: left + right
        case .subtract: left - right
        case .multiply: left * right
        case .divide: left / right
        }
    }
}

@Suite("Gradients match central differences (h = 1e-6, tolerance 1e-6)")
struct GradientCheckTests {
    /// Pairs of operand shapes, covering equal shapes and every kind of broadcast.
    static let shapePairs: [([Int], [Int])] = [
        ([2, 3], [2, 3]),
        ([2, 3], [3]),
        ([3], [2, 3]),
        ([2, 1], [1, 3]),
        ([2, 3], []),
        ([], [2, 3]),
        ([4, 1, 3], [2, 1]),
    ]

    @Test("Elementwise operators with broadcasting", arguments: BinaryOperation.allCases, shapePairs)
    func elementwise(_ operation: BinaryOperation, shapes: ([Int], [Int])) {
        GradientCheck.expectGradientsMatch(shapes: [shapes.0, shapes.1], seed: 11) { inputs in
            operation.apply(inputs[0], inputs[1])
        }
    }

    @Test("Operators with a number on the right", arguments: BinaryOperation.allCases)
    func numberOnTheRight(_ operation: BinaryOperation) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3]], seed: 12) { inputs in
            operation.apply(inputs[0], 1.7)
        }
    }

    @Test("Operators with a number on the left", arguments: BinaryOperation.allCases)
    func numberOnTheLeft(_ operation: BinaryOperation) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3]], seed: 13) { inputs in
            operation.apply(-0.8, inputs[0])
        }
    }

    @Test("Negation")
    func negation() {
        GradientCheck.expectGradientsMatch(shapes: [[3, 2]], seed: 14) { inputs in -inputs[0] }
    }

    @Test("A tensor used several times in one expression")
    func reusedTensor() {
        GradientCheck.expectGradientsMatch(shapes: [[3], [2, 3]], seed: 15) { inputs in
            let (x, y) = (inputs[0], inputs[1])
            return (x * x + y / x) * (y - x) - x
        }
    }

    @Test("sum() and mean() over all elements")
    func fullReductions() {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3]], seed: 16) { inputs in inputs[0].sum() }
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 2]], seed: 17) { inputs in inputs[0].mean() }
        GradientCheck.expectGradientsMatch(shapes: [[]], seed: 18) { inputs in inputs[0].mean() * 3 }
    }

    /// Every dimension of a rank-1, rank-2 and rank-3 tensor, each without keepDims (counted from
    /// the front) and with keepDims (counted from the end, as a negative dim).
    static let dimensionCases: [([Int], Int, Bool)] = [[5], [2, 3], [2, 3, 4]].flatMap { shape in
        (0..<shape.count).flatMap { dim in [(shape, dim, false), (shape, dim - shape.count, true)] }
    }

    @Test("sum(dim:keepDims:)", arguments: dimensionCases)
    func sumAlongDimension(_ shape: [Int], _ dim: Int, _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 19) { inputs in
            inputs[0].sum(dim: dim, keepDims: keepDims)
        }
    }

    @Test("mean(dim:keepDims:)", arguments: dimensionCases)
    func meanAlongDimension(_ shape: [Int], _ dim: Int, _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 20) { inputs in
            inputs[0].mean(dim: dim, keepDims: keepDims)
        }
    }

    @Test("Normalizing by a kept-dimension mean broadcasts correctly")
    func centeredRows() {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 21) { inputs in
            let x = inputs[0]
            let centered = x - x.mean(dim: 1, keepDims: true)
            return centered * centered
        }
    }

    @Test("matmul", arguments: [([2, 3], [3, 4]), ([1, 5], [5, 1]), ([4, 2], [2, 4]), ([3, 3], [3, 3])])
    func matrixProduct(_ leftShape: [Int], _ rightShape: [Int]) {
        GradientCheck.expectGradientsMatch(shapes: [leftShape, rightShape], seed: 22) { inputs in
            matmul(inputs[0], inputs[1])
        }
    }

    @Test("A linear layer: matmul plus a broadcast bias")
    func linearLayer() {
        GradientCheck.expectGradientsMatch(shapes: [[5, 3], [3, 2], [2]], seed: 23) { inputs in
            matmul(inputs[0], inputs[1]) + inputs[2]
        }
    }

    @Test("mseLoss with every reduction", arguments: Reduction.allCases)
    func meanSquaredError(_ reduction: Reduction) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3], [2, 3]], seed: 24) { inputs in
            mseLoss(inputs[0], inputs[1], reduction: reduction)
        }
    }
}
