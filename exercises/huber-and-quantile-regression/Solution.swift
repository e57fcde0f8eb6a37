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
    let size = abs(prediction - target)
    // min(|r|, δ): the part of the residual the quadratic charges; the rest is charged δ per unit.
    let inside = clamp(size, max: delta)
    return (0.5 * inside * inside + delta * (size - inside)).mean()
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
    let residual = prediction - target
    // ½|r| + (½ − τ)·r is (1 − τ)·r for r > 0 and −τ·r for r < 0; abs has gradient 0 at 0.
    return (0.5 * abs(residual) + (0.5 - quantile) * residual).mean()
}
