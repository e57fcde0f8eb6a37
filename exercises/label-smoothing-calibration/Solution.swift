import LossLab

/// The cross-entropy against label-smoothed targets, averaged over the rows.
///
/// With `K` classes the target of a row with label `y` is `q = (1 − ε) · onehot(y) + ε / K`
/// (PyTorch's `label_smoothing`), and the row costs `−Σ_k q_k · log softmax(logits)_k`.
///
/// - Parameters:
///   - logits: Raw class scores, shape `[N, K]`.
///   - labels: One class index in `0..<K` per row.
///   - epsilon: The smoothing `ε` in `[0, 1]`; 0 gives the plain cross-entropy.
/// - Returns: A scalar tensor, the mean over the `N` rows.
/// - Source: C. Szegedy, V. Vanhoucke, S. Ioffe, J. Shlens and Z. Wojna, "Rethinking the
///   Inception Architecture for Computer Vision", CVPR 2016.
func labelSmoothedCrossEntropy(_ logits: Tensor, _ labels: [Int], epsilon: Double) -> Tensor {
    let classes = logits.shape[1]
    // Every class gets ε / K; the true class keeps 1 − ε on top of that. Each row sums to 1.
    let smoothed = (1 - epsilon) * oneHot(labels, classes: classes) + epsilon / Double(classes)
    // logSoftmax subtracts the row maximum first, so large logits cannot overflow.
    let perRow = -(smoothed * logSoftmax(logits, dim: 1)).sum(dim: 1)
    return perRow.mean()
}

/// The expected calibration error of predicted class probabilities.
///
/// Each row's confidence is its largest probability and its prediction the class with that
/// probability (the first one on a tie). Rows are sorted into `bins` equal-width bins by
/// confidence, bin `m` (from 1) holding the confidences in `((m − 1)/M, m/M]` (closed on the
/// right, as in Guo et al.; a confidence of exactly 0 goes to the first bin). Then
/// `ECE = Σ_m |B_m| / n · |accuracy(B_m) − mean confidence(B_m)|`, with empty bins adding 0.
///
/// - Parameters:
///   - probabilities: Class probabilities, shape `[N, K]`, each row summing to 1.
///   - labels: The true class of each row.
///   - bins: The number `M` of bins (at least 1).
/// - Returns: The ECE, between 0 and 1.
/// - Source: C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On Calibration of Modern Neural
///   Networks", ICML 2017.
func expectedCalibrationError(_ probabilities: Tensor, _ labels: [Int], bins: Int = 10) -> Double {
    let classes = probabilities.shape[1]
    let values = probabilities.scalars
    var count = [Int](repeating: 0, count: bins)
    var correct = [Int](repeating: 0, count: bins)
    var confidenceTotal = [Double](repeating: 0, count: bins)
    for (row, label) in labels.enumerated() {
        let scores = values[(row * classes)..<((row + 1) * classes)]
        var predicted = row * classes
        for index in scores.indices where scores[index] > scores[predicted] {
            predicted = index
        }
        let confidence = scores[predicted]
        // The first bin whose upper edge m/M is at least the confidence: a confidence exactly on
        // an edge closes the bin below it, and 1 lands in the last bin.
        var bin = 0
        while bin < bins - 1 && confidence > Double(bin + 1) / Double(bins) {
            bin += 1
        }
        count[bin] += 1
        confidenceTotal[bin] += confidence
        correct[bin] += predicted - row * classes == label ? 1 : 0
    }
    var error = 0.0
    for bin in 0..<bins where count[bin] > 0 {
        let size = Double(count[bin])
        let gap = Double(correct[bin]) / size - confidenceTotal[bin] / size
        error += size / Double(labels.count) * abs(gap)
    }
    return error
}
