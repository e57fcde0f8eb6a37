// Metric-learning and contrastive losses as values (see Loss.swift).
//
// The `Loss` protocol passes two tensors, a prediction and a target. Losses whose natural inputs
// differ say below how they read those two tensors, and also offer a call with labelled arguments
// (`loss(anchor: a, positive: p, negative: n)`), which records its value in `history` as well.

/// The contrastive loss of pairs as a value; see ``contrastiveLoss(_:_:label:margin:)``.
///
/// ```swift
/// let loss = ContrastiveLoss(margin: 1)
/// let value = loss(left, right, label: similar)   // or loss(stack([left, right]), similar)
/// ```
public final class ContrastiveLoss: Loss {
    /// `"contrastive"`.
    public var name: String { "contrastive" }
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()
    /// The distance beyond which a dissimilar pair costs nothing.
    public let margin: Double

    /// Creates the loss.
    ///
    /// - Parameter margin: The distance beyond which a dissimilar pair costs nothing; must be ≥ 0.
    /// - Source: R. Hadsell, S. Chopra, Y. LeCun, "Dimensionality Reduction by Learning an
    ///   Invariant Mapping", CVPR 2006.
    public init(margin: Double = 1) {
        checkPrecondition(margin >= 0, "ContrastiveLoss needs margin ≥ 0, but got margin = \(margin).")
        self.margin = margin
    }

    /// Computes the loss of the pairs `stack([x1, x2])` (shape `[2, N, D]`) against their labels
    /// (`target`, shape `[N]`, 1 for similar and 0 for dissimilar), without recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        checkPrecondition(
            prediction.rank == 3 && prediction.shape[0] == 2,
            "ContrastiveLoss needs the pairs stacked as stack([x1, x2]) of shape [2, N, D], but got \(prediction.shape); or call it as loss(x1, x2, label:)."
        )
        return contrastiveLoss(prediction[0], prediction[1], label: target, margin: margin)
    }

    /// Computes the loss of the pairs `(x1[i], x2[i])` with labels `label` and records it in ``history``.
    ///
    /// - Parameters:
    ///   - x1: The first embedding of each pair, shape `[N, D]`.
    ///   - x2: The second embedding of each pair, shape `[N, D]`.
    ///   - label: 1 for a similar pair, 0 for a dissimilar one, shape `[N]`.
    /// - Returns: A scalar tensor.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor, label: Tensor) -> Tensor {
        recording(contrastiveLoss(x1, x2, label: label, margin: margin))
    }
}

/// The triplet margin loss as a value; see ``tripletMarginLoss(anchor:positive:negative:margin:p:eps:swap:reduction:)``.
///
/// ```swift
/// let loss = TripletLoss(margin: 1)
/// let value = loss(anchor: a, positive: p, negative: n)   // or loss(a, stack([p, n]))
/// ```
public final class TripletLoss: Loss {
    /// `"triplet_margin"`.
    public var name: String { "triplet_margin" }
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()
    /// The required gap between the negative and the positive distance.
    public let margin: Double
    /// The norm of the distances (2 is Euclidean).
    public let p: Double
    /// Whether to use the distance swap of Balntas et al.
    public let swap: Bool

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - margin: The required gap between the two distances; must be ≥ 0.
    ///   - p: The norm of the distances, at least 1; 2 (the default) is Euclidean.
    ///   - swap: Whether to use `min(d(a, n), d(p, n))` as the negative distance.
    /// - Source: F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet", CVPR 2015; the swap:
    ///   V. Balntas et al., BMVC 2016.
    public init(margin: Double = 1, p: Double = 2, swap: Bool = false) {
        checkPrecondition(margin >= 0, "TripletLoss needs margin ≥ 0, but got margin = \(margin).")
        checkPrecondition(p >= 1, "TripletLoss needs p ≥ 1, but got p = \(p).")
        (self.margin, self.p, self.swap) = (margin, p, swap)
    }

