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
    // TODO: build the smoothed targets [N, K], combine them with logSoftmax(logits, dim: 1),
    // sum over the classes and average over the rows.
    return Tensor(0.0)
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
    // TODO: for each row find the confidence and the predicted class, put the row in its bin,
    // then add up |B_m| / n · |accuracy − mean confidence| over the bins that are not empty.
    return -1
}
