// Losses for segmentation: predicted masks against true masks, scored by overlap rather than pixel
// by pixel, so that a small object is not drowned out by a large background.
//
// Every sum runs over the whole tensor, batch included ("batch Dice"): the overlap of the batch is
// computed as if it were one big image. The `smooth` term keeps the ratio defined when both masks
// are empty (then the loss is 0) and softens the gradient for tiny objects.

/// Computes the Dice loss between predicted probabilities and a binary mask: one minus their overlap.
///
/// `loss = 1 − (2 Σ p·t + smooth) / (Σ p + Σ t + smooth)`, summed over every element (batch included).
///
/// Use it for binary segmentation with a small foreground (lesions, cells), where pixel-wise
/// cross-entropy would be dominated by the background. Worked example: `p = [0.9, 0.2]`,
/// `t = [1, 0]` and `smooth = 1` give `1 − (2·0.9 + 1) / (1.1 + 1 + 1) = 1 − 2.8/3.1 ≈ 0.0968`.
///
/// - Parameters:
///   - prediction: Probabilities in 0...1 (after a sigmoid), of any shape such as `[N, 1, H, W]`.
///   - target: The true mask of 0s and 1s, the same shape.
///   - smooth: Added to numerator and denominator; must be ≥ 0 (0 gives NaN for two empty masks).
/// - Returns: A scalar tensor, between 0 (perfect overlap) and 1.
/// - Source: F. Milletari, N. Navab, S.-A. Ahmadi, "V-Net: Fully Convolutional Neural Networks for
///   Volumetric Medical Image Segmentation", 3DV 2016 (which squares p and t in the denominator;
///   this is the common unsquared form).
public func diceLoss(_ prediction: Tensor, _ target: Tensor, smooth: Double = 1) -> Tensor {
    checkMasks(prediction, target, loss: "diceLoss")
    checkPrecondition(smooth >= 0, "diceLoss needs smooth ≥ 0, but got smooth = \(smooth).")
    let overlap = (prediction * target).sum()
    return 1 - (2 * overlap + smooth) / (prediction.sum() + target.sum() + smooth)
}

/// Computes the Dice loss of a multi-class segmentation from logits: the Dice loss of each class,
/// averaged over the classes.
///
/// With `p = softmax(logits)` over the class dimension and `t` the one-hot target, for each class `c`
/// `Dice_c = (2 Σ p_c·t_c + smooth) / (Σ p_c + Σ t_c + smooth)`, summed over batch and pixels, and
/// `loss = mean over the C classes (background included) of (1 − Dice_c)`.
///
/// Use it for multi-class segmentation with unbalanced classes: every class weighs the same in
/// the mean, however few pixels it has. A class absent from both prediction and target scores
/// Dice ≈ 1 thanks to `smooth`.
///
/// - Parameters:
///   - logits: Raw scores, shape `[N, C, …]` (such as `[N, C, H, W]`).
///   - target: The class of each pixel, in `0..<C`, in row-major order of `[N, …]`.
///   - smooth: Added to numerator and denominator of every class; must be ≥ 0.
/// - Returns: A scalar tensor.
/// - Source: F. Milletari, N. Navab, S.-A. Ahmadi, "V-Net", 3DV 2016; the class average:
///   C. H. Sudre et al., "Generalised Dice overlap as a deep learning loss function for highly
///   unbalanced segmentations", DLMIA 2017 (here without their class weights).
public func multiclassDiceLoss(_ logits: Tensor, _ target: [Int], smooth: Double = 1) -> Tensor {
    checkClassTargets(logits, target, loss: "multiclassDiceLoss")
    checkPrecondition(smooth >= 0, "multiclassDiceLoss needs smooth ≥ 0, but got smooth = \(smooth).")
    let probabilities = softmax(logits, dim: 1)
    let oneHotTarget = oneHotMasks(target, like: logits)
    let otherDimensions = [0] + Array(2..<logits.rank)
    let overlap = (probabilities * oneHotTarget).sum(dims: otherDimensions)
    let sizes = probabilities.sum(dims: otherDimensions) + oneHotTarget.sum(dims: otherDimensions)
    return (1 - (2 * overlap + smooth) / (sizes + smooth)).mean()
}

