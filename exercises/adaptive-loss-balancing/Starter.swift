import Foundation
import LossLab

/// Uncertainty weighting of several task losses: every task learns a log-variance `s`, and a task
/// whose loss stays high is trusted less.
///
/// `L = Σᵢ exp(−sᵢ)·Lᵢ + sᵢ`, with `sᵢ = log σᵢ²` learned together with the model. The weight
/// of task i is `exp(−sᵢ) = 1/σᵢ²`; the `+ sᵢ` term stops the variances from growing without
/// bound. For a constant loss Lᵢ the total is smallest at `sᵢ = log Lᵢ`, a weight of `1/Lᵢ`.
///
/// - Source: A. Kendall, Y. Gal and R. Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
///   Losses for Scene Geometry and Semantics", CVPR 2018 (in the `log σ²` form, without the
///   paper's factors ½).
final class UncertaintyBalancer: TaskWeighting {
    /// "uncertainty".
    let name = "uncertainty"
    /// The tasks, in the order of the losses, the weights and the plot's lines.
    let taskNames: [String]
    /// The learned `sᵢ = log σᵢ²`, one per task, starting at 0 (every weight 1).
    let logVariances: Tensor
    /// The weights at the end of each epoch, one entry per epoch.
    private(set) var weightHistory: [[Double]] = []

    /// A balancer for the tasks `taskNames`.
    init(taskNames: [String]) {
        precondition(!taskNames.isEmpty, "UncertaintyBalancer needs at least one task.")
        self.taskNames = taskNames
        logVariances = Tensor.zeros([taskNames.count], requiresGrad: true)
    }

    /// The log-variances, for the optimizer.
    var learnableParameters: [Tensor] { [logVariances] }

    /// Each task's current weight `exp(−sᵢ)`.
    var weights: [Double] {
        // TODO: exp(−sᵢ) for every value of logVariances.
        Array(repeating: 1, count: taskNames.count)
    }

    /// `Σᵢ exp(−sᵢ)·Lᵢ + sᵢ` for one scalar loss per task, differentiable in both the losses and
    /// the log-variances.
    func combined(_ taskLosses: [Tensor]) -> Tensor {
        precondition(taskLosses.count == taskNames.count,
                     "UncertaintyBalancer has \(taskNames.count) tasks but got \(taskLosses.count) losses.")
        // TODO: Σᵢ exp(−sᵢ)·Lᵢ + sᵢ with tensor operations, taking sᵢ as logVariances[i].
        return Tensor(0.0)
    }

    /// Back-propagates the combined loss into the model and the log-variances.
    @discardableResult
    func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = combined(taskLosses)
        total.backward()
        return total
    }

    /// Records the weights at the end of an epoch.
    func endEpoch(taskLosses: [Double]) {
        // TODO: append the current weights to weightHistory.
    }

    /// The weight history as a figure: epoch on the x axis, one line per task.
    func weightFigure() -> Figure {
        // TODO: plot every task's weight against the epochs 1, 2, …, labelled with taskNames.
        Figure(width: 800, height: 500)
    }

    /// Saves ``weightFigure()`` as a PNG file at `path`.
    func saveWeightPlot(to path: String) throws {
        // TODO: render weightFigure() and save it as a PNG file at path.
    }
}
