// Multi-task weighting by learned uncertainty, as functions of the task losses and of one
// learnable parameter per task (create it with requiresGrad: true and give it to the optimizer).

/// Combines task losses with learned weights: `Σᵢ exp(−sᵢ) · Lᵢ + sᵢ`, where `sᵢ = log σᵢ²`.
///
/// Each task's loss is divided by its learned variance `σᵢ² = exp(sᵢ)`, and the `+ sᵢ` term stops
/// the variances from growing without bound. At the optimum `exp(sᵢ) = Lᵢ`: noisy or large losses
/// get small weights. Start from `s = 0` (every weight 1). Learning `s = log σ²` rather than σ keeps
/// the weight positive and the optimization stable.
///
/// Example: `L = [2, 0.5]`, `s = [0, 0]` → `2 + 0.5 = 2.5`; with `s = [log 2, 0]` → `1 + log 2 + 0.5 = 2.193…`.
///
/// - Parameters:
///   - losses: One scalar loss per task, as a one-dimensional tensor `[T]` (use
///     `uncertaintyWeightedLoss(losses:logVariances:)` for a list of scalar tensors).
///   - logVariances: The learned `sᵢ = log σᵢ²`, shape `[T]`.
/// - Returns: A scalar tensor.
/// - Source: A. Kendall, Y. Gal and R. Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
///   Losses for Scene Geometry and Semantics", CVPR 2018, in the `log σ²` form used by their code.
public func uncertaintyWeightedLoss(losses: Tensor, logVariances: Tensor) -> Tensor {
    checkTaskShapes(losses, logVariances, loss: "uncertaintyWeightedLoss", parameterName: "logVariances")
    return (exp(-logVariances) * losses + logVariances).sum()
}

/// Combines a list of scalar task losses with learned weights: `Σᵢ exp(−sᵢ) · Lᵢ + sᵢ`.
///
/// The same as `uncertaintyWeightedLoss(losses:logVariances:)` with the losses stacked.
///
/// - Parameters:
///   - losses: One scalar (one-element) loss per task.
///   - logVariances: The learned `sᵢ = log σᵢ²`, shape `[T]`.
/// - Returns: A scalar tensor.
/// - Source: A. Kendall, Y. Gal and R. Cipolla, CVPR 2018.
public func uncertaintyWeightedLoss(losses: [Tensor], logVariances: Tensor) -> Tensor {
    uncertaintyWeightedLoss(losses: stackTaskLosses(losses, loss: "uncertaintyWeightedLoss"), logVariances: logVariances)
}

/// Combines task losses as in the paper: `Σᵢ Lᵢ / (2σᵢ²) + log σᵢ`, learning `sᵢ = log σᵢ`.
///
/// Written with the learned `sᵢ`: `Σᵢ Lᵢ · exp(−2sᵢ) / 2 + sᵢ`. This is the regression form of
/// Kendall, Gal & Cipolla (a Gaussian likelihood per task); at the optimum `σᵢ² = Lᵢ`.
/// It equals half of `uncertaintyWeightedLoss(losses:logVariances:)` at `logVariances = 2 · logSigmas`.
///
/// Example: `L = [2]`, `s = [0]` → `2 / 2 + 0 = 1`.
///
/// - Parameters:
///   - losses: One scalar loss per task, shape `[T]`.
///   - logSigmas: The learned `sᵢ = log σᵢ`, shape `[T]`.
/// - Returns: A scalar tensor.
/// - Source: A. Kendall, Y. Gal and R. Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
///   Losses for Scene Geometry and Semantics", CVPR 2018 (equation 7).
public func kendallUncertaintyWeightedLoss(losses: Tensor, logSigmas: Tensor) -> Tensor {
    checkTaskShapes(losses, logSigmas, loss: "kendallUncertaintyWeightedLoss", parameterName: "logSigmas")
    return (0.5 * exp(-2 * logSigmas) * losses + logSigmas).sum()
}

/// Combines a list of scalar task losses as in the paper: `Σᵢ Lᵢ / (2σᵢ²) + log σᵢ`.
///
/// The same as `kendallUncertaintyWeightedLoss(losses:logSigmas:)` with the losses stacked.
///
/// - Parameters:
///   - losses: One scalar (one-element) loss per task.
///   - logSigmas: The learned `sᵢ = log σᵢ`, shape `[T]`.
/// - Returns: A scalar tensor.
/// - Source: A. Kendall, Y. Gal and R. Cipolla, CVPR 2018.
public func kendallUncertaintyWeightedLoss(losses: [Tensor], logSigmas: Tensor) -> Tensor {
    kendallUncertaintyWeightedLoss(losses: stackTaskLosses(losses, loss: "kendallUncertaintyWeightedLoss"), logSigmas: logSigmas)
}

/// Stops with a message unless `losses` and the learned parameters are both one-dimensional `[T]`.
private func checkTaskShapes(_ losses: Tensor, _ parameters: Tensor, loss: String, parameterName: String) {
    checkPrecondition(
        losses.rank == 1 && parameters.shape == losses.shape,
        "\(loss) needs losses of shape [T] (one per task) and \(parameterName) of the same shape, but got losses \(losses.shape) and \(parameterName) \(parameters.shape)."
    )
}

/// The scalar task losses as one tensor `[T]`.
private func stackTaskLosses(_ losses: [Tensor], loss: String) -> Tensor {
    checkPrecondition(!losses.isEmpty, "\(loss) needs at least one task loss, but got an empty list.")
    for (index, task) in losses.enumerated() {
        checkPrecondition(task.count == 1, "\(loss) needs one scalar loss per task, but task \(index) has shape \(task.shape).")
    }
    return stack(losses.map { $0.reshaped([]) })
}
