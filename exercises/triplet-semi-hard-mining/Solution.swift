import LossLab

/// Three positions in a labelled batch: an anchor, a positive (another sample with the anchor's
/// label) and a negative (a sample with a different label).
struct Triplet: Hashable, CustomStringConvertible {
    /// The position of the anchor in the batch.
    var anchor: Int
    /// The position of a sample with the anchor's label (not the anchor itself).
    var positive: Int
    /// The position of a sample with a different label.
    var negative: Int

    /// `(anchor a, positive p, negative n)`, for messages.
    var description: String { "(anchor \(anchor), positive \(positive), negative \(negative))" }
}

/// Chooses one negative for every anchor–positive pair of a labelled batch: semi-hard mining.
///
/// For every ordered pair `(a, p)` with `a ≠ p` and `labels[a] == labels[p]`, the negative is,
/// among the samples `n` with `labels[n] ≠ labels[a]`:
///
/// 1. the closest negative that is farther from the anchor than the positive,
///    `argmin d(a, n)` over `d(a, n) > d(a, p)`. When `d(a, n) < d(a, p) + margin` it is the
///    hardest semi-hard negative; otherwise no semi-hard negative exists and the triplet is easy
///    (it costs 0), whatever the margin;
/// 2. the fallback, when no negative is farther than the positive: the farthest negative,
///    `argmax d(a, n)`, the least hard of the hard ones.
///
/// Ties go to the lower index. Anchors without a positive or without a negative give no triplet.
/// The order of the returned triplets does not matter.
///
/// - Parameters:
///   - distances: The distances between the samples of the batch, shape `[N, N]`.
///   - labels: The class of each sample, `N` integers.
/// - Returns: One triplet per anchor–positive pair that has at least one negative.
func mineSemiHardTriplets(distances: Tensor, labels: [Int]) -> [Triplet] {
    let count = labels.count
    precondition(distances.shape == [count, count],
                 "mineSemiHardTriplets needs an [N, N] distance matrix for N labels; got \(distances.shape) for \(count) labels.")
    let values = distances.scalars
    var triplets: [Triplet] = []
    for anchor in 0..<count {
        let distance = { (other: Int) in values[anchor * count + other] }
        let negatives = (0..<count).filter { labels[$0] != labels[anchor] }
        for positive in 0..<count where positive != anchor && labels[positive] == labels[anchor] {
            // `min(by:)` and `max(by:)` keep the first of equal elements: ties go to the lower index.
            let fartherThanPositive = negatives.filter { distance($0) > distance(positive) }
            let semiHardOrEasy = fartherThanPositive.min { distance($0) < distance($1) }
            let leastHard = negatives.max { distance($0) < distance($1) }
            guard let negative = semiHardOrEasy ?? leastHard else { continue }
            triplets.append(Triplet(anchor: anchor, positive: positive, negative: negative))
        }
    }
    return triplets
}

/// The triplet loss over the semi-hard triplets of a labelled batch of embeddings.
///
/// `L = mean over the mined triplets (a, p, n) of max(0, d(a, p) − d(a, n) + margin)`, with `d`
/// the Euclidean distance between embeddings (`cdist`) and the triplets chosen by
/// ``mineSemiHardTriplets(distances:labels:)``. A batch without any triplet gives 0, still
/// connected to the embeddings so that `backward()` works (with zero gradients).
///
/// - Parameters:
///   - embeddings: One embedding per sample, shape `[N, D]`.
///   - labels: The class of each sample, `N` integers.
///   - margin: How much farther than the positive the negative must be before the triplet costs nothing.
/// - Returns: A scalar tensor.
/// - Source: F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: A Unified Embedding for Face
///   Recognition and Clustering", CVPR 2015.
func semiHardTripletLoss(_ embeddings: Tensor, labels: [Int], margin: Double) -> Tensor {
    let count = labels.count
    precondition(embeddings.rank == 2 && embeddings.shape[0] == count,
                 "semiHardTripletLoss needs embeddings [N, D] and N labels; got \(embeddings.shape) and \(count) labels.")
    let distances = cdist(embeddings, embeddings)
    // The choice is made on plain numbers; no gradient flows through it.
    let triplets = mineSemiHardTriplets(distances: distances, labels: labels)
    guard !triplets.isEmpty else { return embeddings.sum() * 0 }
    // Pick the chosen distances out of the distance tensor, so the gradient reaches exactly the
    // embeddings of the chosen triplets.
    let flat = distances.reshaped([count * count])
    let positiveDistances = flat.select(indices: triplets.map { $0.anchor * count + $0.positive }, dim: 0)
    let negativeDistances = flat.select(indices: triplets.map { $0.anchor * count + $0.negative }, dim: 0)
    return clamp(positiveDistances - negativeDistances + margin, min: 0).mean()
}

/// Recall@1: the fraction of samples whose nearest other sample has the same label.
///
/// Every sample is a query against all the others (never against itself), by Euclidean
/// distance; ties go to the lower index. Fewer than two samples give 0.
///
/// - Parameters:
///   - embeddings: One embedding per sample, shape `[N, D]`.
///   - labels: The class of each sample, `N` integers.
/// - Returns: A number in 0...1.
func recallAtOne(_ embeddings: Tensor, labels: [Int]) -> Double {
    let count = labels.count
    guard count >= 2 else { return 0 }
    let distances = withoutGradients { cdist(embeddings, embeddings) }.scalars
    var hits = 0
    for query in 0..<count {
        let others = (0..<count).filter { $0 != query }
        let nearest = others.min { distances[query * count + $0] < distances[query * count + $1] }
        if let nearest, labels[nearest] == labels[query] { hits += 1 }
    }
    return Double(hits) / Double(count)
}