    /// Computes the loss of the anchors (`prediction`, shape `[N, D]`) against their positives and
    /// negatives stacked as `stack([positive, negative])` (`target`, shape `[2, N, D]`), without recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        checkPrecondition(
            target.rank == prediction.rank + 1 && target.shape.first == 2,
            "TripletLoss needs the anchors [N, D] as prediction and stack([positive, negative]) of shape [2, N, D] as target, but got \(prediction.shape) and \(target.shape); or call it as loss(anchor:positive:negative:)."
        )
        return tripletMarginLoss(anchor: prediction, positive: target[0], negative: target[1], margin: margin, p: p, swap: swap)
    }

    /// Computes the loss of the triplets and records it in ``history``.
    ///
    /// - Parameters:
    ///   - anchor: The anchors, shape `[N, D]`.
    ///   - positive: Embeddings of the same class as each anchor, the same shape.
    ///   - negative: Embeddings of another class, the same shape.
    /// - Returns: A scalar tensor, the mean over the triplets.
    public func callAsFunction(anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor {
        recording(tripletMarginLoss(anchor: anchor, positive: positive, negative: negative, margin: margin, p: p, swap: swap))
    }
}

/// The symmetric InfoNCE (CLIP) loss as a value: `loss(z1, z2)`; see ``infoNCELoss(_:_:temperature:)``.
public final class InfoNCELoss: Loss {
    /// `"info_nce"`.
    public var name: String { "info_nce" }
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.07 by default, CLIP's starting value).
    /// - Source: A. van den Oord et al., arXiv:1807.03748, 2018; A. Radford et al. (CLIP), ICML 2021.
    public init(temperature: Double = 0.07) {
        checkPrecondition(temperature > 0, "InfoNCELoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
    }

    /// Computes the loss of the paired views `prediction` (z1) and `target` (z2), both `[N, D]`, without recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        infoNCELoss(prediction, target, temperature: temperature)
    }
}

/// SimCLR's NT-Xent loss as a value: `loss(z1, z2)`; see ``ntXentLoss(_:_:temperature:)``.
public final class NTXentLoss: Loss {
    /// `"nt_xent"`.
    public var name: String { "nt_xent" }
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.5 by default).
    /// - Source: T. Chen et al. (SimCLR), ICML 2020.
    public init(temperature: Double = 0.5) {
        checkPrecondition(temperature > 0, "NTXentLoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
    }

    /// Computes the loss of the two views `prediction` (z1) and `target` (z2), both `[N, D]`, without recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        ntXentLoss(prediction, target, temperature: temperature)
    }
}

/// The supervised contrastive loss as a value; see ``supConLoss(_:labels:temperature:)``.
///
/// ```swift
/// let loss = SupConLoss(temperature: 0.1)
/// let value = loss(features, labels: [0, 0, 1, 2])   // or loss(features, Tensor([0, 0, 1, 2]))
/// ```
public final class SupConLoss: Loss {
    /// `"supcon"`.
    public var name: String { "supcon" }
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.1 by default).
    /// - Source: P. Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020.
    public init(temperature: Double = 0.1) {
        checkPrecondition(temperature > 0, "SupConLoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
    }

    /// Computes the loss of the features (`prediction`, `[N, D]`) with their labels given as whole
    /// numbers in `target` (shape `[N]`), without recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        checkPrecondition(
            target.rank == 1 && target.scalars.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 },
            "SupConLoss needs the labels as a tensor of whole numbers of shape [N], but got shape \(target.shape) with values \(target.scalars.prefix(4).map { $0 })."
        )
        return supConLoss(prediction, labels: target.scalars.map { Int($0) }, temperature: temperature)
    }

    /// Computes the loss of `features` with their `labels` and records it in ``history``.
    ///
    /// - Parameters:
    ///   - features: One embedding per sample, shape `[N, D]`.
    ///   - labels: The class of each sample, `N` integers.
    /// - Returns: A scalar tensor.
    public func callAsFunction(_ features: Tensor, labels: [Int]) -> Tensor {
        recording(supConLoss(features, labels: labels, temperature: temperature))
    }
}

extension Loss {
    /// Records `value` in ``history`` when it is a single number, and returns it: what the labelled
    /// `callAsFunction` variants do after computing.
    func recording(_ value: Tensor) -> Tensor {
        if value.count == 1 { history.record(value.item) }
        return value
    }
}
