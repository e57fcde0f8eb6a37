import LossLab

/// The Tversky loss for binary segmentation masks.
///
/// `1 − (TP + smooth) / (TP + alpha·FP + beta·FN + smooth)`, with TP, FP and FN summed over
/// every element. Source: Salehi et al., "Tversky loss function for image segmentation using
/// 3D fully convolutional deep networks", 2017.
struct TverskyLoss {
    /// Weight of false positives (predicted foreground that is background).
    var alpha: Double
    /// Weight of false negatives (foreground the prediction missed).
    var beta: Double
    /// Added to the numerator and the denominator so empty masks give a finite loss.
    var smooth: Double = 1

    /// The loss of `prediction` (probabilities in 0...1) against `target` (0 or 1), as a scalar.
    func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let truePositives = (prediction * target).sum()
        let falsePositives = (prediction * (1 - target)).sum()
        let falseNegatives = ((1 - prediction) * target).sum()
        let index = (truePositives + smooth)
            / (truePositives + alpha * falsePositives + beta * falseNegatives + smooth)
        return 1 - index
    }
}
