// The regression losses as values (see CallableLoss.swift): each passes its functional form in
// Regression.swift, with its settings, to `CallableLoss`.

/// Mean squared error as a value, `mean((prediction − target)²)`: calls ``mseLoss(_:_:reduction:)``.
///
/// ```swift
/// let loss = MSELoss()
/// let value = loss(prediction, target)   // recorded in loss.history
/// ```
public final class MSELoss: CallableLoss {
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A mean squared error with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
        super.init(name: "mse") { mseLoss($0, $1, reduction: reduction) }
    }
}

/// Mean absolute error as a value, `mean(|prediction − target|)`: calls ``l1Loss(_:_:reduction:)``.
public final class L1Loss: CallableLoss {
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A mean absolute error with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
        super.init(name: "l1") { l1Loss($0, $1, reduction: reduction) }
    }
}

/// The Huber loss as a value, `0.5 · e²` where `|e| ≤ δ` and `δ · (|e| − 0.5 · δ)` elsewhere:
/// calls ``huberLoss(_:_:delta:reduction:)``.
public final class HuberLoss: CallableLoss {
    /// The error size `δ` where the loss turns from quadratic to linear.
    public let delta: Double
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A Huber loss.
    ///
    /// - Parameters:
    ///   - delta: The threshold `δ > 0` (1 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(delta: Double = 1, reduction: Reduction = .mean) {
        checkPrecondition(delta > 0, "HuberLoss needs delta > 0, but got delta \(delta).")
        (self.delta, self.reduction) = (delta, reduction)
        super.init(name: "huber") { huberLoss($0, $1, delta: delta, reduction: reduction) }
    }
}

/// The smooth L1 loss as a value, `0.5 · e² / β` where `|e| < β` and `|e| − 0.5 · β` elsewhere:
/// calls ``smoothL1Loss(_:_:beta:reduction:)``.
public final class SmoothL1Loss: CallableLoss {
    /// The error size `β` where the loss turns linear.
    public let beta: Double
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A smooth L1 loss.
    ///
    /// - Parameters:
    ///   - beta: The threshold `β ≥ 0` (1 by default; 0 gives the L1 loss).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(beta: Double = 1, reduction: Reduction = .mean) {
        checkPrecondition(beta >= 0, "SmoothL1Loss needs beta ≥ 0, but got beta \(beta).")
        (self.beta, self.reduction) = (beta, reduction)
        super.init(name: "smooth_l1") { smoothL1Loss($0, $1, beta: beta, reduction: reduction) }
    }
}

/// The log-cosh loss as a value, `mean(log cosh(prediction − target))`: calls
/// ``logCoshLoss(_:_:reduction:)``.
public final class LogCoshLoss: CallableLoss {
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A log-cosh loss with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
        super.init(name: "log_cosh") { logCoshLoss($0, $1, reduction: reduction) }
    }
}

/// The asymmetric mean squared error as a value, `overPenalty · e²` where `e > 0` and `e²`
/// elsewhere: calls ``asymmetricMSELoss(_:_:overPenalty:reduction:)``.
public final class AsymmetricMSELoss: CallableLoss {
    /// The weight of squared errors where the prediction is above the target.
    public let overPenalty: Double
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// An asymmetric mean squared error.
    ///
    /// - Parameters:
    ///   - overPenalty: The weight `≥ 0` of over-predictions (2 by default).
    ///   - reduction: `.mean` (the default), `.sum` or `.none`.
    public init(overPenalty: Double = 2, reduction: Reduction = .mean) {
        checkPrecondition(overPenalty >= 0, "AsymmetricMSELoss needs overPenalty ≥ 0, but got overPenalty \(overPenalty).")
        (self.overPenalty, self.reduction) = (overPenalty, reduction)
        super.init(name: "asymmetric_mse") { asymmetricMSELoss($0, $1, overPenalty: overPenalty, reduction: reduction) }
    }
}
