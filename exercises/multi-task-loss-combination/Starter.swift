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
        // TODO: all 1 with fewer than two epochs; otherwise the ratios of the last two epochs'
        // losses, then K · exp(rᵢ/T) / Σⱼ exp(rⱼ/T).
        return []
    }

    /// Back-propagates `Σᵢ wᵢ·Lᵢ` with the current weights (constants: no gradient flows into
    /// them) and returns it.
    @discardableResult
    func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        precondition(taskLosses.count == tasks, "DynamicWeightAveraging has \(tasks) tasks but got \(taskLosses.count) losses.")
        // TODO: build Σᵢ wᵢ·Lᵢ from the loss tensors, call backward() on it and return it.
        return Tensor(0.0)
    }

    /// Records the weights this epoch used and its mean losses, then computes the next epoch's weights.
    func endEpoch(taskLosses: [Double]) {
        // TODO: record the weights this epoch used and its losses, then set the next epoch's
        // weights with weights(after:tasks:temperature:).
    }
}
