/// PCGrad ("gradient surgery"): when two tasks' gradients on the shared parameters conflict
/// (negative dot product), each is projected onto the normal plane of the other before they are
/// added, so no task's update undoes another's.
///
/// For each task i, in a random order of the others j: if `gᵢ·gⱼ < 0`, `gᵢ ← gᵢ − (gᵢ·gⱼ/‖gⱼ‖²)·gⱼ`.
/// The shared parameters receive `Σ gᵢ`; task-specific parameters their usual gradients.
///
/// - Source: Yu, Kumar, Gupta, Levine, Hausman & Finn, "Gradient Surgery for Multi-Task
///   Learning", NeurIPS 2020.
public final class PCGrad: TaskWeighting {
    /// "pcgrad".
    public let name = "pcgrad"
    /// All ones (PCGrad changes directions, not weights).
    public let weights: [Double]
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None.
    public let learnableParameters: [Tensor] = []
    /// How many conflicting pairs the last step projected.
    public private(set) var lastConflicts = 0
    private var generator: SeededGenerator

    /// PCGrad for `tasks` tasks; `seed` fixes the random order of projections.
    public init(tasks: Int, seed: UInt64 = 0) {
        checkPrecondition(tasks > 0, "Multi-task weighting needs at least one task, not \(tasks).")
        weights = Array(repeating: 1, count: tasks)
        generator = SeededGenerator(seed: seed)
    }

    /// Projects conflicting gradient vectors onto each other's normal planes and returns each
    /// task's projected vector (`order` gives, for each task, the order of the others).
    public static func project(_ gradients: [[Double]], order: [[Int]]) -> ([[Double]], conflicts: Int) {
        var conflicts = 0
        let projected = gradients.indices.map { task -> [Double] in
            var vector = gradients[task]
            for other in order[task] where other != task {
                let dot = zip(vector, gradients[other]).reduce(0) { $0 + $1.0 * $1.1 }
                let squaredNorm = gradients[other].reduce(0) { $0 + $1 * $1 }
                guard dot < 0, squaredNorm > 0 else { continue }
                conflicts += 1
                for index in vector.indices { vector[index] -= dot / squaredNorm * gradients[other][index] }
            }
            return vector
        }
        return (projected, conflicts)
    }

    /// Back-propagates `Σ Lᵢ`, then replaces the shared parameters' gradients with the sum of the
    /// projected task gradients.
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let flat = taskLosses.map { loss in loss.gradients(withRespectTo: shared).flatMap(\.scalars) }
        let order = taskLosses.indices.map { _ in Array(taskLosses.indices).shuffled(using: &generator) }
        let (projected, conflicts) = Self.project(flat, order: order)
        lastConflicts = conflicts
        let total = weightedSum(taskLosses, weights)
        total.backward()
        var offset = 0
        for parameter in shared {
            let range = offset..<(offset + parameter.count)
            let summed = range.map { index in projected.reduce(0) { $0 + $1[index] } }
            parameter.grad = Tensor(shape: parameter.shape, scalars: summed)
            offset += parameter.count
        }
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}

/// The seed material's gradient-harmonisation penalty: `Σ_{i<j} max(0, −cos(gᵢ, gⱼ))`, zero when
/// no two task gradients point against each other, computed from plain gradient values (for
/// monitoring). To train through the penalty, use ``gradientHarmonizationPenalty(taskLosses:shared:)``
/// or ``GradientHarmonizationLoss``, which keep the graph of the task gradients.
public func gradientConflictPenalty(_ gradients: [[Double]]) -> Double {
    var penalty = 0.0
    for i in gradients.indices {
        for j in gradients.indices where j > i {
            let dot = zip(gradients[i], gradients[j]).reduce(0) { $0 + $1.0 * $1.1 }
            let norms = (gradients[i].reduce(0) { $0 + $1 * $1 } * gradients[j].reduce(0) { $0 + $1 * $1 }).squareRoot()
            if norms > 0 { penalty += Swift.max(0, -dot / norms) }
        }
    }
    return penalty
}
