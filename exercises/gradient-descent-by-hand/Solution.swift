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
    var total = 0.0
    for (x, y) in zip(xs, ys) {
        let residual = line(x) - y
        total += residual * residual
    }
    return total / Double(xs.count)
}

/// The gradient of ``meanSquaredError(of:xs:ys:)`` with respect to the slope and the intercept:
/// `∂MSE/∂w = (2/N) Σ (ŷᵢ − yᵢ)·xᵢ` and `∂MSE/∂b = (2/N) Σ (ŷᵢ − yᵢ)`.
func meanSquaredErrorGradient(of line: Line, xs: [Double], ys: [Double]) -> (slope: Double, intercept: Double) {
    var slope = 0.0, intercept = 0.0
    for (x, y) in zip(xs, ys) {
        let residual = line(x) - y
        slope += residual * x
        intercept += residual
    }
    let scale = 2 / Double(xs.count)
    return (scale * slope, scale * intercept)
}

/// Plain gradient descent on the mean squared error: `steps` updates of
/// `w ← w − η·∂MSE/∂w` and `b ← b − η·∂MSE/∂b`, both from the gradient at the same line.
///
/// - Returns: The line after the last step, and the loss of the line before each step
///   (`losses[0]` is the loss of `start`; there are `steps` of them).
func gradientDescent(from start: Line, xs: [Double], ys: [Double], learningRate: Double, steps: Int)
    -> (line: Line, losses: [Double])
{
    var line = start
    var losses: [Double] = []
    for _ in 0..<steps {
        losses.append(meanSquaredError(of: line, xs: xs, ys: ys))
        let gradient = meanSquaredErrorGradient(of: line, xs: xs, ys: ys)
        line.slope -= learningRate * gradient.slope
        line.intercept -= learningRate * gradient.intercept
    }
    return (line, losses)
}