/// Computes the Tversky loss: a Dice loss that weighs false positives and false negatives separately.
///
/// With `TP = Σ p·t`, `FP = Σ p·(1 − t)` and `FN = Σ (1 − p)·t` over every element (batch included),
/// `TI = (TP + smooth) / (TP + α·FP + β·FN + smooth)` and `loss = 1 − TI`.
///
/// Use it when missing an object costs more than a false alarm (small lesions): raise β above α.
/// With `α = β = 0.5` it is the Dice loss with `smooth` doubled. Worked example: `p = [0.9, 0.2]`,
/// `t = [1, 0]`, `α = 0.3`, `β = 0.7`, `smooth = 1`: `TP = 0.9`, `FP = 0.2`, `FN = 0.1`, so
/// `TI = 1.9 / (0.9 + 0.06 + 0.07 + 1) = 1.9/2.03` and the loss is `≈ 0.0640`.
///
/// - Parameters:
///   - prediction: Probabilities in 0...1, of any shape such as `[N, 1, H, W]`.
///   - target: The true mask of 0s and 1s, the same shape.
///   - alpha: The weight α of false positives, ≥ 0.
///   - beta: The weight β of false negatives, ≥ 0.
///   - smooth: Added to numerator and denominator; must be ≥ 0.
/// - Returns: A scalar tensor.
/// - Source: S. S. M. Salehi, D. Erdogmus, A. Gholipour, "Tversky loss function for image
///   segmentation using 3D fully convolutional deep networks", MLMI 2017.
public func tverskyLoss(
    _ prediction: Tensor, _ target: Tensor, alpha: Double = 0.3, beta: Double = 0.7, smooth: Double = 1
) -> Tensor {
    1 - tverskyIndex(prediction, target, alpha: alpha, beta: beta, smooth: smooth, loss: "tverskyLoss")
}

/// Computes the focal Tversky loss: the Tversky loss raised to a power γ, which reshapes how much
/// nearly-right and badly-wrong predictions count.
///
/// `loss = (1 − TI)^γ`, with the Tversky index `TI` of ``tverskyLoss(_:_:alpha:beta:smooth:)``.
/// The power is taken as 0 (with zero gradient) when `1 − TI ≤ 0`, so a perfect or empty prediction
/// gives 0 and finite gradients even for γ < 1.
///
/// Use it for small structures: γ < 1 (the paper's 0.75) enlarges the loss and its gradient when
/// the overlap is already good, to keep improving hard small regions. Worked example: `TI = 0.75`
/// and `γ = 0.75` give `0.25^0.75 ≈ 0.3536`.
///
/// - Parameters:
///   - prediction: Probabilities in 0...1, of any shape such as `[N, 1, H, W]`.
///   - target: The true mask of 0s and 1s, the same shape.
///   - alpha: The weight α of false positives, ≥ 0.
///   - beta: The weight β of false negatives, ≥ 0.
///   - gamma: The exponent γ > 0 applied to `1 − TI`. The paper writes it as `1/γ` with `γ = 4/3`,
///     which is this function's default of 0.75.
///   - smooth: Added to numerator and denominator; must be ≥ 0.
/// - Returns: A scalar tensor.
/// - Source: N. Abraham, N. M. Khan, "A Novel Focal Tversky Loss Function with Improved Attention
///   U-Net for Lesion Segmentation", ISBI 2019.
public func focalTverskyLoss(
    _ prediction: Tensor, _ target: Tensor, alpha: Double = 0.3, beta: Double = 0.7, gamma: Double = 0.75,
    smooth: Double = 1
) -> Tensor {
    checkPrecondition(gamma > 0, "focalTverskyLoss needs gamma > 0, but got gamma = \(gamma).")
    let remaining = 1 - tverskyIndex(prediction, target, alpha: alpha, beta: beta, smooth: smooth, loss: "focalTverskyLoss")
    // Where the base is 0, pow's derivative γ·0^(γ−1) is infinite for γ < 1 and would turn the
    // zero gradient of `where` into NaN, so the power only ever sees a positive base.
    let positive = remaining .> 0
    return Tensor.where(positive, pow(Tensor.where(positive, remaining, 1), gamma), 0)
}

