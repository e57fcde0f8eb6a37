/// Loss values on a grid: `values[row][column]` is the loss at `(xs[column], ys[row])`, the layout
/// contour and surface plots take.
public struct LossSurface: Sendable {
    /// The first coordinate of each column.
    public let xs: [Double]
    /// The second coordinate of each row.
    public let ys: [Double]
    /// The loss at each grid point.
    public let values: [[Double]]
}

/// Loss landscapes: the loss along a plane through parameter space.
public enum LossLandscape {
    /// `count` evenly spaced values from `range.lowerBound` to `range.upperBound`.
    static func steps(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
        checkPrecondition(count >= 2, "A landscape needs at least 2 steps per axis, not \(count).")
        return (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
    }

    /// The values of a function of two parameters on a grid, for example the Rosenbrock function:
    /// `f` receives a tensor of shape [2] holding (x, y) and returns a scalar.
    public static func grid(x: ClosedRange<Double>, y: ClosedRange<Double>, steps: Int = 50, _ f: (Tensor) -> Tensor) -> LossSurface {
        let xs = Self.steps(x, steps), ys = Self.steps(y, steps)
        let values = withoutGradients { ys.map { yValue in xs.map { xValue in f(Tensor([xValue, yValue])).item } } }
        return LossSurface(xs: xs, ys: ys, values: values)
    }

    /// The loss around a model's current parameters along two random, filter-normalised
    /// directions: `L(θ + α·d₁ + β·d₂)` for α, β in `range`.
    ///
    /// Each direction has the shape of the parameters; for weights with two or more dimensions,
    /// each filter (slice along dimension 0) is rescaled to the norm of the same filter of θ;
    /// biases and other 1-D parameters get a zero direction. The parameters are restored afterwards.
    ///
    /// - Source: Li, Xu, Taylor, Studer & Goldstein, "Visualizing the Loss Landscape of Neural
    ///   Nets", NeurIPS 2018.
    public static func around(
        _ model: any Module, range: ClosedRange<Double> = -1...1, steps: Int = 25, seed: UInt64 = 0,
        loss: () -> Tensor
    ) -> LossSurface {
        var generator = SeededGenerator(seed: seed)
        let parameters = model.parameters
        let origin = parameters.map(\.scalars)
        let directions = (0..<2).map { _ in parameters.map { filterNormalisedDirection(for: $0, using: &generator) } }
        let alphas = Self.steps(range, steps)
        var values: [[Double]] = []
        withoutGradients {
            for beta in alphas {
                var row: [Double] = []
                for alpha in alphas {
                    for (index, parameter) in parameters.enumerated() {
                        let first = directions[0][index], second = directions[1][index], start = origin[index]
                        parameter.update { values in
                            for i in values.indices { values[i] = start[i] + alpha * first[i] + beta * second[i] }
                        }
                    }
                    row.append(loss().item)
                }
                values.append(row)
            }
            for (index, parameter) in parameters.enumerated() {
                let start = origin[index]
                parameter.update { $0 = start }
            }
        }
        return LossSurface(xs: alphas, ys: alphas, values: values)
    }

    /// A random Gaussian direction shaped like `parameter`, filter-normalised (Li et al., 2018).
    static func filterNormalisedDirection(for parameter: Tensor, using generator: inout SeededGenerator) -> [Double] {
        guard parameter.rank >= 2, let filters = parameter.shape.first, filters > 0 else {
            return Array(repeating: 0, count: parameter.count)
        }
        var direction = (0..<parameter.count).map { _ in SyntheticData.normal(&generator) }
        let size = parameter.count / filters
        for filter in 0..<filters {
            let range = (filter * size)..<((filter + 1) * size)
            let weightNorm = range.reduce(0.0) { $0 + parameter.scalars[$1] * parameter.scalars[$1] }.squareRoot()
            let directionNorm = range.reduce(0.0) { $0 + direction[$1] * direction[$1] }.squareRoot()
            let scale = directionNorm > 0 ? weightNorm / directionNorm : 0
            for i in range { direction[i] *= scale }
        }
        return direction
    }
}

/// The Rosenbrock function `(a − x)² + b·(y − x²)²` of a tensor holding (x, y): a curved valley
/// with its minimum 0 at (a, a²), the classic test of optimizers.
///
/// - Source: Rosenbrock, "An Automatic Method for Finding the Greatest or Least Value of a
///   Function", The Computer Journal, 1960.
public func rosenbrock(_ point: Tensor, a: Double = 1, b: Double = 100) -> Tensor {
    checkPrecondition(point.count == 2, "rosenbrock needs a tensor with 2 values (x, y), not shape \(point.shape).")
    let flat = point.reshaped([2])
    let x = flat[0], y = flat[1]
    return (a - x) * (a - x) + b * (y - x * x) * (y - x * x)
}
