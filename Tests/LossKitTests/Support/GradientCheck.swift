// Finite-difference gradient checking for the tests, on top of LossKit's public `gradientCheck`:
// it compares the gradients computed by backward() with central differences
// (f(x + h) − f(x − h)) / 2h, one element at a time, and records an issue when they disagree.

import LossKit
import Testing

enum GradientCheck {
    /// The finite-difference step h.
    static let step = 1e-6
    /// Allowed relative error between backward() and central differences,
    /// `|a − n| / max(1, |a|, |n|)`. Central differences with h = 1e-6 are accurate to about 1e-9
    /// for these smooth functions.
    static let tolerance = 1e-6

    /// Checks every input's gradient of `function` at seeded random inputs.
    ///
    /// - Parameters:
    ///   - shapes: The shape of each input; inputs are filled with ``SampleValues``.
    ///   - seed: Makes different tests use different values.
    ///   - positive: Whether to use only positive values (for log, sqrt, powers of tensors).
    ///   - function: The computation under test.
    static func expectGradientsMatch(
        shapes: [[Int]],
        seed: UInt64 = 1,
        positive: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ function: ([Tensor]) -> Tensor
    ) {
        let inputs = SampleValues.inputs(shapes: shapes, seed: seed, positive: positive)
        expectGradientsMatch(inputs: inputs, sourceLocation: sourceLocation, function)
    }

    /// Checks the gradients of `function` at the given inputs (those that require gradients).
    static func expectGradientsMatch(
        inputs: [Tensor],
        sourceLocation: SourceLocation = #_sourceLocation,
        _ function: ([Tensor]) -> Tensor
    ) {
        let result = gradientCheck(function, inputs: inputs, step: step, tolerance: tolerance)
        #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
        #expect(result.inputs.count == inputs.filter(\.requiresGrad).count, sourceLocation: sourceLocation)
    }
}

/// Deterministic pseudo-random values for tests, with magnitudes between 0.5 and 2 and random
/// signs, so that division never comes near zero and no value sits at a kink (0) of abs or relu.
struct SampleValues {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Tensors of the given shapes that require gradients, filled from a sampler seeded with
    /// `seed`: random signs, or positive only.
    static func inputs(shapes: [[Int]], seed: UInt64, positive: Bool) -> [Tensor] {
        var sampler = SampleValues(seed: seed)
        return shapes.map { shape in
            let count = shape.reduce(1, *)
            let values = positive ? sampler.nextPositive(count: count) : sampler.next(count: count)
            return Tensor(shape: shape, scalars: values, requiresGrad: true)
        }
    }

    /// The next `count` values, each with a random sign.
    mutating func next(count: Int) -> [Double] {
        (0..<count).map { _ in
            let magnitude = nextMagnitude()
            return generator.next() & 1 == 0 ? magnitude : -magnitude
        }
    }

    /// The next `count` values, all positive.
    mutating func nextPositive(count: Int) -> [Double] {
        (0..<count).map { _ in nextMagnitude() }
    }

    /// A magnitude between 0.5 and 2.
    private mutating func nextMagnitude() -> Double {
        0.5 + 1.5 * Double(generator.next() >> 11) / Double(UInt64(1) << 53)
    }
}
