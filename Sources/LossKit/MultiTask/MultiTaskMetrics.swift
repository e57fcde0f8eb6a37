/// How much the tasks' gradients on the shared parameters agree, for one batch.
public struct GradientConflictStatistics: Sendable {
    /// `cos(gᵢ, gⱼ)` for every pair of tasks (1 on the diagonal; 0 when a gradient is zero).
    public let cosineSimilarities: [[Double]]
    /// How many pairs i < j point against each other (`gᵢ·gⱼ < 0`).
    public let conflictingPairs: Int
    /// How many pairs there are, `K(K − 1)/2`.
    public let pairs: Int
    /// ``gradientConflictPenalty(_:)``: `Σ_{i<j} max(0, −cos(gᵢ, gⱼ))`.
    public let penalty: Double

    /// The fraction of pairs that conflict (0 with a single task).
    public var conflictingFraction: Double { pairs == 0 ? 0 : Double(conflictingPairs) / Double(pairs) }
}

/// Per-task measures for multi-task training: accuracy for classification tasks, mean absolute
/// error for regression tasks, and how much the tasks' gradients conflict.
public enum MultiTaskMetrics {
    /// The fraction of positions whose highest score (argmax over dimension 1) is the label:
    /// logits `[N, C]` with N labels, or `[N, C, d1, …]` with `N·d1·…` labels in row-major order.
    public static func accuracy(_ logits: Tensor, _ labels: [Int]) -> Double {
        let predictions = withoutGradients { logits.argmax(dim: 1) }.scalars
        checkPrecondition(predictions.count == labels.count,
                          "accuracy needs one label per position: logits of shape \(logits.shape) have \(predictions.count) positions, but there are \(labels.count) labels.")
        let correct = zip(predictions, labels).filter { Int($0) == $1 }.count
        return Double(correct) / Double(Swift.max(labels.count, 1))
    }

    /// The fraction of rows of `logits` (`[N, C]`) whose label is among the `k` highest scores
    /// (top-k accuracy; ties count for the label only if it is not outranked by k others). With
    /// k = 1 it is ``accuracy(_:_:)``.
    ///
    /// Example: scores `[0.1, 0.5, 0.3, 0.2]` with label 2 → the label ranks second, so it counts
    /// for k = 2 but not for k = 1.
    public static func topKAccuracy(_ logits: Tensor, _ labels: [Int], k: Int) -> Double {
        checkPrecondition(logits.rank == 2 && logits.shape[0] == labels.count,
                          "topKAccuracy needs logits [N, C] and N labels, not \(logits.shape) and \(labels.count) labels.")
        checkPrecondition(k >= 1 && k <= logits.shape[1], "topKAccuracy needs k in 1...\(logits.shape[1]), not \(k).")
        let classes = logits.shape[1]
        let scores = logits.scalars
        var hits = 0
        for (row, label) in labels.enumerated() {
            checkPrecondition((0..<classes).contains(label), "topKAccuracy got label \(label) at row \(row), outside 0..<\(classes).")
            let own = scores[row * classes + label]
            let outranking = (0..<classes).filter { scores[row * classes + $0] > own }.count
            if outranking < k { hits += 1 }
        }
        return Double(hits) / Double(Swift.max(labels.count, 1))
    }

    /// The fraction of positions where `logit > 0` agrees with `target > 0.5` (for binary or
    /// multi-label outputs trained with a sigmoid).
    public static func binaryAccuracy(_ logits: Tensor, _ target: Tensor) -> Double {
        checkPrecondition(logits.shape == target.shape, "binaryAccuracy needs logits and targets of the same shape, not \(logits.shape) and \(target.shape).")
        let correct = zip(logits.scalars, target.scalars).filter { ($0 > 0) == ($1 > 0.5) }.count
        return Double(correct) / Double(Swift.max(target.count, 1))
    }

    /// The mean absolute error `mean |prediction − target|`.
    public static func meanAbsoluteError(_ prediction: Tensor, _ target: Tensor) -> Double {
        checkPrecondition(prediction.count == target.count,
                          "meanAbsoluteError needs as many predictions as targets, not \(prediction.shape) and \(target.shape).")
        let total = zip(prediction.scalars, target.scalars).reduce(0) { $0 + Swift.abs($1.0 - $1.1) }
        return total / Double(Swift.max(target.count, 1))
    }

    /// The gradient of each task loss on `shared` (computed with `gradients(withRespectTo:)`, so
    /// no `grad` changes), compared pair by pair. It costs one backward pass per task.
    public static func gradientConflicts(taskLosses: [Tensor], shared: [Tensor]) -> GradientConflictStatistics {
        let gradients = taskLosses.map { loss in
            loss.requiresGrad ? loss.gradients(withRespectTo: shared).flatMap(\.scalars) : Array(repeating: 0, count: shared.reduce(0) { $0 + $1.count })
        }
        return gradientConflicts(gradients)
    }

    /// The conflict statistics of given gradient vectors, one per task.
    public static func gradientConflicts(_ gradients: [[Double]]) -> GradientConflictStatistics {
        let norms = gradients.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var cosines = Array(repeating: Array(repeating: 1.0, count: gradients.count), count: gradients.count)
        var conflicting = 0
        for i in gradients.indices {
            for j in gradients.indices where j > i {
                let dot = zip(gradients[i], gradients[j]).reduce(0) { $0 + $1.0 * $1.1 }
                let cosine = norms[i] > 0 && norms[j] > 0 ? dot / (norms[i] * norms[j]) : 0
                cosines[i][j] = cosine
                cosines[j][i] = cosine
                if dot < 0 { conflicting += 1 }
            }
        }
        return GradientConflictStatistics(
            cosineSimilarities: cosines, conflictingPairs: conflicting,
            pairs: gradients.count * (gradients.count - 1) / 2, penalty: gradientConflictPenalty(gradients))
    }
}
