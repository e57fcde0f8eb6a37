// Losses for metric learning on given pairs and triplets: embeddings of similar things should lie
// close together and embeddings of different things far apart.
//
// Losses that mine the pairs and triplets inside a labelled batch are in MetricLearningMining.swift;
// the contrastive representation-learning losses (InfoNCE, NT-Xent, SupCon) in ContrastiveLearning.swift.

/// Computes the cosine embedding loss: pulls the cosine similarity of similar pairs up to 1 and
/// pushes that of dissimilar pairs below a margin.
///
/// `loss = 1 − cos(x1, x2)` where `target = 1`, and `max(0, cos(x1, x2) − margin)` where `target = −1`,
/// with `cos(x1, x2) = Σ x1·x2 / √((Σ x1² + 1e-12) · (Σ x2² + 1e-12))` along the last dimension.
///
/// Use it when only the direction of an embedding matters (text or image embeddings compared by
/// cosine similarity). Worked example: `x1 = [1, 0]`, `x2 = [1, 1]` gives `cos ≈ 0.7071`, so the
/// loss is `0.2929` for target 1, and `max(0, 0.7071 − 0.5) = 0.2071` for target −1 with margin 0.5.
///
/// PyTorch: `F.cosine_embedding_loss(x1, x2, target, margin=margin, reduction=...)`.
///
/// - Parameters:
///   - x1: The first embedding of each pair, shape `[N, D]` (or `[D]` for one pair).
///   - x2: The second embedding of each pair, the same shape as `x1`.
///   - target: `1` for a similar pair and `−1` for a dissimilar one, shape `[N]` (or `[]`).
///   - margin: How small the cosine of a dissimilar pair must be before it costs nothing, in `−1...1`;
///     0 (the default) or 0.5 are usual.
///   - reduction: `.mean` (the default) averages over the pairs, `.sum` adds them up, `.none` returns one loss per pair.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or shape `[N]` for `.none`.
/// - Source: PyTorch's `CosineEmbeddingLoss`; cosine-similarity objectives go back to J. Bromley et al.,
///   "Signature Verification using a Siamese Time Delay Neural Network", NeurIPS 1993.
public func cosineEmbeddingLoss(
    _ x1: Tensor, _ x2: Tensor, _ target: Tensor, margin: Double = 0, reduction: Reduction = .mean
) -> Tensor {
    checkPrecondition(
        x1.shape == x2.shape && (x1.rank == 1 || x1.rank == 2) && target.shape == Array(x1.shape.dropLast()),
        "cosineEmbeddingLoss needs x1 and x2 of the same shape [N, D] (or [D]) and a target of shape [N] (or []), but got x1 \(x1.shape), x2 \(x2.shape) and target \(target.shape)."
    )
    checkPrecondition(
        target.scalars.allSatisfy { $0 == 1 || $0 == -1 },
        "cosineEmbeddingLoss needs every target to be 1 (similar) or −1 (dissimilar), but got \(target.scalars.filter { $0 != 1 && $0 != -1 }.prefix(3).map { $0 })."
    )
    let epsilon = 1e-12
    let dot = (x1 * x2).sum(dim: -1)
    let cosine = dot / sqrt(((x1 * x1).sum(dim: -1) + epsilon) * ((x2 * x2).sum(dim: -1) + epsilon))
    let losses = Tensor.where(target .> 0, 1 - cosine, clamp(cosine - margin, min: 0))
    return losses.reduced(by: reduction)
}

