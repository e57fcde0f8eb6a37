// The classification losses as values (see CallableLoss.swift): each passes its functional form,
// with its settings, to `CallableLoss`. Losses with class-index targets take the targets as a
// tensor of whole numbers (as PyTorch's modules do) and convert them.

/// Binary cross-entropy on probabilities as a value, `−w · (t · log p + (1 − t) · log(1 − p))`:
/// calls ``bceLoss(_:_:weight:reduction:)``.
public final class BCELoss: CallableLoss {
    /// Optional weights that broadcast to the predictions' shape.
    public let weight: Tensor?
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A binary cross-entropy on probabilities.
    ///
    /// - Parameters:
    ///   - weight: Optional weights that broadcast to the predictions' shape.
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(weight: Tensor? = nil, reduction: Reduction = .mean) {
        (self.weight, self.reduction) = (weight, reduction)
        super.init(name: "bce") { bceLoss($0, $1, weight: weight, reduction: reduction) }
    }
}

/// Binary cross-entropy on logits as a value, `(1 − t) · x − (1 + (pw − 1) · t) · logSigmoid(x)`:
/// calls ``bceWithLogitsLoss(_:_:posWeight:reduction:)``.
public final class BCEWithLogitsLoss: CallableLoss {
    /// Optional weights of the positive term (usually one per class).
    public let posWeight: Tensor?
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A binary cross-entropy on logits.
    ///
    /// - Parameters:
    ///   - posWeight: Optional weights of the positive term, broadcast to the logits' shape.
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(posWeight: Tensor? = nil, reduction: Reduction = .mean) {
        (self.posWeight, self.reduction) = (posWeight, reduction)
        super.init(name: "bce_with_logits") { bceWithLogitsLoss($0, $1, posWeight: posWeight, reduction: reduction) }
    }
}

/// Cross-entropy on logits (`[N, C, …]`) against a tensor of class indices (`[N, …]`) as a value:
/// calls ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``.
public final class CrossEntropyLoss: CallableLoss {
    /// Optional class weights, shape `[C]`.
    public let weight: Tensor?
    /// The target value that marks positions to skip.
    public let ignoreIndex: Int
    /// PyTorch's label smoothing `ε`: `ε / C` spread over all classes.
    public let labelSmoothing: Double
    /// How the per-position losses are combined.
    public let reduction: Reduction

    /// A cross-entropy with PyTorch's options.
    ///
    /// - Parameters:
    ///   - weight: Optional class weights, shape `[C]`.
    ///   - ignoreIndex: The target value that marks positions to skip (−100 by default).
    ///   - labelSmoothing: `ε` in `[0, 1]` (0 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, labelSmoothing: Double = 0, reduction: Reduction = .mean) {
        checkPrecondition((0...1).contains(labelSmoothing), "CrossEntropyLoss needs labelSmoothing in 0...1, but got \(labelSmoothing).")
        (self.weight, self.ignoreIndex, self.labelSmoothing, self.reduction) = (weight, ignoreIndex, labelSmoothing, reduction)
        super.init(name: "cross_entropy") { logits, target in
            crossEntropyLoss(
                logits, classIndices(target, scores: logits, loss: "CrossEntropyLoss"), weight: weight, ignoreIndex: ignoreIndex,
                labelSmoothing: labelSmoothing, reduction: reduction)
        }
    }
}

/// Negative log-likelihood, `−w_y · logp_y`, of log-probabilities against a tensor of class
/// indices as a value: calls ``nllLoss(_:_:weight:ignoreIndex:reduction:)``.
public final class NLLLoss: CallableLoss {
    /// Optional class weights, shape `[C]`.
    public let weight: Tensor?
    /// The target value that marks positions to skip.
    public let ignoreIndex: Int
    /// How the per-position losses are combined.
    public let reduction: Reduction

    /// A negative log-likelihood with PyTorch's options.
    ///
    /// - Parameters:
    ///   - weight: Optional class weights, shape `[C]`.
    ///   - ignoreIndex: The target value that marks positions to skip (−100 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean) {
        (self.weight, self.ignoreIndex, self.reduction) = (weight, ignoreIndex, reduction)
        super.init(name: "nll") { logProbabilities, target in
            nllLoss(
                logProbabilities, classIndices(target, scores: logProbabilities, loss: "NLLLoss"), weight: weight,
                ignoreIndex: ignoreIndex, reduction: reduction)
        }
    }
}

/// Cross-entropy with `1 − ε` on the true class and `ε / (K − 1)` on the others, of logits against
/// a tensor of class indices, as a value: calls ``labelSmoothingCrossEntropy(_:_:epsilon:reduction:)``.
public final class LabelSmoothingCrossEntropy: CallableLoss {
    /// The probability `ε` moved away from the true class.
    public let epsilon: Double
    /// How the per-position losses are combined.
    public let reduction: Reduction

