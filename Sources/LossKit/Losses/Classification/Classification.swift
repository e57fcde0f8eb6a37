// Losses for binary and multi-label classification, and the Kullback–Leibler divergence.
//
// Cross-entropy over classes (with class-index targets) is in CrossEntropy.swift, focal losses in
// Focal.swift. Each function here compares a prediction with a target of the same shape.

import Foundation

/// Computes the binary cross-entropy between predicted probabilities and targets.
///
/// `mean(−w · (t · log p + (1 − t) · log(1 − p)))`, where each log is clamped below at −100,
/// as in PyTorch, so that probabilities of exactly 0 or 1 give a large but finite loss.
///
/// Use it when the model already outputs probabilities (after a sigmoid). If it outputs raw
/// scores, use ``bceWithLogitsLoss(_:_:posWeight:reduction:)`` instead: it is more accurate and
/// cannot overflow. The gradient with respect to `p` is PyTorch's `w · (p − t) / max(p · (1 − p), 1e-12)`.
///
/// Example: `p = 0.8, t = 1` costs `−log 0.8 = 0.2231…`; `p = 0.8, t = 0` costs `−log 0.2 = 1.6094…`.
///
/// - Parameters:
///   - probabilities: Predicted probabilities `p`, each in `[0, 1]`, of any shape.
///   - target: Targets `t` in `[0, 1]` (usually 0 or 1), with the same shape.
///   - weight: Optional weights `w` that broadcast to the shape of `probabilities` (a constant: it gets no gradient).
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: The log loss of logistic regression: D. R. Cox, "The Regression Analysis of Binary
///   Sequences", *Journal of the Royal Statistical Society B* 20(2), 1958.
public func bceLoss(
    _ probabilities: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) -> Tensor {
    checkLossShapesMatch(probabilities, target, loss: "bceLoss", names: ("probabilities", "target"))
    if let position = probabilities.scalars.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
        fatalError(
            "bceLoss needs probabilities between 0 and 1, but element \(position) of probabilities \(probabilities.shape) is \(probabilities.scalars[position]). For raw scores (logits), use bceWithLogitsLoss."
        )
    }
    var elementwise = binaryCrossEntropy(probabilities, target)
    if let weight {
        checkLossWeightBroadcasts(weight, to: probabilities.shape, loss: "bceLoss", name: "weight")
        elementwise = elementwise * weight
    }
    return elementwise.reduced(by: reduction)
}

/// Computes the binary cross-entropy of raw scores (logits), with the sigmoid folded in.
///
/// With `σ` the sigmoid and `pw` the positive weight:
/// `ℓ = −(pw · t · log σ(x) + (1 − t) · log(1 − σ(x)))`, computed as
/// `ℓ = (1 − t) · x − (1 + (pw − 1) · t) · logSigmoid(x)`, which never overflows (logits of ±1000
/// give exact limits: 0 for a confident right answer, 1000 for a confident wrong one).
///
/// Use it for binary and multi-label classification: one independent yes/no per output.
/// `posWeight > 1` makes missed positives cost more (PyTorch suggests `negatives / positives`
/// for each class), which helps with rare positives.
///
/// Example: `x = 0` costs `log 2 = 0.6931…` whatever the target; `x = 2, t = 1` costs `log(1 + e⁻²) = 0.1269…`.
///
/// - Parameters:
///   - logits: Raw scores `x`, of any shape.
///   - target: Targets `t` in `[0, 1]`, with the same shape as `logits`.
///   - posWeight: Optional weights of the positive term, broadcast to the shape of `logits`
///     (usually one per class, shape `[C]` for logits `[N, C]`).
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per element.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or a tensor with the inputs' shape for `.none`.
/// - Source: D. R. Cox, "The Regression Analysis of Binary Sequences", *Journal of the Royal
///   Statistical Society B* 20(2), 1958; the weighted form is PyTorch's `BCEWithLogitsLoss(pos_weight=)`.
public func bceWithLogitsLoss(
    _ logits: Tensor, _ target: Tensor, posWeight: Tensor? = nil, reduction: Reduction = .mean
) -> Tensor {
    checkLossShapesMatch(logits, target, loss: "bceWithLogitsLoss", names: ("logits", "target"))
    var logWeight = Tensor(1)
    if let posWeight {
        checkLossWeightBroadcasts(posWeight, to: logits.shape, loss: "bceWithLogitsLoss", name: "posWeight")
        logWeight = 1 + (posWeight - 1) * target
    }
    return ((1 - target) * logits - logWeight * logSigmoid(logits)).reduced(by: reduction)
}

