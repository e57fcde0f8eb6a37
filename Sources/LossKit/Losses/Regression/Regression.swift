// Losses for regression: predicting real numbers.
//
// Every function takes the prediction first and the target second, refuses inputs of different
// shapes (PyTorch would warn and broadcast), and combines the elementwise losses with `reduction`.

import Foundation

/// Computes the mean squared error (MSE) between a prediction and its target.
///
/// `mean((prediction − target)²)`
///
/// Squaring makes every error positive and punishes large errors much more than small ones,
/// so a few outliers can dominate the loss. Minimizing it predicts the conditional mean of the target.
///
/// Unlike PyTorch, which warns and then broadcasts when the shapes differ, this function stops
/// with an error: a silent broadcast (say `[4, 1]` against `[4]`) compares every prediction with
/// every target and gives a wrong loss.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - reduction: How to combine the squared errors: `.mean` (the default) averages them,
///     `.sum` adds them up, and `.none` returns one squared error per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: The method of least squares: A.-M. Legendre, *Nouvelles méthodes pour la détermination
///   des orbites des comètes* (1805), and C. F. Gauss, *Theoria motus corporum coelestium* (1809).
public func mseLoss(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    checkPrecondition(
        prediction.shape == target.shape,
        "mseLoss needs prediction and target of the same shape, but got prediction \(prediction.shape) and target \(target.shape). (PyTorch would warn and broadcast; LossKit refuses because broadcasting here silently gives the wrong loss.)"
    )
    let error = prediction - target
    return (error * error).reduced(by: reduction)
}

/// Computes the mean absolute error (L1 loss) between a prediction and its target.
///
/// `mean(|prediction − target|)`
///
/// Every unit of error costs the same, so outliers weigh far less than in ``mseLoss(_:_:reduction:)``.
/// Minimizing it predicts the conditional median. The gradient is `sign(prediction − target)`
/// (0 where the error is exactly 0, as in PyTorch), whose size does not shrink near the optimum.
///
/// Example: prediction `[1, 2, 3]`, target `[1, 4, 0]` → errors `0, 2, 3` → mean `5/3`.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one absolute error per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: Least absolute deviations, R. J. Boscovich (1757) and P.-S. Laplace,
///   *Traité de mécanique céleste* (1799).
public func l1Loss(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    checkLossShapesMatch(prediction, target, loss: "l1Loss")
    return abs(prediction - target).reduced(by: reduction)
}

/// Computes the Huber loss: quadratic for small errors, linear for large ones.
///
/// With `e = prediction − target`: `0.5 · e²` where `|e| ≤ δ`, and `δ · (|e| − 0.5 · δ)` elsewhere.
///
/// Use it for regression with occasional outliers: near the optimum it behaves like MSE (smooth,
/// shrinking gradients), far from it like L1 (gradients capped at `±δ`). It equals
/// `δ · smoothL1Loss(beta: δ)`.
///
/// Example with `δ = 1`: errors `0.5` and `3` cost `0.125` and `1 · (3 − 0.5) = 2.5`.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - delta: The error size `δ > 0` where the loss turns from quadratic to linear (PyTorch's default is 1).
///   - reduction: `.mean` (the default), `.sum`, or `.none`.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: P. J. Huber, "Robust Estimation of a Location Parameter",
///   *Annals of Mathematical Statistics* 35(1), 1964.
public func huberLoss(_ prediction: Tensor, _ target: Tensor, delta: Double = 1, reduction: Reduction = .mean) -> Tensor {
    checkLossShapesMatch(prediction, target, loss: "huberLoss")
    checkPrecondition(delta > 0, "huberLoss needs delta > 0, but got delta \(delta).")
    let error = prediction - target
    let size = abs(error)
    let elementwise = Tensor.where(size .<= delta, 0.5 * error * error, delta * (size - 0.5 * delta))
    return elementwise.reduced(by: reduction)
}

/// Computes the smooth L1 loss: quadratic below `β`, linear (slope 1) above it.
///
/// With `e = prediction − target`: `0.5 · e² / β` where `|e| < β`, and `|e| − 0.5 · β` elsewhere.
/// With `β = 0` it is exactly ``l1Loss(_:_:reduction:)``.
///
/// Use it for bounding-box regression and other targets with outliers. Unlike
/// ``huberLoss(_:_:delta:reduction:)``, the linear part always has slope 1, so `β` only sets how
/// wide the smooth bowl around 0 is.
///
/// Example with `β = 1`: errors `0.5` and `3` cost `0.125` and `3 − 0.5 = 2.5`.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - beta: The error size `β ≥ 0` where the loss turns linear (PyTorch's default is 1).
///   - reduction: `.mean` (the default), `.sum`, or `.none`.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: R. Girshick, "Fast R-CNN", ICCV 2015.
public func smoothL1Loss(_ prediction: Tensor, _ target: Tensor, beta: Double = 1, reduction: Reduction = .mean) -> Tensor {
    checkLossShapesMatch(prediction, target, loss: "smoothL1Loss")
    checkPrecondition(beta >= 0, "smoothL1Loss needs beta ≥ 0, but got beta \(beta).")
    guard beta > 0 else { return l1Loss(prediction, target, reduction: reduction) }
    let error = prediction - target
    let size = abs(error)
    let elementwise = Tensor.where(size .< beta, 0.5 * error * error / beta, size - 0.5 * beta)
    return elementwise.reduced(by: reduction)
}

