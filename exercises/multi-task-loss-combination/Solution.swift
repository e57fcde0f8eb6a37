import Foundation
import LossLab

/// Dynamic Weight Average: a task whose loss fell less over the last epoch gets more weight in
/// the next one.
///
/// With `Lᵢ(t)` the mean loss of task i in epoch t, K tasks and a temperature T:
/// `rᵢ = Lᵢ(t−1) / Lᵢ(t−2)` and `wᵢ(t) = K · exp(rᵢ/T) / Σⱼ exp(rⱼ/T)`.
/// The weights sum to K; the first two epochs, which have no ratio yet, use `wᵢ = 1`. A large T
/// makes every weight 1 (equal weighting); a small T gives nearly all of K to the slowest task.
///
/// - Source: S. Liu, E. Johns and A. J. Davison, "End-to-End Multi-Task Learning with
///   Attention", CVPR 2019.
final class DynamicWeightAveraging: TaskWeighting {
    /// "dynamic weight average".
    let name = "dynamic weight average"
    /// How many tasks there are (K).
    let tasks: Int
    /// The temperature T: larger is closer to equal weights.
    let temperature: Double
    /// The weights used in the current epoch (they sum to K).
    private(set) var weights: [Double]
    /// The weights used in each finished epoch, one entry per epoch.
    private(set) var weightHistory: [[Double]] = []
    /// The mean task losses of each finished epoch, oldest first.
    private(set) var lossHistory: [[Double]] = []
    /// None: the weights follow from the losses.
    let learnableParameters: [Tensor] = []

    /// Dynamic Weight Average for `tasks` tasks at temperature `temperature` (2 in the paper).
    init(tasks: Int, temperature: Double = 2) {
        precondition(tasks > 0, "DynamicWeightAveraging needs at least one task, not \(tasks).")
        precondition(temperature > 0, "The temperature must be positive, not \(temperature).")
        self.tasks = tasks
        self.temperature = temperature
        weights = Array(repeating: 1, count: tasks)
    }

    /// The weights for the epoch after those whose mean losses are `lossHistory` (oldest first,
    /// one loss per task in each entry): all 1 until two epochs are known, then
    /// `K · exp(rᵢ/T) / Σⱼ exp(rⱼ/T)` with `rᵢ = Lᵢ(t−1) / Lᵢ(t−2)`.
    static func weights(after lossHistory: [[Double]], tasks: Int, temperature: Double) -> [Double] {
        guard lossHistory.count >= 2 else { return Array(repeating: 1, count: tasks) }
        let last = lossHistory[lossHistory.count - 1], previous = lossHistory[lossHistory.count - 2]
        precondition(last.count == tasks && previous.count == tasks,
                     "Each epoch of the loss history needs \(tasks) losses, one per task.")
        let ratios = zip(last, previous).map { $0 / $1 }
        // Subtracting the largest ratio changes no weight (it cancels in the fraction) but keeps
        // exp from overflowing when T is small.
        let largest = ratios.max() ?? 0
        let exponentials = ratios.map { exp(($0 - largest) / temperature) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { Double(tasks) * $0 / total }
    }

    /// Back-propagates `Σᵢ wᵢ·Lᵢ` with the current weights (constants: no gradient flows into
    /// them) and returns it.
    @discardableResult
    func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        precondition(taskLosses.count == tasks, "DynamicWeightAveraging has \(tasks) tasks but got \(taskLosses.count) losses.")
        var total = Tensor(0.0)
        for (weight, loss) in zip(weights, taskLosses) {
            total = total + weight * loss
        }
        total.backward()
        return total
    }

    /// Records the weights this epoch used and its mean losses, then computes the next epoch's weights.
    func endEpoch(taskLosses: [Double]) {
        weightHistory.append(weights)
        lossHistory.append(taskLosses)
        weights = Self.weights(after: lossHistory, tasks: tasks, temperature: temperature)
    }
}
