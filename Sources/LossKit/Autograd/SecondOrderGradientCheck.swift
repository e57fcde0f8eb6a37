// Checking gradients of gradients against finite differences of the first-order gradient.
//
// The first-order check (`gradientCheck`) compares backward() with differences of the function.
// One order up, the quantity checked is a Hessian-vector product: the gradient of
// h(x) = ⟨v, ∇s(x)⟩, computed by differentiating the recorded gradient (createGraph), against
// central differences of h, where each h is an ordinary first-order gradient.

/// How closely the gradients of gradients (`createGraph: true`) match central differences of the
/// first-order gradient, as returned by ``secondOrderGradientCheck(_:inputs:step:tolerance:)``.
public struct SecondOrderGradientCheckResult: Sendable, CustomStringConvertible {
    /// The comparison for one checked input.
    public struct InputComparison: Sendable {
        /// The position of the input in the `inputs` list.
        public let index: Int
        /// The input's shape.
        public let shape: [Int]
        /// The largest relative difference between the first-order gradient computed with a graph
        /// (the differentiable rules) and without one (the fast rules): both must agree.
        public let firstOrderMismatch: Double
        /// This input's part of the Hessian-vector product `H·v`, from differentiating the recorded
        /// gradient, in row-major order.
        public let analytic: [Double]
        /// The same from central differences of `⟨v, ∇s⟩`, in row-major order.
        public let numeric: [Double]
        /// The largest `|analytic − numeric|` over the elements.
        public let maxAbsoluteError: Double
        /// The largest `|analytic − numeric| / max(1, |analytic|, |numeric|)` over the elements.
        public let maxRelativeError: Double
        /// Whether both the first-order mismatch and the relative error are within the tolerance.
        public let passed: Bool
    }

    /// One comparison per input that requires gradients, in the order of the inputs.
    public let inputs: [InputComparison]
    /// The tolerance the errors were compared with.
    public let tolerance: Double

    /// Whether every checked input passed.
    public var passed: Bool { inputs.allSatisfy(\.passed) }
    /// The largest relative error of the Hessian-vector product over all checked inputs.
    public var maxRelativeError: Double { inputs.map(\.maxRelativeError).max() ?? 0 }
    /// The largest first-order mismatch (graph against fast rules) over all checked inputs.
    public var firstOrderMismatch: Double { inputs.map(\.firstOrderMismatch).max() ?? 0 }

    /// A summary naming every input's errors, and for a failing input both products, the numbers
    /// in the print format (see ``PrintOptions``).
    public var description: String {
        let options = PrintOptions.current
        return checkReport(
            title: "secondOrderGradientCheck \(passed ? "passed" : "FAILED"): max relative error \(options.format(maxRelativeError)), first-order mismatch \(options.format(firstOrderMismatch)) (tolerance \(tolerance))",
            inputs: inputs.map { input in
                (summary: "input \(input.index) \(input.shape): max relative error \(options.format(input.maxRelativeError)), first-order mismatch \(options.format(input.firstOrderMismatch))",
                 passed: input.passed, analytic: input.analytic, numeric: input.numeric)
            },
            analyticLabel: "differentiated gradient", numericLabel: "central differences")
}
}