/// How ``klDivLoss(_:_:reduction:logTarget:)`` combines its elementwise terms.
///
/// It has one case more than ``Reduction``: `.batchMean`, the only one that gives the true
/// Kullback–Leibler divergence per sample.
public enum KLDivergenceReduction: Sendable, Hashable, CaseIterable {
    /// The sum divided by the batch size (the first dimension): the mean KL divergence per sample.
    case batchMean
    /// The average over every element. PyTorch's default, which it warns about: it divides by the
    /// number of classes too, so it is not a KL divergence.
    case mean
    /// The total of the elementwise terms.
    case sum
    /// No combination: one term per element.
    case none

    /// The same combination as a ``Reduction``.
    public init(_ reduction: Reduction) {
        switch reduction {
        case .mean: self = .mean
        case .sum: self = .sum
        case .none: self = .none
        }
    }
}

/// Computes the Kullback–Leibler divergence `KL(target ‖ prediction)` from log-probabilities.
///
/// With `x` the predicted log-probabilities and `t` the target probabilities:
/// `Σ t · (log t − x)` (terms with `t = 0` count 0), or, with `logTarget`, `Σ exp(t) · (t − x)`.
/// With `.batchMean` the sum is divided by the batch size `N = shape[0]`.
///
/// Use it for knowledge distillation and to pull one distribution towards another. The input is
/// in log space (from ``logSoftmax(_:dim:)``), the target in probability space unless `logTarget`.
///
/// Example: `t = [0.5, 0.5]`, `x = log [0.25, 0.75]` → `0.5 · log 2 + 0.5 · log(2/3) = 0.1438…`.
///
/// The default reduction is `.batchMean`, the true divergence per sample; PyTorch's default is
/// `"mean"`, which also divides by the number of classes (and warns).
///
/// - Parameters:
///   - input: Predicted log-probabilities `x`, usually of shape `[N, C]`.
///   - target: Target probabilities `t` (or log-probabilities, with `logTarget`), with the same shape.
///   - reduction: `.batchMean` (the default), `.mean`, `.sum` or `.none`.
///   - logTarget: Whether `target` holds log-probabilities.
/// - Returns: A scalar tensor, or a tensor with the inputs' shape for `.none`.
/// - Source: S. Kullback and R. A. Leibler, "On Information and Sufficiency", *Annals of
///   Mathematical Statistics* 22(1), 1951.
public func klDivLoss(
    _ input: Tensor, _ target: Tensor, reduction: KLDivergenceReduction = .batchMean, logTarget: Bool = false
) -> Tensor {
    checkLossShapesMatch(input, target, loss: "klDivLoss", names: ("input", "target"))
    let elementwise = logTarget ? exp(target) * (target - input) : klDivergenceTerms(input, target)
    switch reduction {
    case .batchMean: return input.rank == 0 ? elementwise.sum() : elementwise.sum() / Double(input.shape[0])
    case .mean: return elementwise.mean()
    case .sum: return elementwise.sum()
    case .none: return elementwise
    }
}

// MARK: - Helpers

/// Stops with a message naming `loss` unless `tensor` broadcasts to `shape` without growing it.
func checkLossWeightBroadcasts(_ tensor: Tensor, to shape: [Int], loss: String, name: String) {
    checkPrecondition(
        Broadcasting.resultShape(tensor.shape, shape) == shape,
        "\(loss) needs \(name) to broadcast to the input's shape \(shape), but \(name) has shape \(tensor.shape)."
    )
}

