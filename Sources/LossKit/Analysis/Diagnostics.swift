/// Statistics of one parameter's gradient, to see whether gradients flow through a network.
public struct GradientStatistics: Sendable, CustomStringConvertible {
    /// The parameter's name.
    public let name: String
    /// The L2 norm of the gradient (0 when it has none).
    public let norm: Double
    /// The mean gradient value.
    public let mean: Double
    /// The largest absolute gradient value.
    public let maxAbsolute: Double
    /// The fraction of exactly-zero gradient values (dead units show up here).
    public let zeroFraction: Double
    /// Whether any gradient value is NaN or infinite.
    public let hasNonFinite: Bool
    /// Whether the parameter had no gradient at all.
    public let missing: Bool

    /// One line: name, norm, mean, max, zeros and warnings, the numbers in the print format
    /// (see ``PrintOptions``).
    public var description: String {
        if missing { return "\(name): no gradient" }
        let options = PrintOptions.current
        let numbers = [norm, mean, maxAbsolute].map { options.format($0) }
        var text = "\(name): norm \(numbers[0]) mean \(numbers[1]) max \(numbers[2]) zeros \(Int((zeroFraction * 100).rounded()))%"
        if hasNonFinite { text += "  ⚠ NaN or infinite values" }
        if norm == 0 { text += "  ⚠ vanished" }
        return text
    }
}

/// The gradient statistics of every parameter of `model` (call after `backward()`).
public func gradientFlow(_ model: any Module) -> [GradientStatistics] {
    model.namedParameters.map { name, parameter in
        guard let gradient = parameter.grad?.scalars, !gradient.isEmpty else {
            return GradientStatistics(name: name, norm: 0, mean: 0, maxAbsolute: 0, zeroFraction: 1, hasNonFinite: false, missing: true)
        }
        let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return GradientStatistics(
            name: name, norm: norm, mean: gradient.reduce(0, +) / Double(gradient.count),
            maxAbsolute: gradient.map(Swift.abs).max() ?? 0,
            zeroFraction: Double(gradient.filter { $0 == 0 }.count) / Double(gradient.count),
            hasNonFinite: gradient.contains { !$0.isFinite }, missing: false)
    }
}

/// What a loss history says about training.
public struct ConvergenceVerdict: Sendable, Equatable {
    /// The state of training.
    public enum Status: Sendable, Equatable {
        /// The loss stopped changing (by more than the tolerance, for `patience` steps) at a low level.
        case converged
        /// The loss is still falling.
        case improving
        /// The loss stopped falling but keeps moving about.
        case plateaued
        /// The loss is rising.
        case diverging
        /// The loss became NaN or infinite.
        case invalid
    }

    /// The verdict.
    public let status: Status
    /// Why, in a sentence with the numbers (in the print format, see ``PrintOptions``).
    public let reason: String
}

/// Judges a loss history: NaN → invalid; the last `patience` values rising beyond the tolerance →
/// diverging; all of them within `tolerance` (relative to the best value) of each other →
/// converged; the best of them better than the best before them → improving; else plateaued.
public func checkConvergence(_ losses: [Double], patience: Int = 10, tolerance: Double = 1e-4) -> ConvergenceVerdict {
    checkPrecondition(patience >= 2, "checkConvergence needs a patience of at least 2, not \(patience).")
    let options = PrintOptions.current
    func printed(_ value: Double) -> String { options.format(value) }
    if let index = losses.firstIndex(where: { !$0.isFinite }) {
        return ConvergenceVerdict(status: .invalid, reason: "The loss became \(printed(losses[index])) at step \(index + 1).")
    }
    guard losses.count > patience else {
        return ConvergenceVerdict(status: .improving, reason: "Only \(losses.count) values; at least \(patience + 1) are needed to judge.")
    }
    let recent = Array(losses.suffix(patience))
    let earlierBest = losses.dropLast(patience).min() ?? .infinity
    let recentBest = recent.min() ?? .infinity
    let scale = Swift.max(Swift.abs(recentBest), 1e-12)
    if let last = recent.last, let first = recent.first, last > first * (1 + tolerance) + tolerance,
        last > earlierBest * (1 + tolerance) + tolerance
    {
        return ConvergenceVerdict(status: .diverging, reason: "The loss rose from \(printed(first)) to \(printed(last)) over the last \(patience) steps.")
    }
    let spread = (recent.max() ?? 0) - recentBest
    if spread <= tolerance * scale {
        return ConvergenceVerdict(status: .converged, reason: "The last \(patience) values stay within \(printed(spread)) of each other (tolerance \(tolerance) relative).")
    }
    if recentBest < earlierBest * (1 - tolerance) {
        return ConvergenceVerdict(status: .improving, reason: "The best of the last \(patience) values, \(printed(recentBest)), beats the earlier best, \(printed(earlierBest)).")
    }
    return ConvergenceVerdict(status: .plateaued, reason: "No improvement on \(printed(earlierBest)) in the last \(patience) steps, but the values still vary by \(printed(spread)).")
}
