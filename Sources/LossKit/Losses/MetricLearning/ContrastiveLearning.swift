// Contrastive losses for representation learning: a softmax over similarities asks each embedding
// to pick out its partner (or the members of its class) among everything else in the batch.
//
// All three losses first scale each embedding to unit length, so a similarity `zᵢ·zⱼ` is a cosine
// in −1...1 and the temperature τ alone sets how peaked the softmax is. Small temperatures (0.07,
// 0.1) are common; log-sum-exp keeps them stable, down to τ = 0.001 and below.

/// Computes the symmetric InfoNCE loss of CLIP: each row of `z1` must pick its partner, the same
/// row of `z2`, among all rows of `z2`, and the other way round.
///
/// With `ẑ` the rows scaled to unit length and `S = ẑ1 · ẑ2ᵀ / τ` (an `[N, N]` matrix),
/// `loss = ½ (CE(rows of S) + CE(columns of S))`, where `CE(rows) = mean over i of
/// (log Σⱼ exp Sᵢⱼ − Sᵢᵢ)`: cross-entropy with the diagonal as the correct class.
///
/// Use it for two views or two modalities of the same N items (image and caption, two crops):
/// the other N − 1 items of the batch are the negatives. Worked example with N = 2, τ = 1 and
/// `S = [[1, 0], [0, 1]]`: every row and column costs `log(e + 1) − 1 ≈ 0.3133`, so the loss is 0.3133.
///
/// - Parameters:
///   - z1: The first embedding of each item, shape `[N, D]`.
///   - z2: The second embedding of each item, shape `[N, D]`; row `i` is the partner of row `i` of `z1`.
///   - temperature: τ > 0; CLIP learns it, starting from 0.07 (the default).
/// - Returns: A scalar tensor.
/// - Source: A. van den Oord, Y. Li, O. Vinyals, "Representation Learning with Contrastive
///   Predictive Coding", arXiv:1807.03748, 2018; the symmetric form: A. Radford et al., "Learning
///   Transferable Visual Models From Natural Language Supervision" (CLIP), ICML 2021.
public func infoNCELoss(_ z1: Tensor, _ z2: Tensor, temperature: Double = 0.07) -> Tensor {
    checkPairedViews(z1, z2, temperature: temperature, loss: "infoNCELoss")
    // Row i's correct "class" is column i, in both directions: one fused operation computes
    // S = ẑ1·ẑ2ᵀ/τ and both cross-entropies (see PairedCrossEntropy.swift).
    return pairedCrossEntropy(z1.normalized(dim: 1), z2.normalized(dim: 1), temperature: temperature)
}

/// Computes SimCLR's NT-Xent loss (normalized temperature-scaled cross-entropy) over the 2N views
/// of N items.
///
/// The 2N rows `z = [z1; z2]` are scaled to unit length and `S = z · zᵀ / τ`. View `i`'s partner is
/// `i + N` (and `i − N`); `loss = mean over the 2N views of (log Σ_{k ≠ i} exp Sᵢₖ − Sᵢ,partner(i))`.
/// Each view must pick its partner among the other 2N − 1 views; its similarity to itself is left out.
///
/// Use it for self-supervised learning from two augmentations of each image: unlike
/// ``infoNCELoss(_:_:temperature:)``, the other views of the *same* side are negatives too.
/// Worked example with N = 1 and τ = 1: each view has only its partner left, so the loss is
/// `log(exp S₁₂) − S₁₂ = 0`.
///
/// - Parameters:
///   - z1: The first view of each item, shape `[N, D]`.
///   - z2: The second view of each item, shape `[N, D]`.
///   - temperature: τ > 0; SimCLR uses 0.1 to 0.5 (0.5 is the default).
/// - Returns: A scalar tensor.
/// - Source: T. Chen, S. Kornblith, M. Norouzi, G. Hinton, "A Simple Framework for Contrastive
///   Learning of Visual Representations" (SimCLR), ICML 2020.
public func ntXentLoss(_ z1: Tensor, _ z2: Tensor, temperature: Double = 0.5) -> Tensor {
    checkPairedViews(z1, z2, temperature: temperature, loss: "ntXentLoss")
    let count = z1.shape[0]
    let views = concat([z1, z2], dim: 0).normalized(dim: 1)
    let similarities = matmul(views, views.transposed()) / temperature
    let others = Tensor.where(Tensor.eye(2 * count), -Double.infinity, similarities)
    let partners = Array(count..<(2 * count)) + Array(0..<count)
    let matching = similarities.gather(dim: 1, index: partners, shape: [2 * count, 1]).reshaped([2 * count])
    return (logSumExp(others, dim: 1) - matching).mean()
}