/// `−(t · max(log p, −100) + (1 − t) · max(log(1 − p), −100))` for every element, with
/// PyTorch's gradients: `(p − t) / max(p (1 − p), 1e-12)` for `p` and
/// `max(log(1 − p), −100) − max(log p, −100)` for `t`.
private func binaryCrossEntropy(_ probabilities: Tensor, _ target: Tensor) -> Tensor {
    let logs = Kernels.map(probabilities.scalars) { Swift.max(Foundation.log($0), -100) }
    let complementLogs = Kernels.map(probabilities.scalars) { Swift.max(Foundation.log1p(-$0), -100) }
    let values = Kernels.map(target.scalars, logs, complementLogs) { t, logP, logQ in -(t * logP + (1 - t) * logQ) }
    return Tensor.result(
        of: "binaryCrossEntropy", shape: probabilities.shape, scalars: values, inputs: [probabilities, target]
    ) { gradient, inputs in
        let (probabilities, target) = (inputs[0], inputs[1])
        var gradients: [Tensor?] = [nil, nil]
        if probabilities.requiresGrad {
            let slopes = Kernels.map(probabilities.scalars, target.scalars) { p, t in (p - t) / Swift.max(p * (1 - p), 1e-12) }
            gradients[0] = Tensor.plain(Kernels.map(gradient.scalars, slopes) { $0 * $1 }, shape: gradient.shape)
        }
        if target.requiresGrad {
            let slopes = Kernels.map(complementLogs, logs) { $0 - $1 }
            gradients[1] = Tensor.plain(Kernels.map(gradient.scalars, slopes) { $0 * $1 }, shape: gradient.shape)
        }
        return gradients
    } differentiableBackward: { gradient, inputs, _ in
        // The same rules with recorded operations: PyTorch's first derivative, differentiated.
        let (probabilities, target) = (inputs[0], inputs[1])
        var gradients: [Tensor?] = [nil, nil]
        if probabilities.requiresGrad {
            gradients[0] = gradient * (probabilities - target) / clamp(probabilities * (1 - probabilities), min: 1e-12)
        }
        if target.requiresGrad {
            gradients[1] = gradient * (clamp(log1p(-probabilities), min: -100) - clamp(log(probabilities), min: -100))
        }
        return gradients
    }
}

/// `t · (log t − x)` for every element, 0 where `t = 0` (PyTorch's `xlogy(t, t) − t · x`), with
/// gradients `−t` for `x` and `log t + 1 − x` for `t` (0 where `t = 0`, as in PyTorch).
private func klDivergenceTerms(_ input: Tensor, _ target: Tensor) -> Tensor {
    let values = Kernels.map(input.scalars, target.scalars) { x, t in t == 0 ? 0 : t * (Foundation.log(t) - x) }
    return Tensor.result(of: "klDivergence", shape: input.shape, scalars: values, inputs: [input, target]) { gradient, inputs in
        let (input, target) = (inputs[0], inputs[1])
        var gradients: [Tensor?] = [nil, nil]
        if input.requiresGrad {
            gradients[0] = Tensor.plain(Kernels.map(gradient.scalars, target.scalars) { -$0 * $1 }, shape: gradient.shape)
        }
        if target.requiresGrad {
            let slopes = Kernels.map(input.scalars, target.scalars) { x, t in t == 0 ? 0 : Foundation.log(t) + 1 - x }
            gradients[1] = Tensor.plain(Kernels.map(gradient.scalars, slopes) { $0 * $1 }, shape: gradient.shape)
        }
        return gradients
    } differentiableBackward: { gradient, inputs, _ in
        let (input, target) = (inputs[0], inputs[1])
        var gradients: [Tensor?] = [nil, nil]
        if input.requiresGrad {
            gradients[0] = -(gradient * target)
        }
        if target.requiresGrad {
            // 0 where t = 0; the logarithm reads 1 there, so that no infinity enters the graph.
            let absent = Tensor.plain(Kernels.map(target.scalars) { $0 == 0 ? 1 : 0 }, shape: gradient.shape)
            let slope = log(Tensor.where(absent, 1, target)) + 1 - input
            gradients[1] = Tensor.where(absent, 0, gradient * slope)
        }
        return gradients
    }
}
