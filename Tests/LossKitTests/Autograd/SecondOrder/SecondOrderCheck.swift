// Second-order gradient checking for the tests, on top of LossKit's public
// `secondOrderGradientCheck`: differentiating a gradient recorded with createGraph gives a
// Hessian-vector product, compared with central differences of the first-order gradient.

import LossKit
import Testing

enum SecondOrderCheck {
    /// The finite-difference step ε for differences of a gradient.
    static let step = 1e-5
    /// Allowed relative error, `|a − n| / max(1, |a|, |n|)`, for the Hessian-vector product and
    /// for the first-order gradient with a graph against without one. Central differences of a
    /// gradient with ε = 1e-5 are accurate to about 1e-9 for these smooth functions.
    static let tolerance = 1e-6

    /// Checks `function` at seeded random inputs of the given shapes (magnitudes 0.5 to 2, random
    /// signs, or positive only), all requiring gradients.
    static func expectMatch(
        shapes: [[Int]],
        seed: UInt64 = 1,
        positive: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ function: ([Tensor]) -> Tensor
    ) {
        let inputs = SampleValues.inputs(shapes: shapes, seed: seed, positive: positive)
        expectMatch(inputs: inputs, sourceLocation: sourceLocation, function)
    }

    /// Checks `function` at the given inputs (those that require gradients).
    static func expectMatch(
        inputs: [Tensor],
        sourceLocation: SourceLocation = #_sourceLocation,
        _ function: ([Tensor]) -> Tensor
    ) {
        let result = secondOrderGradientCheck(function, inputs: inputs, step: step, tolerance: tolerance)
        #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
        #expect(result.inputs.count == inputs.filter(\.requiresGrad).count, sourceLocation: sourceLocation)
    }
}
