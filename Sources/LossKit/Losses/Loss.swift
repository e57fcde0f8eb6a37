// Losses as values: the functional forms (`focalLoss(...)`) are the reference; the callable types
// (`FocalLoss(alpha:gamma:)`) wrap them for code that passes a loss around, as the course's
// seed material does with PyTorch modules, and remember every value they computed. Each type is a
// `CallableLoss` made from its functional form (CallableLoss.swift).

/// A loss function as a value: call it on a prediction and a target to get a scalar tensor.
///
/// Every conforming type keeps a ``history`` of the values it returned, so a training loop can
/// report ``LossHistory/statistics`` without extra bookkeeping.
public protocol Loss: AnyObject {
    /// The loss's name, as `makeLoss(_:options:)` knows it (for example `"focal"`).
    var name: String { get }
    /// Every value this loss has returned, oldest first.
    var history: LossHistory { get set }
    /// Computes the loss (without recording it).
    func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor
}

extension Loss {
    /// Computes the loss of `prediction` against `target` and records its value in ``Loss/history``.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let value = compute(prediction, target)
        if value.count == 1 { history.record(value.item) }
        return value
    }
}

/// The values a loss has returned, with summary statistics.
public struct LossHistory: Sendable, Equatable {
    /// The recorded values, oldest first.
    public private(set) var values: [Double] = []

    /// An empty history.
    public init() {}

    /// Adds a value.
    public mutating func record(_ value: Double) {
        values.append(value)
    }

    /// Summary statistics of the recorded values.
    public var statistics: LossStatistics { LossStatistics(values) }
}

/// Count, mean, standard deviation, minimum, maximum and trend of a series of loss values.
public struct LossStatistics: Sendable, Equatable, CustomStringConvertible {
    /// How many values there are.
    public let count: Int
    /// Their mean (NaN when there are none).
    public let mean: Double
    /// Their sample standard deviation (0 for fewer than two values).
    public let standardDeviation: Double
    /// The smallest value (NaN when there are none).
    public let minimum: Double
    /// The largest value (NaN when there are none).
    public let maximum: Double
    /// The least-squares slope of value against index: negative when the loss is falling.
    public let trend: Double

    /// The statistics of `values`.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            (mean, standardDeviation, minimum, maximum, trend) = (.nan, 0, .nan, .nan, 0)
            return
        }
        let n = Double(values.count)
        let average = values.reduce(0, +) / n
        mean = average
        minimum = values.min() ?? .nan
        maximum = values.max() ?? .nan
        standardDeviation = values.count > 1
            ? (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)).squareRoot() : 0
        let middle = (n - 1) / 2
        var covariance = 0.0, spread = 0.0
        for (index, value) in values.enumerated() {
            covariance += (Double(index) - middle) * (value - average)
            spread += (Double(index) - middle) * (Double(index) - middle)
        }
        trend = spread > 0 ? covariance / spread : 0
    }

    /// A one-line summary, such as `n=20 mean=0.4100 std=0.1200 min=0.2000 max=0.9000 trend=-0.0300`,
    /// the numbers in the print format (see ``PrintOptions``).
    public var description: String {
        let options = PrintOptions.current
        let (mean, deviation, minimum, maximum, trend) = (
            options.format(self.mean), options.format(standardDeviation), options.format(self.minimum),
            options.format(self.maximum), options.format(self.trend))
        return "n=\(count) mean=\(mean) std=\(deviation) min=\(minimum) max=\(maximum) trend=\(trend)"
    }
}
