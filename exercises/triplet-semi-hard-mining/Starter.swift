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
    // TODO: for every anchor–positive pair (same label, a ≠ p), choose the closest negative that
    // is farther than the positive; if there is none, the farthest negative. Read the distances
    // with `distances.scalars` (row-major: d(i, j) is at i * N + j).
    return []
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
    // TODO: distances with cdist, triplets with mineSemiHardTriplets, then the mean hinge
    // max(0, d(a, p) − d(a, n) + margin) over the triplets, built from tensor operations.
    return Tensor(0.0)
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
    // TODO: for each sample, find its nearest *other* sample and count a hit when the labels agree.
    return 0
}
