// Segmentation losses as values (see CallableLoss.swift): `loss(probabilities, mask)`.

/// The Dice loss of probabilities against a mask as a value; see ``diceLoss(_:_:smooth:)``.
///
/// ```swift
/// let loss = DiceLoss(smooth: 1)
/// let value = loss(sigmoid(logits), mask)
/// print(loss.history.statistics)
/// ```
public final class DiceLoss: CallableLoss {
    /// Added to numerator and denominator.
    public let smooth: Double

    /// Creates the loss.
    ///
    /// - Parameter smooth: Added to numerator and denominator; must be ≥ 0.
    /// - Source: F. Milletari, N. Navab, S.-A. Ahmadi, "V-Net", 3DV 2016.
    public init(smooth: Double = 1) {
        checkPrecondition(smooth >= 0, "DiceLoss needs smooth ≥ 0, but got smooth = \(smooth).")
        self.smooth = smooth
        super.init(name: "dice") { diceLoss($0, $1, smooth: smooth) }
    }
}

/// The Tversky loss of probabilities against a mask as a value; see ``tverskyLoss(_:_:alpha:beta:smooth:)``.
public final class TverskyLoss: CallableLoss {
    /// The weight α of false positives.
    public let alpha: Double
    /// The weight β of false negatives.
    public let beta: Double
    /// Added to numerator and denominator.
    public let smooth: Double

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - alpha: The weight α of false positives, ≥ 0.
    ///   - beta: The weight β of false negatives, ≥ 0.
    ///   - smooth: Added to numerator and denominator; must be ≥ 0.
    /// - Source: S. S. M. Salehi, D. Erdogmus, A. Gholipour, "Tversky loss function for image
    ///   segmentation using 3D fully convolutional deep networks", MLMI 2017.
    public init(alpha: Double = 0.3, beta: Double = 0.7, smooth: Double = 1) {
        checkTverskyWeights(alpha: alpha, beta: beta, smooth: smooth, loss: "TverskyLoss")
        (self.alpha, self.beta, self.smooth) = (alpha, beta, smooth)
        super.init(name: "tversky") { tverskyLoss($0, $1, alpha: alpha, beta: beta, smooth: smooth) }
    }
}

/// The focal Tversky loss of probabilities against a mask as a value; see
/// ``focalTverskyLoss(_:_:alpha:beta:gamma:smooth:)``.
public final class FocalTverskyLoss: CallableLoss {
    /// The weight α of false positives.
    public let alpha: Double
    /// The weight β of false negatives.
    public let beta: Double
    /// The exponent γ applied to `1 − TI`.
    public let gamma: Double
    /// Added to numerator and denominator.
    public let smooth: Double

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - alpha: The weight α of false positives, ≥ 0.
    ///   - beta: The weight β of false negatives, ≥ 0.
    ///   - gamma: The exponent γ > 0 (0.75, the paper's `1/γ` with `γ = 4/3`, by default).
    ///   - smooth: Added to numerator and denominator; must be ≥ 0.
    /// - Source: N. Abraham, N. M. Khan, "A Novel Focal Tversky Loss Function with Improved
    ///   Attention U-Net for Lesion Segmentation", ISBI 2019.
    public init(alpha: Double = 0.3, beta: Double = 0.7, gamma: Double = 0.75, smooth: Double = 1) {
        checkTverskyWeights(alpha: alpha, beta: beta, smooth: smooth, loss: "FocalTverskyLoss")
        checkPrecondition(gamma > 0, "FocalTverskyLoss needs gamma > 0, but got gamma = \(gamma).")
        (self.alpha, self.beta, self.gamma, self.smooth) = (alpha, beta, gamma, smooth)
        super.init(name: "focal_tversky") { focalTverskyLoss($0, $1, alpha: alpha, beta: beta, gamma: gamma, smooth: smooth) }
    }
}

/// Stops with a message naming `loss` unless α, β and smooth are all ≥ 0.
private func checkTverskyWeights(alpha: Double, beta: Double, smooth: Double, loss: String) {
    checkPrecondition(
        alpha >= 0 && beta >= 0 && smooth >= 0,
        "\(loss) needs alpha ≥ 0, beta ≥ 0 and smooth ≥ 0, but got alpha = \(alpha), beta = \(beta), smooth = \(smooth)."
    )
}