/// Computes the log-cosh loss: the logarithm of the hyperbolic cosine of the error.
///
/// `mean(log cosh(prediction − target))`
///
/// It is close to `e² / 2` for small errors and to `|e| − log 2` for large ones, like a Huber
/// loss that is smooth everywhere (its gradient is `tanh(e)`, between −1 and 1).
/// `cosh` overflows for errors above about 710, so large errors use the identity
/// `log cosh x = |x| + log1p(exp(−2|x|)) − log 2`, and small ones (`|x| ≤ 1`) use
/// `log cosh x = log1p(2 · sinh²(x / 2))`, which keeps every digit of tiny losses.
///
/// Example: an error of 1 costs `log cosh 1 = log 1.5430806… = 0.4337808…`.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - reduction: `.mean` (the default), `.sum`, or `.none`.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: R. A. Saleh and A. K. M. E. Saleh, "Statistical Properties of the log-cosh Loss
///   Function Used in Machine Learning", arXiv:2208.04564 (2022).
public func logCoshLoss(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    checkLossShapesMatch(prediction, target, loss: "logCoshLoss")
    return logCosh(prediction - target).reduced(by: reduction)
}

/// Computes a mean squared error that charges over-predictions more than under-predictions.
///
/// With `e = prediction − target`: `overPenalty · e²` where `e > 0` (the prediction is too high),
/// and `e²` elsewhere.
///
/// Use it when guessing high costs more than guessing low, such as ordering stock or estimating
/// delivery times. `overPenalty = 1` gives ``mseLoss(_:_:reduction:)``; values below 1 charge
/// under-predictions more instead.
///
/// Example with `overPenalty = 2`: prediction `[3, 1]`, target `[2, 2]` → `(2 · 1² + 1²) / 2 = 1.5`.
///
/// - Parameters:
///   - prediction: The predicted values, of any shape.
///   - target: The true values, with the same shape as `prediction`.
///   - overPenalty: The weight `≥ 0` of squared errors where the prediction is above the target.
///   - reduction: `.mean` (the default), `.sum`, or `.none`.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: C. W. J. Granger, "Prediction with a Generalized Cost of Error Function",
///   *Operational Research Quarterly* 20(2), 1969 (asymmetric costs of forecast errors).
public func asymmetricMSELoss(
    _ prediction: Tensor, _ target: Tensor, overPenalty: Double = 2, reduction: Reduction = .mean
) -> Tensor {
    checkLossShapesMatch(prediction, target, loss: "asymmetricMSELoss")
    checkPrecondition(overPenalty >= 0, "asymmetricMSELoss needs overPenalty ≥ 0, but got overPenalty \(overPenalty).")
    let error = prediction - target
    let weight = Tensor.where(error .> 0, Tensor(overPenalty), Tensor(1))
    return (weight * error * error).reduced(by: reduction)
}

// MARK: - Helpers shared by the loss files

/// Stops with a message naming `loss` and both shapes unless `first` and `second` have the same shape.
func checkLossShapesMatch(
    _ first: Tensor, _ second: Tensor, loss: String,
    names: (String, String) = ("prediction", "target")
) {
    checkPrecondition(
        first.shape == second.shape,
        "\(loss) needs \(names.0) and \(names.1) of the same shape, but got \(names.0) \(first.shape) and \(names.1) \(second.shape). (PyTorch would warn and broadcast; LossKit refuses because broadcasting here silently gives the wrong loss.)"
    )
}

/// `log 2`, the limit of `|x| − log cosh x` for large `|x|`.
private let logTwo = 0.693_147_180_559_945_3

/// `log cosh x` for every element, without overflow, with gradient `tanh x`.
func logCosh(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { value in
        let size = value.magnitude
        if size <= 1 {
            let halfSinh = Foundation.sinh(size / 2)
            return Foundation.log1p(2 * halfSinh * halfSinh)
        }
        return size + Foundation.log1p(Foundation.exp(-2 * size)) - logTwo
    }
    return Tensor.result(of: "logCosh", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { $0 * Foundation.tanh($1) }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        [gradient * tanh(inputs[0])]
    }
}
