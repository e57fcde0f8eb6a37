import Foundation

/// Homoscedastic-uncertainty weighting: each task has a learned noise level, and a noisy task
/// (large σ) counts less, with a penalty that keeps σ from growing without bound.
///
/// Two parametrisations are common and both are here:
/// - ``Parametrisation/logVariance``: `s = log σ²`, `L = Σ exp(−sᵢ)·Lᵢ + sᵢ`, the form most
///   implementations use (Kendall et al.'s factors ½ folded away);
/// - ``Parametrisation/sigma(regressionTasks:)``: `L = Σ Lᵢ/(c·σᵢ²) + log σᵢ`, learned as log σ, where `c` is 2 for
///   regression tasks (Gaussian likelihood) and 1 for classification tasks (Kendall et al.'s
///   derivation for a softmax with temperature).
///
/// For a constant loss Lᵢ the log-variance form is minimised at `exp(−sᵢ) = 1/Lᵢ`.
///
/// - Source: Kendall, Gal & Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses for
///   Scene Geometry and Semantics", CVPR 2018.
public final class UncertaintyWeighting: TaskWeighting {
    /// How the uncertainty is parametrised.
    public enum Parametrisation: Sendable {
        /// `s = log σ²`: `Σ exp(−s)·L + s`.
        case logVariance
        /// `log σ`: `Σ L/(c·σ²) + log σ` with c = 2 (regression) or 1 (classification).
        case sigma(regressionTasks: Set<Int>)
    }

    /// "uncertainty".
    public let name = "uncertainty"
    /// The learned values, one per task: s = log σ² (or log σ).
    public let logUncertainties: Tensor
    /// The parametrisation in use.
    public let parametrisation: Parametrisation
    /// One entry per epoch.
    public private(set) var weightHistory: [[Double]] = []

    /// Uncertainty weighting for `tasks` tasks, starting at s = 0 (weight 1).
    public init(tasks: Int, parametrisation: Parametrisation = .logVariance) {
        checkPrecondition(tasks > 0, "Multi-task weighting needs at least one task, not \(tasks).")
        logUncertainties = Tensor.zeros([tasks], requiresGrad: true)
        self.parametrisation = parametrisation
    }

    /// The learned log-uncertainties.
    public var learnableParameters: [Tensor] { [logUncertainties] }

    /// The effective weight of each task: `exp(−s)`, or `1/(c·σ²)`.
    public var weights: [Double] {
        logUncertainties.scalars.enumerated().map { index, value in
            switch parametrisation {
            case .logVariance: return exp(-value)
            case .sigma(let regression): return 1 / ((regression.contains(index) ? 2 : 1) * exp(2 * value))
            }
        }
    }

    /// The combined loss, differentiable in both the task losses and the uncertainties.
    public func combined(_ taskLosses: [Tensor]) -> Tensor {
        checkPrecondition(taskLosses.count == logUncertainties.count,
                          "UncertaintyWeighting has \(logUncertainties.count) tasks but got \(taskLosses.count) losses.")
        var terms: [Tensor] = []
        for (index, loss) in taskLosses.enumerated() {
            let s = logUncertainties[index]
            switch parametrisation {
            case .logVariance:
                terms.append(exp(-s) * loss + s)
            case .sigma(let regression):
                let factor = regression.contains(index) ? 2.0 : 1.0
                terms.append(loss / (exp(2 * s) * factor) + s)
            }
        }
        return terms.dropFirst().reduce(terms[0], +)
    }

    /// Back-propagates the combined loss (reaching the uncertainties too).
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = combined(taskLosses)
        total.backward()
        return total
    }

    /// Records the weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }
}
