// Multi-task weighting: how the losses of several tasks become one training signal.
//
// Each strategy turns per-task losses into gradients on the model's parameters (most through a
// weighted sum, GradNorm and PCGrad by working on per-task gradients), reports its current
// weights, and keeps one entry of weights per epoch for plotting.

/// A way of combining task losses; ``backward(taskLosses:shared:)`` leaves the gradients in the
/// parameters' `grad`, ready for the optimizer.
public protocol TaskWeighting: AnyObject {
    /// The strategy's name, for reports and plots.
    var name: String { get }
    /// The current weight of each task.
    var weights: [Double] { get }
    /// The weights at the end of each epoch, one entry per epoch.
    var weightHistory: [[Double]] { get }
    /// Parameters the strategy learns itself (for example uncertainty log-variances); give them
    /// to the optimizer together with the model's.
    var learnableParameters: [Tensor] { get }
    /// Back-propagates the task losses (scalars) into the parameters' gradients and returns the
    /// combined loss. `shared` are the parameters all tasks share (GradNorm and PCGrad need them).
    @discardableResult
    func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor
    /// Called after each epoch with the epoch's mean task losses.
    func endEpoch(taskLosses: [Double])
}

/// The weighted sum `Σ wᵢ·Lᵢ`.
func weightedSum(_ losses: [Tensor], _ weights: [Double]) -> Tensor {
    checkPrecondition(losses.count == weights.count, "There are \(losses.count) task losses but \(weights.count) weights.")
    checkPrecondition(losses.allSatisfy { $0.count == 1 }, "Each task loss must be a scalar; got shapes \(losses.map(\.shape)).")
    var total = losses[0] * weights[0]
    for index in 1..<losses.count { total = total + losses[index] * weights[index] }
    return total
}

/// Every task counts the same: `L = Σ Lᵢ`.
public final class EqualWeighting: TaskWeighting {
    /// "equal".
    public let name = "equal"
    /// All ones.
    public let weights: [Double]
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None.
    public let learnableParameters: [Tensor] = []

    /// Equal weights for `tasks` tasks.
    public init(tasks: Int) {
        checkPrecondition(tasks > 0, "Multi-task weighting needs at least one task, not \(tasks).")
        weights = Array(repeating: 1, count: tasks)
    }

    /// Back-propagates `Σ Lᵢ`.
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = weightedSum(taskLosses, weights)
        total.backward()
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}

/// Hand-chosen constant weights: `L = Σ wᵢ·Lᵢ`.
public final class FixedWeighting: TaskWeighting {
    /// "fixed".
    public let name = "fixed"
    /// The given weights.
    public let weights: [Double]
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// None.
    public let learnableParameters: [Tensor] = []

    /// Constant `weights`, one per task.
    public init(_ weights: [Double]) {
        checkPrecondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 }, "Fixed weights must be non-negative, one per task.")
        self.weights = weights
    }

    /// Back-propagates `Σ wᵢ·Lᵢ`.
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = weightedSum(taskLosses, weights)
        total.backward()
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}
