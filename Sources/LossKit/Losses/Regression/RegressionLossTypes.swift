// The regression losses as values (see Loss.swift): each wraps its functional form in
// Regression.swift with fixed settings and records every value it returns.

/// Mean squared error as a value: calls ``mseLoss(_:_:reduction:)``.
///
/// ```swift
/// let loss = MSELoss()
/// let value = loss(prediction, target)   // recorded in loss.history
/// ```
public final class MSELoss: Loss {
    /// `"mse"`.
    public let name = "mse"
    /// Every value this loss has returned.
    public var history = LossHistory()
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A mean squared error with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// `mean((prediction − target)²)`; see ``mseLoss(_:_:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        mseLoss(prediction, target, reduction: reduction)
    }
}

/// Mean absolute error as a value: calls ``l1Loss(_:_:reduction:)``.
public final class L1Loss: Loss {
    /// `"l1"`.
    public let name = "l1"
    /// Every value this loss has returned.
    public var history = LossHistory()
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A mean absolute error with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// `mean(|prediction − target|)`; see ``l1Loss(_:_:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        l1Loss(prediction, target, reduction: reduction)
    }
}

/// The Huber loss as a value: calls ``huberLoss(_:_:delta:reduction:)``.
public final class HuberLoss: Loss {
    /// `"huber"`.
    public let name = "huber"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.delta = delta
        self.reduction = reduction
    }

    /// `0.5 · e²` where `|e| ≤ δ`, `δ · (|e| − 0.5 · δ)` elsewhere; see ``huberLoss(_:_:delta:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        huberLoss(prediction, target, delta: delta, reduction: reduction)
    }
}

/// The smooth L1 loss as a value: calls ``smoothL1Loss(_:_:beta:reduction:)``.
public final class SmoothL1Loss: Loss {
    /// `"smooth_l1"`.
    public let name = "smooth_l1"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.beta = beta
        self.reduction = reduction
    }

    /// `0.5 · e² / β` where `|e| < β`, `|e| − 0.5 · β` elsewhere; see ``smoothL1Loss(_:_:beta:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        smoothL1Loss(prediction, target, beta: beta, reduction: reduction)
    }
}

/// The log-cosh loss as a value: calls ``logCoshLoss(_:_:reduction:)``.
public final class LogCoshLoss: Loss {
    /// `"log_cosh"`.
    public let name = "log_cosh"
    /// Every value this loss has returned.
    public var history = LossHistory()
    /// How elementwise losses are combined.
    public let reduction: Reduction

    /// A log-cosh loss with the given reduction.
    ///
    /// - Parameter reduction: `.mean` (the default), `.sum` or `.none`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// `mean(log cosh(prediction − target))`; see ``logCoshLoss(_:_:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        logCoshLoss(prediction, target, reduction: reduction)
    }
}

/// The asymmetric mean squared error as a value: calls ``asymmetricMSELoss(_:_:overPenalty:reduction:)``.
public final class AsymmetricMSELoss: Loss {
    /// `"asymmetric_mse"`.
    public let name = "asymmetric_mse"
    /// Every value this loss has returned.
    public var history = LossHistory()
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
        self.overPenalty = overPenalty
        self.reduction = reduction
    }

    /// `overPenalty · e²` where `e > 0`, `e²` elsewhere; see ``asymmetricMSELoss(_:_:overPenalty:reduction:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        asymmetricMSELoss(prediction, target, overPenalty: overPenalty, reduction: reduction)
    }
}
