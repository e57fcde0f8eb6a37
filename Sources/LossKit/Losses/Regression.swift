// Losses for regression: predicting real numbers.

/// Computes the mean squared error (MSE) between a prediction and its target.
///
/// `mean((prediction − target)²)`
///
/// Squaring makes every error positive and punishes large errors much more than small ones,
/// so a few outliers can dominate the loss. Minimizing it predicts the conditional mean of the target.
///
/// Unlike PyTorch, which warns and then broadcasts when the shapes differ, this function stops
/// with an error: a silent broadcast (say `[4, 1]` against `[4]`) compares every prediction with
/// every target and gives a wrong loss.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - reduction: How to combine the squared errors: `.mean` (the default) averages them,
///     `.sum` adds them up, and `.none` returns one squared error per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: The method of least squares: A.-M. Legendre, *Nouvelles méthodes pour la détermination
///   des orbites des comètes* (1805), and C. F. Gauss, *Theoria motus corporum coelestium* (1809).
public func mseLoss(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    checkPrecondition(
        prediction.shape == target.shape,
        "mseLoss needs prediction and target of the same shape, but got prediction \(prediction.shape) and target \(target.shape). (PyTorch would warn and broadcast; LossKit refuses because broadcasting here silently gives the wrong loss.)"
    )
    let error = prediction - target
    return (error * error).reduced(by: reduction)
}
