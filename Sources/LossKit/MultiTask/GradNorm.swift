import Foundation

/// GradNorm: learns task weights so that every task trains at a similar pace, by balancing the
/// norms of the weighted task gradients on the last shared layer W.
///
/// With `Gᵢ = ‖∇_W wᵢLᵢ‖`, `Ḡ` their mean, `rᵢ = (Lᵢ/Lᵢ(0)) / meanⱼ(Lⱼ/Lⱼ(0))` each task's relative
/// inverse training rate, the weights take a gradient step on `Σᵢ |Gᵢ − Ḡ·rᵢ^α|` (the target held
/// constant): `∂/∂wᵢ = sign(Gᵢ − Ḡrᵢ^α)·‖∇_W Lᵢ‖`; then they are renormalised to sum to the number
/// of tasks. The network itself is trained on `Σ wᵢLᵢ`. α sets how strongly slow tasks are pushed.
///
/// - Source: Chen, Badrinarayanan, Lee & Rabinovich, "GradNorm: Gradient Normalization for
///   Adaptive Loss Balancing in Deep Multitask Networks", ICML 2018.
public final class GradNorm: TaskWeighting {
    /// "gradnorm".
    public let name = "gradnorm"
    /// The current weights (they sum to the number of tasks).
    public private(set) var weights: [Double]
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None (the weights are updated by GradNorm's own rule).
    public let learnableParameters: [Tensor] = []
    /// The asymmetry α.
    public let alpha: Double
    /// The step size of the weight update.
    public let weightLearningRate: Double
    /// The task losses at the first step, Lᵢ(0).
    public private(set) var initialLosses: [Double]?
    /// The last computed gradient norms Gᵢ (of the weighted losses).
    public private(set) var lastGradientNorms: [Double] = []

    /// GradNorm for `tasks` tasks.
    public init(tasks: Int, alpha: Double = 1.5, weightLearningRate: Double = 0.025) {
        checkPrecondition(tasks > 0 && alpha >= 0 && weightLearningRate > 0, "GradNorm needs tasks > 0, α ≥ 0 and a positive learning rate.")
        weights = Array(repeating: 1, count: tasks)
        self.alpha = alpha
        self.weightLearningRate = weightLearningRate
    }

    /// One GradNorm weight update from the unweighted gradient norms ‖∇_W Lᵢ‖ and the losses;
    /// returns the new weights (exposed for hand-checked tests).
    @discardableResult
    public func updateWeights(unweightedNorms: [Double], losses: [Double]) -> [Double] {
        let start = initialLosses ?? losses
        if initialLosses == nil { initialLosses = losses }
        let norms = zip(weights, unweightedNorms).map { $0 * $1 }
        lastGradientNorms = norms
        let meanNorm = norms.reduce(0, +) / Double(norms.count)
        let ratios = zip(losses, start).map { $0 / $1 }
        let meanRatio = ratios.reduce(0, +) / Double(ratios.count)
        let targets = ratios.map { meanNorm * pow($0 / meanRatio, alpha) }
        var updated = weights
        for index in updated.indices {
            let difference = norms[index] - targets[index]
            let slope: Double = difference > 0 ? 1 : (difference < 0 ? -1 : 0)
            updated[index] = max(updated[index] - weightLearningRate * slope * unweightedNorms[index], 1e-6)
        }
        let total = updated.reduce(0, +)
        weights = updated.map { $0 * Double(updated.count) / total }
        return weights
    }

    /// Back-propagates `Σ wᵢLᵢ` into the parameters, then updates the weights from the task
    /// gradients on `shared` (pass the last shared layer's parameters).
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        checkPrecondition(!shared.isEmpty, "GradNorm needs the last shared layer's parameters (`shared`).")
        let norms = taskLosses.map { loss in
            loss.gradients(withRespectTo: shared).reduce(0.0) { total, gradient in
                total + gradient.scalars.reduce(0) { $0 + $1 * $1 }
            }.squareRoot()
        }
        let total = weightedSum(taskLosses, weights)
        total.backward()
        updateWeights(unweightedNorms: norms, losses: taskLosses.map(\.item))
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}