/// Computes the supervised contrastive (SupCon) loss: each embedding should be closer to every
/// other embedding of its class than to the rest of the batch.
///
/// With `ẑ` the rows scaled to unit length, `S = ẑ · ẑᵀ / τ`, and for each anchor `i`
/// `log pᵢⱼ = Sᵢⱼ − log Σ_{k ≠ i} exp Sᵢₖ`, the loss is the mean over the anchors that have at least
/// one positive of `−(1/|P(i)|) Σ_{j ∈ P(i)} log pᵢⱼ`, where `P(i)` are the other samples with
/// `i`'s label (the "L_out" form). Anchors alone in their class are left out; if every anchor is,
/// the loss is 0 with zero gradients.
///
/// Use it instead of cross-entropy to pretrain an encoder with labels, or with several views per
/// image (pass all views with their labels). It has no `τ / base τ` factor, unlike the authors'
/// code. Worked example with τ = 1 and three samples of labels [0, 0, 1]: anchor 0 with
/// `S₀₁ = 1`, `S₀₂ = 0` costs `log(e + 1) − 1 ≈ 0.3133`.
///
/// - Parameters:
///   - features: One embedding per sample, shape `[N, D]`.
///   - labels: The class of each sample, `N` integers.
///   - temperature: τ > 0; 0.1 (the default) works well in the paper.
/// - Returns: A scalar tensor.
/// - Source: P. Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020.
public func supConLoss(_ features: Tensor, labels: [Int], temperature: Double = 0.1) -> Tensor {
    checkPrecondition(
        features.rank == 2 && labels.count == features.shape[0],
        "supConLoss needs features of shape [N, D] and N labels, but got features \(features.shape) and \(labels.count) labels."
    )
    checkPrecondition(temperature > 0, "supConLoss needs temperature > 0, but got temperature = \(temperature).")
    let count = labels.count
    var positives = [Double](repeating: 0, count: count * count)
    var anchors: [Int] = [], positiveCounts: [Double] = []
    for anchor in 0..<count {
        let partners = (0..<count).filter { $0 != anchor && labels[$0] == labels[anchor] }
        for partner in partners { positives[anchor * count + partner] = 1 }
        if !partners.isEmpty {
            anchors.append(anchor)
            positiveCounts.append(Double(partners.count))
        }
    }
    guard !anchors.isEmpty else { return features.sum() * 0 }
    let unit = features.normalized(dim: 1)
    let similarities = matmul(unit, unit.transposed()) / temperature
    let others = Tensor.where(Tensor.eye(count), -Double.infinity, similarities)
    let logProbabilities = similarities - logSumExp(others, dim: 1, keepDims: true)
    let positiveMask = Tensor(shape: [count, count], scalars: positives)
    let positiveTotals = (logProbabilities * positiveMask).sum(dim: 1).select(indices: anchors, dim: 0)
    return -(positiveTotals / Tensor(positiveCounts)).mean()
}

/// Checks the two views given to ``infoNCELoss(_:_:temperature:)`` or ``ntXentLoss(_:_:temperature:)``.
func checkPairedViews(_ z1: Tensor, _ z2: Tensor, temperature: Double, loss: String) {
    checkPrecondition(
        z1.shape == z2.shape && z1.rank == 2 && z1.shape[0] > 0,
        "\(loss) needs z1 and z2 of the same shape [N, D] with N ≥ 1, but got z1 \(z1.shape) and z2 \(z2.shape)."
    )
    checkPrecondition(temperature > 0, "\(loss) needs temperature > 0, but got temperature = \(temperature).")
}