/// Computes the contrastive loss of pairs: similar pairs are pulled together, dissimilar pairs
/// pushed at least `margin` apart.
///
/// `loss = mean over pairs of  y·d² + (1 − y)·max(0, margin − d)²`, with `y = 1` for a similar pair,
/// `y = 0` for a dissimilar one, and `d = ‖x1 − x2 + 1e-6‖₂` (PyTorch's `F.pairwise_distance`, whose
/// `eps = 1e-6` is added to every component of the difference so the gradient stays defined at `d = 0`).
///
/// Use it to train a siamese network on labelled pairs. Dissimilar pairs further apart than the
/// margin cost nothing, so the network is not asked to push them apart forever. Worked example:
/// one similar pair at distance 0.5 costs `0.25`; one dissimilar pair at distance 0.5 with margin 1
/// costs `(1 − 0.5)² = 0.25`; their mean is `0.25`.
///
/// Note that the paper writes `Y = 0` for similar pairs; here, as in most code, `label = 1` means similar.
///
/// - Parameters:
///   - x1: The first embedding of each pair, shape `[N, D]`.
///   - x2: The second embedding of each pair, shape `[N, D]`.
///   - label: `1` for a similar pair and `0` for a dissimilar one, shape `[N]`.
///   - margin: The distance beyond which a dissimilar pair costs nothing; must be ≥ 0.
/// - Returns: A scalar tensor, the mean over the `N` pairs.
/// - Source: R. Hadsell, S. Chopra, Y. LeCun, "Dimensionality Reduction by Learning an Invariant
///   Mapping", CVPR 2006 (without the paper's factor ½).
public func contrastiveLoss(_ x1: Tensor, _ x2: Tensor, label: Tensor, margin: Double = 1) -> Tensor {
    checkPrecondition(
        x1.shape == x2.shape && x1.rank == 2 && label.shape == [x1.shape[0]],
        "contrastiveLoss needs x1 and x2 of the same shape [N, D] and a label of shape [N], but got x1 \(x1.shape), x2 \(x2.shape) and label \(label.shape)."
    )
    checkPrecondition(
        label.scalars.allSatisfy { $0 == 0 || $0 == 1 },
        "contrastiveLoss needs every label to be 1 (similar) or 0 (dissimilar), but got \(label.scalars.filter { $0 != 0 && $0 != 1 }.prefix(3).map { $0 }). (Labels of −1, as in cosineEmbeddingLoss, must become 0.)"
    )
    checkPrecondition(margin >= 0, "contrastiveLoss needs margin ≥ 0, but got margin = \(margin).")
    let distance = pairwiseDistance(x1, x2, p: 2, eps: 1e-6)
    let shortfall = clamp(margin - distance, min: 0)
    let losses = label * distance * distance + (1 - label) * shortfall * shortfall
    return losses.mean()
}

/// Computes the triplet margin loss: each anchor should be closer to its positive than to its
/// negative by at least `margin`.
///
/// `loss = max(0, margin + d(a, p) − d(a, n))`, with `d(x, y) = ‖x − y + eps‖_p` (PyTorch's
/// `F.pairwise_distance`). With `swap`, `d(a, n)` becomes `min(d(a, n), d(p, n))`: the positive's
/// distance to the negative is used when it is the harder one.
///
/// Use it for embeddings trained on (anchor, positive, negative) triplets, as in face recognition.
/// Triplets that already satisfy the margin cost nothing and give no gradient, so easy triplets
/// teach nothing (see ``batchHardTripletLoss(_:labels:margin:)``). Worked example: `d(a, p) = 1`,
/// `d(a, n) = 1.5` and margin 1 give `max(0, 1 + 1 − 1.5) = 0.5`.
///
/// PyTorch: `F.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction=...)`.
///
/// - Parameters:
///   - anchor: The anchors, shape `[N, D]` (or `[D]` for one triplet).
///   - positive: Embeddings of the same class as each anchor, the same shape.
///   - negative: Embeddings of a different class, the same shape.
///   - margin: The required gap between the two distances; must be ≥ 0.
///   - p: The norm of the distance, at least 1; 2 (the default) is Euclidean.
///   - eps: Added to every component of each difference, as in PyTorch.
///   - swap: Whether to use the distance swap of Balntas et al.
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per triplet.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or shape `[N]` for `.none`.
/// - Source: F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: A Unified Embedding for Face
///   Recognition and Clustering", CVPR 2015; the swap: V. Balntas, E. Riba, D. Ponsa,
///   K. Mikolajczyk, "Learning local feature descriptors with triplets and shallow convolutional
///   neural networks", BMVC 2016.
public func tripletMarginLoss(
    anchor: Tensor, positive: Tensor, negative: Tensor, margin: Double = 1, p: Double = 2,
    eps: Double = 1e-6, swap: Bool = false, reduction: Reduction = .mean
) -> Tensor {
    checkPrecondition(
        anchor.shape == positive.shape && anchor.shape == negative.shape && (anchor.rank == 1 || anchor.rank == 2),
        "tripletMarginLoss needs anchor, positive and negative of the same shape [N, D] (or [D]), but got anchor \(anchor.shape), positive \(positive.shape) and negative \(negative.shape)."
    )
    checkPrecondition(margin >= 0, "tripletMarginLoss needs margin ≥ 0, but got margin = \(margin).")
    let positiveDistance = pairwiseDistance(anchor, positive, p: p, eps: eps)
    var negativeDistance = pairwiseDistance(anchor, negative, p: p, eps: eps)
    if swap {
        negativeDistance = minimum(negativeDistance, pairwiseDistance(positive, negative, p: p, eps: eps))
    }
    return clamp(margin + positiveDistance - negativeDistance, min: 0).reduced(by: reduction)
}
