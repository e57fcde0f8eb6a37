// Metric-learning and contrastive losses as values (see CallableLoss.swift).
//
// A `CallableLoss` passes two tensors, a prediction and a target. Losses whose natural inputs
// differ say below how they read those two tensors, and also offer a call with labelled arguments
// (`loss(anchor: a, positive: p, negative: n)`), which records its value in `history` as well.

/// The contrastive loss of pairs as a value; see ``contrastiveLoss(_:_:label:margin:)``.
///
/// Called on two tensors, it reads the pairs stacked as `stack([x1, x2])` (shape `[2, N, D]`) and
/// their labels (shape `[N]`, 1 for similar and 0 for dissimilar).
///
/// ```swift
/// let loss = ContrastiveLoss(margin: 1)
/// let value = loss(left, right, label: similar)   // or loss(stack([left, right]), similar)
/// ```
public final class ContrastiveLoss: CallableLoss {
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
        super.init(name: "contrastive") { pairs, label in
            checkPrecondition(
                pairs.rank == 3 && pairs.shape[0] == 2,
                "ContrastiveLoss needs the pairs stacked as stack([x1, x2]) of shape [2, N, D], but got \(pairs.shape); or call it as loss(x1, x2, label:)."
            )
            return contrastiveLoss(pairs[0], pairs[1], label: label, margin: margin)
        }
    }

    /// Computes the loss of the pairs `(x1[i], x2[i])` with labels `label` and records it in ``RecordingLoss/history``.
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
/// Called on two tensors, it reads the anchors (`[N, D]`) and their positives and negatives stacked
/// as `stack([positive, negative])` (`[2, N, D]`).
///
/// ```swift
/// let loss = TripletLoss(margin: 1)
/// let value = loss(anchor: a, positive: p, negative: n)   // or loss(a, stack([p, n]))
/// ```
public final class TripletLoss: CallableLoss {
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
        super.init(name: "triplet_margin") { anchor, examples in
            checkPrecondition(
                examples.rank == anchor.rank + 1 && examples.shape.first == 2,
                "TripletLoss needs the anchors [N, D] as prediction and stack([positive, negative]) of shape [2, N, D] as target, but got \(anchor.shape) and \(examples.shape); or call it as loss(anchor:positive:negative:)."
            )
            return tripletMarginLoss(anchor: anchor, positive: examples[0], negative: examples[1], margin: margin, p: p, swap: swap)
        }
    }

    /// Computes the loss of the triplets and records it in ``RecordingLoss/history``.
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

/// The symmetric InfoNCE (CLIP) loss of the paired views `z1` and `z2` (both `[N, D]`) as a value,
/// `loss(z1, z2)`; see ``infoNCELoss(_:_:temperature:)``.
public final class InfoNCELoss: CallableLoss {
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.07 by default, CLIP's starting value).
    /// - Source: A. van den Oord et al., arXiv:1807.03748, 2018; A. Radford et al. (CLIP), ICML 2021.
    public init(temperature: Double = 0.07) {
        checkPrecondition(temperature > 0, "InfoNCELoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
        super.init(name: "info_nce") { infoNCELoss($0, $1, temperature: temperature) }
    }
}

/// SimCLR's NT-Xent loss of the two views `z1` and `z2` (both `[N, D]`) as a value, `loss(z1, z2)`;
/// see ``ntXentLoss(_:_:temperature:)``.
public final class NTXentLoss: CallableLoss {
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.5 by default).
    /// - Source: T. Chen et al. (SimCLR), ICML 2020.
    public init(temperature: Double = 0.5) {
        checkPrecondition(temperature > 0, "NTXentLoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
        super.init(name: "nt_xent") { ntXentLoss($0, $1, temperature: temperature) }
    }
}

/// The supervised contrastive loss as a value; see ``supConLoss(_:labels:temperature:)``.
///
/// Called on two tensors, it reads the features (`[N, D]`) and their labels as whole numbers in a
/// tensor of shape `[N]`.
///
/// ```swift
/// let loss = SupConLoss(temperature: 0.1)
/// let value = loss(features, labels: [0, 0, 1, 2])   // or loss(features, Tensor([0, 0, 1, 2]))
/// ```
public final class SupConLoss: CallableLoss {
    /// The temperature τ dividing the cosine similarities.
    public let temperature: Double

    /// Creates the loss.
    ///
    /// - Parameter temperature: τ > 0 (0.1 by default).
    /// - Source: P. Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020.
    public init(temperature: Double = 0.1) {
        checkPrecondition(temperature > 0, "SupConLoss needs temperature > 0, but got temperature = \(temperature).")
        self.temperature = temperature
        super.init(name: "supcon") { features, labels in
            checkPrecondition(
                labels.rank == 1 && labels.scalars.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 },
                "SupConLoss needs the labels as a tensor of whole numbers of shape [N], but got shape \(labels.shape) with values \(labels.scalars.prefix(4).map { $0 })."
            )
            return supConLoss(features, labels: labels.scalars.map { Int($0) }, temperature: temperature)
        }
    }

    /// Computes the loss of `features` with their `labels` and records it in ``RecordingLoss/history``.
    ///
    /// - Parameters:
    ///   - features: One embedding per sample, shape `[N, D]`.
    ///   - labels: The class of each sample, `N` integers.
    /// - Returns: A scalar tensor.
    public func callAsFunction(_ features: Tensor, labels: [Int]) -> Tensor {
        recording(supConLoss(features, labels: labels, temperature: temperature))
    }
}
