// Finite-difference gradient checking: compares the gradients computed by backward() with
// central differences (f(x + h) − f(x − h)) / 2h, one element at a time.

import LossKit
import Testing

enum GradientCheck {
    /// The finite-difference step h.
    static let step = 1e-6
    /// Allowed difference between backward() and central differences, absolute plus relative.
    /// Central differences with h = 1e-6 are accurate to about 1e-9 for these smooth functions.
    static let tolerance = 1e-6

    /// Checks every input's gradient of `function` against central differences.
    ///
    /// The output of `function` may have any shape; it is reduced to a scalar with fixed,
    /// uneven weights, `sum(output * weights)`, so that every output element sends a
    /// different gradient back.
    ///
    /// - Parameters:
    ///   - shapes: The shape of each input; inputs are filled with ``SampleValues``.
    ///   - seed: Makes different tests use different values.
    ///   - function: The computation under test.
    static func expectGradientsMatch(
        shapes: [[Int]],
        seed: UInt64 = 1,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ function: ([Tensor]) -> Tensor
    ) {
        var sampler = SampleValues(seed: seed)
        let inputValues = shapes.map { sampler.next(count: $0.reduce(1, *)) }
        let leaves = zip(shapes, inputValues).map { Tensor(shape: $0, scalars: $1, requiresGrad: true) }
        let output = function(leaves)
        let weights = Tensor(shape: output.shape, scalars: sampler.next(count: output.count))
        (output * weights).sum().backward()

        /// The weighted output for given input values, computed without gradients.
        func weightedOutput(_ values: [[Double]]) -> Double {
            let inputs = zip(shapes, values).map { Tensor(shape: $0, scalars: $1) }
            return (function(inputs) * weights).sum().item
        }

        for (inputIndex, leaf) in leaves.enumerated() {
            var numeric: [Double] = []
            for elementIndex in inputValues[inputIndex].indices {
                var plus = inputValues
                plus[inputIndex][elementIndex] += step
                var minus = inputValues
                minus[inputIndex][elementIndex] -= step
                numeric.append((weightedOutput(plus) - weightedOutput(minus)) / (2 * step))
            }
            guard let analytic = leaf.grad else {
                Issue.record("input \(inputIndex) (shape \(leaf.shape)) received no gradient", sourceLocation: sourceLocation)
                continue
            }
            #expect(analytic.shape == leaf.shape, sourceLocation: sourceLocation)
            #expect(
                allClose(analytic.scalars, numeric, tolerance: tolerance),
                "input \(inputIndex) (shape \(leaf.shape)): backward() \(analytic.scalars) vs central differences \(numeric)",
                sourceLocation: sourceLocation
            )
        }
    }
}

/// Deterministic pseudo-random values for tests (SplitMix64), with magnitudes between 0.5 and 2
/// and random signs, so that division never comes near zero.
struct SampleValues {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next `count` values.
    mutating func next(count: Int) -> [Double] {
        (0..<count).map { _ in
            let bits = nextBits()
            let unit = Double(bits >> 11) / Double(UInt64(1) << 53)
            let magnitude = 0.5 + 1.5 * unit
            return bits & 1 == 0 ? magnitude : -magnitude
        }
    }

    private mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
