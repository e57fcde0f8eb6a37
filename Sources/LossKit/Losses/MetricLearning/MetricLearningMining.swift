// Triplet losses that mine their triplets inside a labelled batch ("online mining"): every pair of
// embeddings with the same label is a positive pair, every pair with different labels a negative one.
//
// Distances are Euclidean, `cdist(embeddings, embeddings)`, whose gradient is 0 where two
// embeddings coincide. Which triplets count is decided on the values (no gradient flows through
// the choice); the chosen distances are then picked with `gather`/`select`, so the gradient
// reaches exactly the embeddings of the chosen triplets.

/// Computes the batch-hard triplet loss: for each anchor, its farthest positive against its
/// closest negative in the batch.
///
/// `loss = mean over anchors a of  max(0, margin + max_p d(a, p) − min_n d(a, n))`, where `p` runs
/// over the other embeddings with `a`'s label, `n` over the embeddings with another label, and
/// `d` is the Euclidean distance. Anchors without any positive or any negative are left out of
/// the mean; a batch without a single valid anchor gives 0 (with zero gradients).
///
/// Use it to train embeddings from labelled batches (P classes × K samples each) without building
/// triplets by hand: the hardest triplets are the informative ones. Worked example: an anchor whose
/// positives lie at distances 1 and 2 and whose negatives at 1.5 and 3 costs
/// `max(0, 0.2 + 2 − 1.5) = 0.7` with margin 0.2.
///
/// - Parameters:
///   - embeddings: One embedding per sample, shape `[N, D]`.
///   - labels: The class of each sample, `N` integers.
///   - margin: The required gap between the hardest negative and the hardest positive; must be ≥ 0.
/// - Returns: A scalar tensor.
/// - Source: A. Hermans, L. Beyer, B. Leibe, "In Defense of the Triplet Loss for Person
///   Re-Identification", arXiv:1703.07737, 2017 (the "batch hard" loss with a hard margin).
public func batchHardTripletLoss(_ embeddings: Tensor, labels: [Int], margin: Double = 0.2) -> Tensor {
    let distances = minedDistances(embeddings, labels: labels, margin: margin, loss: "batchHardTripletLoss")
    let count = labels.count
    let values = distances.scalars
    var anchors: [Int] = [], hardestPositives: [Int] = [], hardestNegatives: [Int] = []
    values.withUnsafeBufferPointer { values in
        labels.withUnsafeBufferPointer { labels in
            for anchor in 0..<count {
                let row = anchor * count
                // The farthest positive and the nearest negative (−1: none yet); ties keep the first.
                var positive = -1, negative = -1
                for other in 0..<count where other != anchor {
                    if labels[other] == labels[anchor] {
                        if positive < 0 || values[row + other] > values[row + positive] { positive = other }
                    } else if negative < 0 || values[row + other] < values[row + negative] {
                        negative = other
                    }
                }
                guard positive >= 0, negative >= 0 else { continue }
                anchors.append(anchor)
                hardestPositives.append(positive)
                hardestNegatives.append(negative)
            }
        }
    }
    guard !anchors.isEmpty else { return embeddings.sum() * 0 }
    let rows = distances.select(indices: anchors, dim: 0)
    let positiveDistance = rows.gather(dim: 1, index: hardestPositives, shape: [anchors.count, 1])
    let negativeDistance = rows.gather(dim: 1, index: hardestNegatives, shape: [anchors.count, 1])
    return clamp(margin + positiveDistance - negativeDistance, min: 0).mean()
}

/// Computes the batch-all triplet loss: every valid triplet of the batch, averaged over the
/// triplets that still violate the margin.
///
/// `loss = Σ_{(a,p,n)} max(0, margin + d(a, p) − d(a, n)) / #{(a,p,n) with a positive loss}`, over
/// all triplets with `label(a) = label(p)`, `a ≠ p` and `label(n) ≠ label(a)`; `d` is the Euclidean
/// distance. When no triplet has a positive loss (or there are no valid triplets) the loss is 0,
/// with zero gradients.
///
/// Use it like ``batchHardTripletLoss(_:labels:margin:)`` when the hardest triplets are too noisy
/// (early in training, or with label noise). Averaging over the *active* triplets only keeps the
/// loss from shrinking just because most triplets become easy. Worked example: three valid
/// triplets with losses 0, 0.4 and 0.2 give `(0.4 + 0.2) / 2 = 0.3`.
///
/// - Parameters:
///   - embeddings: One embedding per sample, shape `[N, D]`.
///   - labels: The class of each sample, `N` integers.
///   - margin: The required gap between negative and positive distances; must be ≥ 0.
/// - Returns: A scalar tensor.
/// - Source: A. Hermans, L. Beyer, B. Leibe, "In Defense of the Triplet Loss for Person
///   Re-Identification", arXiv:1703.07737, 2017 (the "batch all" loss, written `BA≠0` there).
public func batchAllTripletLoss(_ embeddings: Tensor, labels: [Int], margin: Double = 0.2) -> Tensor {
    let distances = minedDistances(embeddings, labels: labels, margin: margin, loss: "batchAllTripletLoss")
    let count = labels.count
    var positivePairs: [Int] = [], negativePairs: [Int] = []
    for anchor in 0..<count {
        for positive in 0..<count where positive != anchor && labels[positive] == labels[anchor] {
            for negative in 0..<count where labels[negative] != labels[anchor] {
                positivePairs.append(anchor * count + positive)
                negativePairs.append(anchor * count + negative)
            }
        }
    }
    guard !positivePairs.isEmpty else { return embeddings.sum() * 0 }
    let flat = distances.reshaped([count * count])
    let losses = clamp(
        margin + flat.select(indices: positivePairs, dim: 0) - flat.select(indices: negativePairs, dim: 0), min: 0
    )
    let active = losses.scalars.filter { $0 > 0 }.count
    guard active > 0 else { return losses.sum() * 0 }
    return losses.sum() / Double(active)
}

/// Checks the inputs of a mining triplet loss and returns the `[N, N]` matrix of Euclidean
/// distances between the embeddings.
func minedDistances(_ embeddings: Tensor, labels: [Int], margin: Double, loss: String) -> Tensor {
    checkPrecondition(
        embeddings.rank == 2 && labels.count == embeddings.shape[0],
        "\(loss) needs embeddings of shape [N, D] and N labels, but got embeddings \(embeddings.shape) and \(labels.count) labels."
    )
    checkPrecondition(margin >= 0, "\(loss) needs margin ≥ 0, but got margin = \(margin).")
    return cdist(embeddings, embeddings)
}