/// Checks the gradients of gradients of `function` (what `createGraph: true` makes possible)
/// against central finite differences of its first-order gradient.
///
/// The output is first reduced to a number with fixed, uneven weights, `s(x) = Σ wᵢ · outputᵢ`,
/// as in ``gradientCheck(_:inputs:step:tolerance:)``. With a fixed random direction `v` (one
/// tensor per checked input), the check compares, element by element,
///
/// - the gradient of `h(x) = Σₖ ⟨vₖ, ∂s/∂xₖ⟩`, computed by differentiating the gradient recorded
///   with `createGraph: true` — the Hessian-vector product `H·v`, and
/// - `(h(x + ε·eⱼ) − h(x − ε·eⱼ)) / 2ε`, where each `h` comes from ordinary first-order gradients.
///
/// It also checks that the first-order gradient is the same with and without a graph (the
/// differentiable rules against the fast ones).
///
/// ```swift
/// let x = Tensor.randomNormal([2, 3], requiresGrad: true)
/// let result = secondOrderGradientCheck({ inputs in softmax(inputs[0], dim: 1) }, inputs: [x])
/// print(result.passed, result.maxRelativeError)
/// ```
///
/// Each element costs two first-order gradient computations. The inputs are not changed; inputs
/// that do not require gradients are held constant. Keep the inputs away from kinks.
///
/// - Parameters:
///   - function: The computation to check, from the inputs to any tensor.
///   - inputs: The values to check at; those that require gradients are checked.
///   - step: The finite-difference step ε. Differences of a gradient lose more digits to rounding
///     than differences of a value, so the default is a little larger than for the first order.
///   - tolerance: The largest allowed relative error, `|a − n| / max(1, |a|, |n|)`.
/// - Returns: The errors for each checked input, and whether all are within `tolerance`.
public func secondOrderGradientCheck(
    _ function: ([Tensor]) -> Tensor,
    inputs: [Tensor],
    step: Double = 1e-5,
    tolerance: Double = 1e-6
) -> SecondOrderGradientCheckResult {
    checkPrecondition(step > 0 && step.isFinite, "secondOrderGradientCheck(step: \(step)) needs a positive step.")
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    checkPrecondition(
        !checked.isEmpty,
        "secondOrderGradientCheck checks the inputs that require gradients, but none of the \(inputs.count) inputs does: create them with requiresGrad: true."
    )
    let shapes = inputs.map(\.shape)
    let values = inputs.map(\.scalars)
    var generator = SeededGenerator(seed: 0x7365_636f_6e64_6f72)
    // The output's shape, for the weights; then one direction per checked input.
    let outputShape = GradientRecording.$isEnabled.withValue(false) {
        function(zip(shapes, values).map { Tensor.plain($1, shape: $0) }).shape
    }
    let weights = Tensor.plain(unevenSignedValues(count: outputShape.reduce(1, *), using: &generator), shape: outputShape)
    let directions = checked.map { Tensor.plain(unevenSignedValues(count: values[$0].count, using: &generator), shape: shapes[$0]) }

    /// The leaves for `values`, and the gradients of the weighted output with respect to the checked ones.
    func weightedGradients(_ values: [[Double]], createGraph: Bool) -> (leaves: [Tensor], gradients: [Tensor]) {
        GradientRecording.$isEnabled.withValue(true) {
            let leaves = inputs.indices.map { index in
                Tensor(shape: shapes[index], scalars: values[index], requiresGrad: inputs[index].requiresGrad)
            }
            let output = function(leaves)
            checkPrecondition(
                output.shape == outputShape,
                "secondOrderGradientCheck needs a function whose output shape does not depend on the input values, but it returned \(outputShape) and then \(output.shape)."
            )
            let weighted = (output * weights).sum()
            return (leaves, gradients(of: weighted, withRespectTo: checked.map { leaves[$0] }, createGraph: createGraph))
        }
    }

    /// `h = Σₖ ⟨vₖ, gₖ⟩` for plain gradients.
    func directional(_ gradients: [Tensor]) -> Double {
        zip(gradients, directions).reduce(0) { total, pair in
            total + zip(pair.0.scalars, pair.1.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    let (leaves, recorded) = weightedGradients(values, createGraph: true)
    let fast = weightedGradients(values, createGraph: false).gradients
    let products: [Tensor] = GradientRecording.$isEnabled.withValue(true) {
        var total = Tensor(0.0)
        for (gradient, direction) in zip(recorded, directions) {
            total = total + (gradient * direction).sum()
        }
        return gradients(of: total, withRespectTo: checked.map { leaves[$0] })
    }

    var comparisons: [SecondOrderGradientCheckResult.InputComparison] = []
    for (position, index) in checked.enumerated() {
        var numeric: [Double] = []
        numeric.reserveCapacity(values[index].count)
        for element in values[index].indices {
            var plus = values
            plus[index][element] += step
            var minus = values
            minus[index][element] -= step
            let difference = directional(weightedGradients(plus, createGraph: false).gradients)
                - directional(weightedGradients(minus, createGraph: false).gradients)
            numeric.append(difference / (2 * step))
        }
        let analytic = products[position].scalars
        let (maxAbsoluteError, maxRelativeError) = largestErrors(analytic, numeric)
        let firstOrderMismatch = largestErrors(recorded[position].scalars, fast[position].scalars).relative
        comparisons.append(SecondOrderGradientCheckResult.InputComparison(
            index: index,
            shape: shapes[index],
            firstOrderMismatch: firstOrderMismatch,
            analytic: analytic,
            numeric: numeric,
            maxAbsoluteError: maxAbsoluteError,
            maxRelativeError: maxRelativeError,
            passed: maxRelativeError <= tolerance && firstOrderMismatch <= tolerance
        ))
    }
    return SecondOrderGradientCheckResult(inputs: comparisons, tolerance: tolerance)
}