    /// A label-smoothing cross-entropy.
    ///
    /// - Parameters:
    ///   - epsilon: `ε` in `[0, 1]` (0.1 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(epsilon: Double = 0.1, reduction: Reduction = .mean) {
        checkPrecondition((0...1).contains(epsilon), "LabelSmoothingCrossEntropy needs epsilon in 0...1, but got \(epsilon).")
        (self.epsilon, self.reduction) = (epsilon, reduction)
        super.init(name: "label_smoothing_ce") { logits, target in
            labelSmoothingCrossEntropy(
                logits, classIndices(target, scores: logits, loss: "LabelSmoothingCrossEntropy"), epsilon: epsilon, reduction: reduction)
        }
    }
}

/// The multiclass focal loss, `α · (1 − p_t)^γ · (−log p_t)`, of logits against a tensor of class
/// indices as a value: calls ``focalLoss(_:_:alpha:gamma:reduction:)``.
public final class FocalLoss: CallableLoss {
    /// The constant weight `α`.
    public let alpha: Double
    /// The focusing parameter `γ`.
    public let gamma: Double
    /// How the per-position losses are combined.
    public let reduction: Reduction

    /// A multiclass focal loss.
    ///
    /// - Parameters:
    ///   - alpha: `α ≥ 0` (0.25 by default).
    ///   - gamma: `γ ≥ 0` (2 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(alpha: Double = 0.25, gamma: Double = 2, reduction: Reduction = .mean) {
        checkPrecondition(alpha >= 0 && gamma >= 0, "FocalLoss needs alpha ≥ 0 and gamma ≥ 0, but got alpha \(alpha) and gamma \(gamma).")
        (self.alpha, self.gamma, self.reduction) = (alpha, gamma, reduction)
        super.init(name: "focal") { logits, target in
            focalLoss(logits, classIndices(target, scores: logits, loss: "FocalLoss"), alpha: alpha, gamma: gamma, reduction: reduction)
        }
    }
}

/// torchvision's sigmoid focal loss as a value, `α_t · (1 − p_t)^γ · bce(x, t)`: calls
/// ``sigmoidFocalLoss(_:_:alpha:gamma:reduction:)``.
public final class SigmoidFocalLoss: CallableLoss {
    /// The weight of positives (negatives get `1 − α`); negative for none.
    public let alpha: Double
    /// The focusing parameter `γ`.
    public let gamma: Double
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A sigmoid focal loss.
    ///
    /// - Parameters:
    ///   - alpha: `α ≤ 1`, or negative for no weighting (0.25 by default).
    ///   - gamma: `γ ≥ 0` (2 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(alpha: Double = 0.25, gamma: Double = 2, reduction: Reduction = .mean) {
        checkPrecondition(alpha <= 1 && gamma >= 0, "SigmoidFocalLoss needs alpha ≤ 1 and gamma ≥ 0, but got alpha \(alpha) and gamma \(gamma).")
        (self.alpha, self.gamma, self.reduction) = (alpha, gamma, reduction)
        super.init(name: "sigmoid_focal") { sigmoidFocalLoss($0, $1, alpha: alpha, gamma: gamma, reduction: reduction) }
    }
}

/// The Kullback–Leibler divergence `KL(target ‖ prediction)` of log-probabilities as a value:
/// calls ``klDivLoss(_:_:reduction:logTarget:)``.
public final class KLDivLoss: CallableLoss {
    /// How elementwise terms are combined (`.batchMean` gives the divergence per sample).
    public let reduction: KLDivergenceReduction
    /// Whether targets are log-probabilities.
    public let logTarget: Bool

    /// A KL divergence loss.
    ///
    /// - Parameters:
    ///   - reduction: `.batchMean` (the default), `.mean`, `.sum` or `.none`.
    ///   - logTarget: Whether targets are log-probabilities (`false` by default).
    public init(reduction: KLDivergenceReduction = .batchMean, logTarget: Bool = false) {
        (self.reduction, self.logTarget) = (reduction, logTarget)
        super.init(name: "kl_div") { klDivLoss($0, $1, reduction: reduction, logTarget: logTarget) }
    }
}

/// The whole numbers in `target`, as class indices for `scores` (`[N, C, d1, …]`), stopping with a
/// message naming `loss` unless `target` has the shape `[N, d1, …]` and holds whole numbers.
private func classIndices(_ target: Tensor, scores: Tensor, loss: String) -> [Int] {
    var positionShape = scores.shape
    if positionShape.count >= 2 { positionShape.remove(at: 1) }
    checkPrecondition(
        scores.rank >= 2 && target.shape == positionShape,
        "\(loss) needs scores of shape [N, C, …] and class indices of shape [N, …], but got scores \(scores.shape) and target \(target.shape)."
    )
    return target.scalars.enumerated().map { position, value in
        checkPrecondition(
            value == value.rounded() && Swift.abs(value) < 1e15,
            "\(loss) needs class indices (whole numbers) as targets, but element \(position) of target \(target.shape) is \(value)."
        )
        return Int(value)
    }
}
