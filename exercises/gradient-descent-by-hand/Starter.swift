/// A straight line `ŷ = slope · x + intercept`, the model of chapter 1.
struct Line {
    /// The slope `w`.
    var slope: Double
    /// The intercept `b`.
    var intercept: Double

    /// The line's prediction at `x`.
    func callAsFunction(_ x: Double) -> Double { slope * x + intercept }
}

/// The mean squared error of `line` on the points `(xs[i], ys[i])`:
/// `MSE = (1/N) Σ (w·xᵢ + b − yᵢ)²`.
func meanSquaredError(of line: Line, xs: [Double], ys: [Double]) -> Double {
    // TODO: add up the squared residuals line(x) − y and divide by the number of points.
    return 0
}

/// The gradient of ``meanSquaredError(of:xs:ys:)`` with respect to the slope and the intercept:
/// `∂MSE/∂w = (2/N) Σ (ŷᵢ − yᵢ)·xᵢ` and `∂MSE/∂b = (2/N) Σ (ŷᵢ − yᵢ)`.
func meanSquaredErrorGradient(of line: Line, xs: [Double], ys: [Double]) -> (slope: Double, intercept: Double) {
    // TODO: derive both partial derivatives by hand and compute them with plain Doubles.
    return (0, 0)
}

/// Plain gradient descent on the mean squared error: `steps` updates of
/// `w ← w − η·∂MSE/∂w` and `b ← b − η·∂MSE/∂b`, both from the gradient at the same line.
///
/// - Returns: The line after the last step, and the loss of the line before each step
///   (`losses[0]` is the loss of `start`; there are `steps` of them).
func gradientDescent(from start: Line, xs: [Double], ys: [Double], learningRate: Double, steps: Int)
    -> (line: Line, losses: [Double])
{
    // TODO: repeat `steps` times: record the loss, take the gradient, move both parameters.
    return (start, [])
}
