/// The seed material's gradient-harmonisation penalty as a tensor that can be trained through:
/// `Σ_{i<j} max(0, −cos(gᵢ, gⱼ))`, with `gᵢ = ∂Lᵢ/∂θ_shared` the gradient of task `i`'s loss
/// on the shared parameters (all of them, flattened into one vector).
///
/// The task gradients are computed with `createGraph: true`, so the penalty depends on the
/// parameters through them and `backward()` on it moves the shared *and* the task-specific
/// parameters towards task gradients that no longer point against each other. A pair whose
/// gradients are orthogonal or agree costs nothing; a pair where either gradient is zero costs
/// nothing either. ``gradientConflictPenalty(_:)`` gives the same number from plain gradients.
///
/// Example: two tasks whose shared gradients are `[1, 0]` and `[−1, 1]` pay `max(0, 1/√2) = 0.707…`.
///
/// - Parameters:
///   - taskLosses: One scalar loss per task, computed with the shared parameters.
///   - shared: The parameters every task uses (the trunk of a hard-sharing model).
/// - Returns: A scalar tensor.
/// - Source: The seed material's multi-task framework; the conflict it measures (negative cosine
///   between task gradients) is the one of T. Yu et al., "Gradient Surgery for Multi-Task
///   Learning", NeurIPS 2020.
public func gradientHarmonizationPenalty(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
    checkPrecondition(!shared.isEmpty, "gradientHarmonizationPenalty needs at least one shared parameter.")
    checkPrecondition(
        taskLosses.allSatisfy { $0.count == 1 },
        "gradientHarmonizationPenalty needs one scalar loss per task, but got shapes \(taskLosses.map(\.shape))."
    )
    let taskGradients = taskLosses.map { loss in
        concat(gradients(of: loss, withRespectTo: shared, createGraph: true).map { $0.reshaped([-1]) }, dim: 0)
    }
    let norms = taskGradients.map { ($0 * $0).sum() }
    var penalty = Tensor(0.0)
    for i in taskGradients.indices {
        for j in taskGradients.indices where j > i && norms[i].item > 0 && norms[j].item > 0 {
            let cosine = (taskGradients[i] * taskGradients[j]).sum() / sqrt(norms[i] * norms[j])
            penalty = penalty + clamp(-cosine, min: 0)
        }
    }
    return penalty
}

/// Gradient harmonisation: the weighted sum of the task losses plus a penalty on conflicting task
/// gradients, trained through the penalty.
///
/// `L = Σᵢ wᵢ·Lᵢ + λ·Σ_{i<j} max(0, −cos(gᵢ, gⱼ))`, with `gᵢ = ∂Lᵢ/∂θ_shared` (see
/// ``gradientHarmonizationPenalty(taskLosses:shared:)``). Where PCGrad edits the gradients after
/// the fact, this loss makes the model itself prefer parameters where the tasks pull the shared
/// layers the same way; the price is a second backward pass through every task's gradient.
///
/// - Source: The seed material's multi-task framework (gradient-harmonisation loss); conflicts as
///   in T. Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020.
public final class GradientHarmonizationLoss: TaskWeighting {
    /// "harmonization".
    public let name = "harmonization"
    /// The constant weight of each task's loss.
    public let weights: [Double]
    /// The weight λ of the conflict penalty.
    public let penaltyWeight: Double
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None.
    public let learnableParameters: [Tensor] = []
    /// The conflict penalty (before λ) of the last call to ``loss(taskLosses:shared:)``.
    public private(set) var lastPenalty = 0.0

    /// Harmonisation for `tasks` tasks of weight 1, or for the given task `weights`.
    ///
    /// - Parameters:
    ///   - tasks: The number of tasks.
    ///   - penaltyWeight: λ ≥ 0, the weight of the conflict penalty.
    ///   - weights: One non-negative weight per task; all 1 by default.
    public init(tasks: Int, penaltyWeight: Double = 0.1, weights: [Double]? = nil) {
        checkPrecondition(tasks > 0, "Multi-task weighting needs at least one task, not \(tasks).")
        checkPrecondition(penaltyWeight >= 0, "GradientHarmonizationLoss needs penaltyWeight ≥ 0, not \(penaltyWeight).")
        let taskWeights = weights ?? Array(repeating: 1, count: tasks)
        checkPrecondition(
            taskWeights.count == tasks && taskWeights.allSatisfy { $0 >= 0 },
            "GradientHarmonizationLoss needs one non-negative weight per task (\(tasks)), but got \(taskWeights)."
        )
        self.weights = taskWeights
        self.penaltyWeight = penaltyWeight
    }

    /// The combined loss `Σ wᵢ·Lᵢ + λ·penalty`, differentiable through the penalty.
    public func loss(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let penalty = gradientHarmonizationPenalty(taskLosses: taskLosses, shared: shared)
        lastPenalty = penalty.item
        return weightedSum(taskLosses, weights) + penaltyWeight * penalty
    }

    /// Back-propagates ``loss(taskLosses:shared:)`` into every parameter's gradient.
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = loss(taskLosses: taskLosses, shared: shared)
        total.backward()
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}
