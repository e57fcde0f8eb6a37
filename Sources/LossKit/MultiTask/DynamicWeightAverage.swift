import Foundation

/// Dynamic Weight Average: a task whose loss fell less over the last epoch gets more weight.
///
/// `rᵢ = Lᵢ(t−1) / Lᵢ(t−2)`, `wᵢ = K·exp(rᵢ/T) / Σⱼ exp(rⱼ/T)`, with K tasks and temperature T
/// (2 in the paper); the first two epochs use equal weights.
///
/// - Source: Liu, Johns & Davison, "End-to-End Multi-Task Learning with Attention", CVPR 2019.
public final class DynamicWeightAverage: TaskWeighting {
    /// "dwa".
    public let name = "dwa"
    /// The current weights (they sum to the number of tasks).
    public private(set) var weights: [Double]
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None.
    public let learnableParameters: [Tensor] = []
    /// The temperature T.
    public let temperature: Double
    private var epochLosses: [[Double]] = []

    /// DWA for `tasks` tasks.
    public init(tasks: Int, temperature: Double = 2) {
        checkPrecondition(tasks > 0 && temperature > 0, "DWA needs at least one task and a positive temperature.")
        weights = Array(repeating: 1, count: tasks)
        self.temperature = temperature
    }

    /// The weights DWA gives after the epochs whose mean losses are `history` (oldest first).
    public static func weights(after history: [[Double]], temperature: Double = 2) -> [Double]? {
        guard history.count >= 2, let last = history.last else { return nil }
        let previous = history[history.count - 2]
        let ratios = zip(last, previous).map { $0 / $1 }
        let exponentials = ratios.map { exp($0 / temperature) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { Double(last.count) * $0 / total }
    }

    /// Back-propagates `Σ wᵢ·Lᵢ` with the current weights.
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = weightedSum(taskLosses, weights)
        total.backward()
        return total
    }

    /// Records the epoch's losses and computes the next epoch's weights.
    public func endEpoch(taskLosses: [Double]) {
        weightHistory.append(weights)
        epochLosses.append(taskLosses)
        if let next = Self.weights(after: epochLosses, temperature: temperature) { weights = next }
    }
}
