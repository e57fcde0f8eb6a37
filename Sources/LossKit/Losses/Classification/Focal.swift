// Focal losses: cross-entropies that down-weight examples the model already gets right.
//
// Both multiply a cross-entropy by (1 − p_t)^γ, where p_t is the probability given to the true
// answer. For γ < 1 the derivative of that power is infinite at p_t = 1, although the loss's
// gradient tends to 0 there (the cross-entropy vanishes faster); `focalModulation` passes on that
// limit so that confident, correct predictions give finite gradients.

import Foundation

/// Computes the multiclass focal loss: a cross-entropy scaled down for well-classified examples.
///
/// With `p_t` the softmax probability of the target class:
/// `ℓᵢ = α · (1 − p_t)^γ · (−log p_t)`.
///
/// Use it for classification with many easy examples and few hard ones (dense detection, class
/// imbalance): with `γ = 2` an example classified with `p_t = 0.9` counts 100 times less than in
/// plain cross-entropy. `γ = 0` and `α = 1` give ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``.
/// Logits of ±1000 give finite values and gradients, and so does `γ < 1` when `p_t` reaches 1.
///
/// Example with `α = 1, γ = 2`: logits `[2, 0]`, target 0 → `p_t = 0.8808`,
/// `(0.1192)² · 0.1269 = 0.001803…`.
///
/// - Parameters:
///   - logits: Raw scores of shape `[N, C]` or `[N, C, d1, …]`.
///   - target: One class index in `0..<C` per position, `N · d1 · …` in all.
///   - alpha: A constant weight `α ≥ 0` on every term (the paper's 0.25 by default).
///   - gamma: The focusing parameter `γ ≥ 0` (the paper's 2 by default).
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per position.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or one loss per position for `.none`.
/// - Source: T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
///   Detection", ICCV 2017.
public func focalLoss(
    _ logits: Tensor, _ target: [Int], alpha: Double = 0.25, gamma: Double = 2, reduction: Reduction = .mean
) -> Tensor {
    checkPrecondition(alpha >= 0, "focalLoss needs alpha ≥ 0, but got alpha \(alpha).")
    checkPrecondition(gamma >= 0, "focalLoss needs gamma ≥ 0, but got gamma \(gamma).")
    let rows = ClassRows(logits, target, loss: "focalLoss", scoresName: "logits", ignoreIndex: nil)
    // −log p_t for each position, from the fused cross-entropy.
    let crossEntropy = rows.crossEntropyPerRow(classWeights: nil, labelSmoothing: 0)
    let perPosition = alpha * focalModulation(oneMinusExp(-crossEntropy), gamma: gamma) * crossEntropy
    return rows.reduce(perPosition, by: reduction)
}

/// Computes the sigmoid focal loss of torchvision: a binary cross-entropy on logits scaled down
/// where the prediction is already right.
///
/// With `p = σ(x)`, `p_t = p · t + (1 − p) · (1 − t)` and `α_t = α · t + (1 − α) · (1 − t)`:
/// `ℓ = α_t · (1 − p_t)^γ · bce(x, t)`, where `bce(x, t) = −(t · log p + (1 − t) · log(1 − p))`.
/// A negative `α` leaves out the factor `α_t`.
///
/// Use it for dense detection and multi-label problems where most outputs are easy negatives.
/// It is computed from logits without overflow: ±1000 gives finite values and gradients.
///
/// Example with `α = 0.25, γ = 2`: `x = 0, t = 1` → `0.25 · 0.5² · log 2 = 0.04332…`.
///
/// - Parameters:
///   - logits: Raw scores `x`, of any shape.
///   - target: Targets `t` in `[0, 1]`, with the same shape.
///   - alpha: The weight of positives in `[0, 1]` (negatives get `1 − α`), or negative for no weighting.
///     torchvision's default is 0.25.
///   - gamma: The focusing parameter `γ ≥ 0` (2 by default).
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
///   Detection", ICCV 2017; implemented as `torchvision.ops.sigmoid_focal_loss`.
public func sigmoidFocalLoss(
    _ logits: Tensor, _ target: Tensor, alpha: Double = 0.25, gamma: Double = 2, reduction: Reduction = .mean
) -> Tensor {
    checkLossShapesMatch(logits, target, loss: "sigmoidFocalLoss", names: ("logits", "target"))
    checkPrecondition(alpha <= 1, "sigmoidFocalLoss needs alpha ≤ 1 (or negative to disable it), but got alpha \(alpha).")
    checkPrecondition(gamma >= 0, "sigmoidFocalLoss needs gamma ≥ 0, but got gamma \(gamma).")
    let crossEntropy = (1 - target) * logits - logSigmoid(logits)
    // 1 − p_t, written with σ(−x) = 1 − σ(x) so that nothing cancels.
    let miss = target * sigmoid(-logits) + (1 - target) * sigmoid(logits)
    var elementwise = crossEntropy * focalModulation(miss, gamma: gamma)
    if alpha >= 0 {
        elementwise = (alpha * target + (1 - alpha) * (1 - target)) * elementwise
    }
    return elementwise.reduced(by: reduction)
}

// MARK: - Helpers

/// `bᵞ` for every element of `base` (≥ 0), whose gradient at `b = 0` is the limit that a focal
/// loss needs: 1 for `γ = 1`, 0 otherwise (the true derivative is infinite there for `γ < 1`, but
/// it always multiplies a cross-entropy that vanishes at least as fast as `b`).
func focalModulation(_ base: Tensor, gamma: Double) -> Tensor {
    let values = Kernels.map(base.scalars) { Foundation.pow($0, gamma) }
    return Tensor.result(of: "focalModulation", shape: base.shape, scalars: values, inputs: [base]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { incoming, value in
            if gamma == 0 { return 0 }
            if value == 0 { return gamma == 1 ? incoming : 0 }
            return incoming * gamma * Foundation.pow(value, gamma - 1)
        }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        guard gamma != 0 else { return [Tensor(repeating: 0, shape: gradient.shape)] }
        // γ·b^(γ − 1), and the limit above where b = 0; the power reads 1 there, so that no
        // infinity enters the graph.
        let base = inputs[0]
        let atZero = Tensor.plain(Kernels.map(base.scalars) { $0 == 0 ? 1 : 0 }, shape: gradient.shape)
        let slope = gamma * pow(Tensor.where(atZero, 1, base), gamma - 1)
        return [gradient * Tensor.where(atZero, gamma == 1 ? 1 : 0, slope)]
    }
}

/// `1 − eˣ` for every element, accurate near `x = 0` (through `expm1`), with gradient `−eˣ`.
func oneMinusExp(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { -Foundation.expm1($0) }
    return Tensor.result(of: "oneMinusExp", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        [Tensor.plain(Kernels.map(gradient.scalars, inputs[0].scalars) { -$0 * Foundation.exp($1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, output in
        // −eˣ = (1 − eˣ) − 1, the result minus 1.
        [gradient * (output - 1)]
    }
}
