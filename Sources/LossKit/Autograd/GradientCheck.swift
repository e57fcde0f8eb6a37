// Checking backward() against finite differences, the standard test for a gradient.

/// How closely the gradients from ``Tensor/backward(createGraph:)`` match central finite differences,
/// as returned by ``gradientCheck(_:inputs:step:tolerance:)``.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
    /// The comparison for one checked input.
    public struct InputComparison: Sendable {
        /// The position of the input in the `inputs` list given to ``gradientCheck(_:inputs:step:tolerance:)``.
        public let index: Int
        /// The input's shape.
        public let shape: [Int]
        /// The gradient computed by `backward()`, in row-major order (zeros if none arrived).
        public let analytic: [Double]
        /// The gradient estimated by central differences, in row-major order.
        public let numeric: [Double]
        /// The largest `|analytic − numeric|` over the elements.
        public let maxAbsoluteError: Double
        /// The largest `|analytic − numeric| / max(1, |analytic|, |numeric|)` over the elements:
        /// a relative error for large gradients and an absolute one for gradients near zero.
        public let maxRelativeError: Double
        /// Whether ``maxRelativeError`` is within the tolerance.
        public let passed: Bool
    }

    /// One comparison per input that requires gradients, in the order of the inputs.
    public let inputs: [InputComparison]
    /// The tolerance the errors were compared with.
    public let tolerance: Double

    /// Whether every checked input passed.
    public var passed: Bool { inputs.allSatisfy(\.passed) }
    /// The largest absolute error over all checked inputs.
    public var maxAbsoluteError: Double { inputs.map(\.maxAbsoluteError).max() ?? 0 }
    /// The largest relative error over all checked inputs.
    public var maxRelativeError: Double { inputs.map(\.maxRelativeError).max() ?? 0 }

    /// A summary naming every input's errors, and for a failing input both gradients, the
    /// numbers in the print format (see ``PrintOptions``).
    public var description: String {
        let options = PrintOptions.current
        return checkReport(
            title: "gradientCheck \(passed ? "passed" : "FAILED"): max relative error \(options.format(maxRelativeError)) (tolerance \(tolerance))",
            inputs: inputs.map { input in
                (summary: "input \(input.index) \(input.shape): max absolute error \(options.format(input.maxAbsoluteError)), max relative error \(options.format(input.maxRelativeError))",
                 passed: input.passed, analytic: input.analytic, numeric: input.numeric)
            },
            analyticLabel: "backward()", numericLabel: "central differences")
}
}

/// Compares the gradients that ``Tensor/backward(createGraph:)`` computes for `function` with central
/// finite differences, one input element at a time.
///
/// For each element `xₖ` of each input that requires gradients, the numeric estimate is
/// `(f(x + h·eₖ) − f(x − h·eₖ)) / 2h`, whose error shrinks like `h²`. A non-scalar output is first
/// reduced to a number with fixed, uneven weights, `f(x) = Σ wᵢ · outputᵢ` (each `|wᵢ|` in
/// [0.5, 1.5) with a random sign, from a fixed seed), so that every output element sends a
/// different gradient back and a mistake in any of them shows.
///
/// ```swift
/// let x = Tensor.randomNormal([3, 4], requiresGrad: true)
/// let result = gradientCheck({ inputs in softmax(inputs[0], dim: 1) }, inputs: [x])
/// print(result.passed, result.maxRelativeError)
/// ```
///
/// The inputs themselves are not changed and receive no gradient: the check works on copies.
/// Inputs that do not require gradients are held constant. `function` must be deterministic
/// (create a seeded generator inside it if it draws random numbers), and the inputs should stay
/// away from kinks such as `relu` at 0, where no derivative exists.
///
/// - Parameters:
///   - function: The computation to check, from the inputs to any tensor.
///   - inputs: The values to check at; those that require gradients are checked.
///   - step: The finite-difference step `h`. About 1e-6 balances truncation error (∝ h²)
///     against rounding error (∝ 1/h) in double precision.
///   - tolerance: The largest allowed relative error, `|a − n| / max(1, |a|, |n|)`.
/// - Returns: The errors for each checked input, and whether all are within `tolerance`.
public func gradientCheck(
    _ function: ([Tensor]) -> Tensor,
    inputs: [Tensor],
    step: Double = 1e-6,
    tolerance: Double = 1e-6
) -> GradientCheckResult {
    checkPrecondition(step > 0 && step.isFinite, "gradientCheck(step: \(step)) needs a positive step.")
    checkPrecondition(
        inputs.contains(where: \.requiresGrad),
        "gradientCheck checks the inputs that require gradients, but none of the \(inputs.count) inputs does: create them with requiresGrad: true."
    )
    let shapes = inputs.map(\.shape)
    let values = inputs.map(\.scalars)
    let leaves = inputs.map { Tensor(shape: $0.shape, storage: $0.scalars, requiresGrad: $0.requiresGrad, gradientFunction: nil) }

    // The analytic gradient of Σ wᵢ · outputᵢ, recorded even if the caller disabled recording.
    let (weights, outputShape) = GradientRecording.$isEnabled.withValue(true) { () -> (Tensor, [Int]) in
        let output = function(leaves)
        var generator = SeededGenerator(seed: 0x6772_6164_6368_6563)
        let weightValues = unevenSignedValues(count: output.count, using: &generator)
        let weights = Tensor.plain(weightValues, shape: output.shape)
        if output.requiresGrad {
            (output * weights).sum().backward()
        }
        return (weights, output.shape)
    }

    /// The weighted output for the given input values, without recording.
    func weightedOutput(_ values: [[Double]]) -> Double {
        withoutGradients {
            let output = function(zip(shapes, values).map { Tensor.plain($1, shape: $0) })
            checkPrecondition(
                output.shape == outputShape,
                "gradientCheck needs a function whose output shape does not depend on the input values, but it returned \(outputShape) and then \(output.shape)."
            )
            return (output * weights).sum().item
        }
    }

    var comparisons: [GradientCheckResult.InputComparison] = []
    for (index, leaf) in leaves.enumerated() where leaf.requiresGrad {
        var numeric: [Double] = []
        numeric.reserveCapacity(leaf.count)
        for element in 0..<leaf.count {
            var plus = values
            plus[index][element] += step
            var minus = values
            minus[index][element] -= step
            numeric.append((weightedOutput(plus) - weightedOutput(minus)) / (2 * step))
        }
        let analytic = leaf.grad?.scalars ?? Array(repeating: 0, count: leaf.count)
        let (maxAbsoluteError, maxRelativeError) = largestErrors(analytic, numeric)
        comparisons.append(GradientCheckResult.InputComparison(
            index: index,
            shape: leaf.shape,
            analytic: analytic,
            numeric: numeric,
            maxAbsoluteError: maxAbsoluteError,
            maxRelativeError: maxRelativeError,
            passed: maxRelativeError <= tolerance
        ))
    }
    return GradientCheckResult(inputs: comparisons, tolerance: tolerance)
}
