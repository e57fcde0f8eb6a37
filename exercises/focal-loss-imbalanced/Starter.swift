import LossLab

/// The binary focal loss on logits, averaged over every element.
///
/// With `p = σ(x)` the predicted probability of the positive class, `p_t = p` where the target is
/// 1 and `1 − p` where it is 0, and `α_t = α` for positives and `1 − α` for negatives:
/// `FL = −α_t · (1 − p_t)^γ · log p_t`. With `alpha: nil` the factor `α_t` is left out (it is 1).
///
/// - Parameters:
///   - logits: Raw scores `x` (any shape); `σ(x)` is the probability of the positive class.
///   - targets: 0 or 1 for every element, the same shape as `logits`.
///   - alpha: The weight `α` in `[0, 1]` of the positive class (negatives get `1 − α`), or `nil`.
///   - gamma: The focusing parameter `γ ≥ 0`; 0 gives the (α-weighted) binary cross-entropy.
/// - Returns: A scalar tensor, the mean of the loss over all elements.
/// - Source: T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
///   Detection", ICCV 2017.
func binaryFocalLoss(_ logits: Tensor, _ targets: Tensor, alpha: Double? = 0.25, gamma: Double = 2) -> Tensor {
    // TODO: compute log p_t and (1 − p_t)^γ from the logits with stable tensor operations,
    // multiply by α_t when alpha is given, and return the mean over all elements.
    return Tensor(0.0)
}
