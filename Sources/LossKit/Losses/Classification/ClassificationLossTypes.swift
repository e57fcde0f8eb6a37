// The classification losses as values (see Loss.swift): each wraps its functional form with fixed
// settings and records every value it returns. Losses with class-index targets take the targets
// as a tensor of whole numbers (as PyTorch's modules do) and convert them.

/// Binary cross-entropy on probabilities as a value: calls ``bceLoss(_:_:weight:reduction:)``.
public final class BCELoss: Loss {
    /// `"bce"`.
    public let name = "bce"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.weight = weight
        self.reduction = reduction
    }

    /// `−w · (t · log p + (1 − t) · log(1 − p))`; see ``bceLoss(_:_:weight:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        bceLoss(prediction, target, weight: weight, reduction: reduction)
    }
}

/// Binary cross-entropy on logits as a value: calls ``bceWithLogitsLoss(_:_:posWeight:reduction:)``.
public final class BCEWithLogitsLoss: Loss {
    /// `"bce_with_logits"`.
    public let name = "bce_with_logits"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.posWeight = posWeight
        self.reduction = reduction
    }

    /// `(1 − t) · x − (1 + (pw − 1) · t) · logSigmoid(x)`; see ``bceWithLogitsLoss(_:_:posWeight:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        bceWithLogitsLoss(prediction, target, posWeight: posWeight, reduction: reduction)
    }
}

/// Cross-entropy on logits with class-index targets as a value:
/// calls ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``.
public final class CrossEntropyLoss: Loss {
    /// `"cross_entropy"`.
    public let name = "cross_entropy"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }

    /// The cross-entropy of `prediction` (logits `[N, C, …]`) against `target`, a tensor of class
    /// indices with shape `[N, …]`; see ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        crossEntropyLoss(
            prediction, classIndices(target, scores: prediction, loss: "CrossEntropyLoss"), weight: weight, ignoreIndex: ignoreIndex,
            labelSmoothing: labelSmoothing, reduction: reduction
        )
    }
}

/// Negative log-likelihood with class-index targets as a value:
/// calls ``nllLoss(_:_:weight:ignoreIndex:reduction:)``.
public final class NLLLoss: Loss {
    /// `"nll"`.
    public let name = "nll"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }

    /// `−w_y · logp_y` for log-probabilities `prediction` and class indices `target`;
    /// see ``nllLoss(_:_:weight:ignoreIndex:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        nllLoss(prediction, classIndices(target, scores: prediction, loss: "NLLLoss"), weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Cross-entropy with `1 − ε` on the true class and `ε / (K − 1)` on the others, as a value:
/// calls ``labelSmoothingCrossEntropy(_:_:epsilon:reduction:)``.
public final class LabelSmoothingCrossEntropy: Loss {
    /// `"label_smoothing_ce"`.
    public let name = "label_smoothing_ce"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.epsilon = epsilon
        self.reduction = reduction
    }

    /// The smoothed cross-entropy of logits `prediction` against class indices `target`;
    /// see ``labelSmoothingCrossEntropy(_:_:epsilon:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        labelSmoothingCrossEntropy(
            prediction, classIndices(target, scores: prediction, loss: "LabelSmoothingCrossEntropy"), epsilon: epsilon, reduction: reduction
        )
    }
}

/// The multiclass focal loss as a value: calls ``focalLoss(_:_:alpha:gamma:reduction:)``.
public final class FocalLoss: Loss {
    /// `"focal"`.
    public let name = "focal"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.alpha = alpha
        self.gamma = gamma
        self.reduction = reduction
    }

    /// `α · (1 − p_t)^γ · (−log p_t)` for logits `prediction` and class indices `target`;
    /// see ``focalLoss(_:_:alpha:gamma:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        focalLoss(prediction, classIndices(target, scores: prediction, loss: "FocalLoss"), alpha: alpha, gamma: gamma, reduction: reduction)
    }
}

/// torchvision's sigmoid focal loss as a value: calls ``sigmoidFocalLoss(_:_:alpha:gamma:reduction:)``.
public final class SigmoidFocalLoss: Loss {
    /// `"sigmoid_focal"`.
    public let name = "sigmoid_focal"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.alpha = alpha
        self.gamma = gamma
        self.reduction = reduction
    }

    /// `α_t · (1 − p_t)^γ · bce(x, t)`; see ``sigmoidFocalLoss(_:_:alpha:gamma:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        sigmoidFocalLoss(prediction, target, alpha: alpha, gamma: gamma, reduction: reduction)
    }
}

/// The Kullback–Leibler divergence as a value: calls ``klDivLoss(_:_:reduction:logTarget:)``.
public final class KLDivLoss: Loss {
    /// `"kl_div"`.
    public let name = "kl_div"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.reduction = reduction
        self.logTarget = logTarget
    }

    /// `KL(target ‖ prediction)` for log-probabilities `prediction`; see ``klDivLoss(_:_:reduction:logTarget:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        klDivLoss(prediction, target, reduction: reduction, logTarget: logTarget)
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