/// Computes a weighted sum of pixel-wise cross-entropy and the multi-class Dice loss, the usual
/// combination for segmentation (as in nnU-Net).
///
/// `loss = ceWeight · CE + diceWeight · multiclassDice(smooth: 1)`, where `CE` is the mean over all
/// pixels of `−log softmax(logits)[target]` and the Dice part is
/// ``multiclassDiceLoss(_:_:smooth:)`` with `smooth = 1`.
///
/// Use it when Dice alone trains unstably early on: cross-entropy gives every pixel a smooth
/// gradient, Dice keeps small classes from being ignored. Worked example: CE 1.2 and Dice 0.6 with
/// the default weights give `0.5·1.2 + 0.5·0.6 = 0.9`.
///
/// - Parameters:
///   - logits: Raw scores, shape `[N, C, …]` (such as `[N, C, H, W]`).
///   - target: The class of each pixel, in `0..<C`, in row-major order of `[N, …]`.
///   - ceWeight: The weight of the cross-entropy term.
///   - diceWeight: The weight of the Dice term.
/// - Returns: A scalar tensor.
/// - Source: F. Isensee et al., "nnU-Net: a self-configuring method for deep learning-based biomedical
///   image segmentation", Nature Methods 2021; Dice: F. Milletari et al., "V-Net", 3DV 2016.
public func ceDiceLoss(_ logits: Tensor, _ target: [Int], ceWeight: Double = 0.5, diceWeight: Double = 0.5) -> Tensor {
    checkClassTargets(logits, target, loss: "ceDiceLoss")
    return ceWeight * crossEntropyLoss(logits, target) + diceWeight * multiclassDiceLoss(logits, target, smooth: 1)
}

/// The Tversky index `(TP + smooth) / (TP + α·FP + β·FN + smooth)` over every element, after checking the inputs.
func tverskyIndex(
    _ prediction: Tensor, _ target: Tensor, alpha: Double, beta: Double, smooth: Double, loss: String
) -> Tensor {
    checkMasks(prediction, target, loss: loss)
    checkPrecondition(
        alpha >= 0 && beta >= 0 && smooth >= 0,
        "\(loss) needs alpha ≥ 0, beta ≥ 0 and smooth ≥ 0, but got alpha = \(alpha), beta = \(beta), smooth = \(smooth)."
    )
    // TP = Σ p·g, FP = Σ p·(1 − g), FN = Σ (1 − p)·g, computed in one pass.
    let counts = OverlapCounts.of(prediction, target)
    let (truePositives, falsePositives, falseNegatives) = (counts[0], counts[1], counts[2])
    return (truePositives + smooth) / (truePositives + alpha * falsePositives + beta * falseNegatives + smooth)
}

/// The one-hot encoding of per-pixel classes, shaped like `logits` (`[N, C, …]`), without gradients.
func oneHotMasks(_ target: [Int], like logits: Tensor) -> Tensor {
    let classes = logits.shape[1]
    let pixels = logits.shape.dropFirst(2).reduce(1, *)
    var values = [Double](repeating: 0, count: logits.count)
    for (position, label) in target.enumerated() {
        let (sample, pixel) = position.quotientAndRemainder(dividingBy: pixels)
        values[(sample * classes + label) * pixels + pixel] = 1
    }
    return Tensor(shape: logits.shape, scalars: values)
}

/// Stops with a message naming `loss` unless `prediction` and `target` have the same shape.
func checkMasks(_ prediction: Tensor, _ target: Tensor, loss: String) {
    checkPrecondition(
        prediction.shape == target.shape,
        "\(loss) needs prediction and target of the same shape, but got prediction \(prediction.shape) and target \(target.shape)."
    )
}

/// Stops with a message naming `loss` unless `logits` is `[N, C, …]` and `target` holds one class in
/// `0..<C` per element of `[N, …]`.
func checkClassTargets(_ logits: Tensor, _ target: [Int], loss: String) {
    checkPrecondition(
        logits.rank >= 2 && target.count == logits.count / Swift.max(logits.shape[1], 1),
        "\(loss) needs logits of shape [N, C, …] and one class per element of [N, …], but got logits \(logits.shape) and \(target.count) targets."
    )
    let classes = logits.shape[1]
    if let bad = target.first(where: { !(0..<classes).contains($0) }) {
        fatalError("\(loss) got target class \(bad), but logits \(logits.shape) have \(classes) classes: targets must be in 0..<\(classes).")
    }
}
