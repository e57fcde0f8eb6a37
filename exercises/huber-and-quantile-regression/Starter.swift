import LossLab

/// The Huber loss, averaged over every element: with `r = prediction − target`,
/// `½·r²` where `|r| ≤ δ` and `δ·(|r| − ½·δ)` elsewhere.
///
/// - Parameters:
///   - prediction: The predicted values, any shape.
///   - target: The true values, the same shape as `prediction`.
///   - delta: The residual size `δ > 0` where the loss turns from quadratic to linear.
/// - Returns: A scalar tensor, the mean of the loss over all elements.
/// - Source: P. J. Huber, "Robust Estimation of a Location Parameter", Annals of Mathematical
///   Statistics 35(1), 1964.
func huber(_ prediction: Tensor, _ target: Tensor, delta: Double) -> Tensor {
    // TODO: build the loss from tensor operations on prediction − target and return its mean.
    return Tensor(0.0)
}

/// The pinball (quantile) loss, averaged over every element: with `r = prediction − target`,
/// `(1 − τ)·r` where the prediction is too high (`r > 0`) and `τ·(−r)` where it is too low.
/// Its gradient at `r = 0` is the midpoint of the two slopes, `½ − τ`.
///
/// - Parameters:
///   - prediction: The predicted values, any shape.
///   - target: The true values, the same shape as `prediction`.
///   - quantile: The level `τ` in (0, 1); the best constant prediction is the τ-quantile of the targets.
/// - Returns: A scalar tensor, the mean of the loss over all elements.
/// - Source: R. Koenker and G. Bassett, "Regression Quantiles", Econometrica 46(1), 1978.
func pinball(_ prediction: Tensor, _ target: Tensor, quantile: Double) -> Tensor {
    // TODO: build the loss from tensor operations on prediction − target and return its mean,
    // with gradient ½ − τ (per element, before the mean) where the residual is exactly 0.
    return Tensor(0.0)
}
