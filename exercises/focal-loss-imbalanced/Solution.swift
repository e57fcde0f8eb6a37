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
    // s = x for positives and −x for negatives, so that p_t = σ(s) and 1 − p_t = σ(−s).
    let signed = (2 * targets - 1) * logits
    // log σ(s) never takes the log of a rounded 0 (σ(100) is exactly 1.0 in Double, so
    // log(1 − σ(100)) would be −∞); logSigmoid computes it as min(s, 0) − log(1 + e^−|s|).
    let logTrueProbability = logSigmoid(signed)
    // (1 − p_t)^γ = σ(−s)^γ = exp(γ · log σ(−s)): finite, with a finite gradient, for every s and γ.
    let modulation = exp(gamma * logSigmoid(-signed))
    var perElement = -(modulation * logTrueProbability)
    if let alpha {
        perElement = (alpha * targets + (1 - alpha) * (1 - targets)) * perElement
    }
    return perElement.mean()
}
