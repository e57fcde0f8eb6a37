// Choosing between values elementwise: where, maximum, minimum and clamp.
//
// Each of these copies one of its inputs to the output, so the gradient goes to the input that
// was copied. Conventions at ties and boundaries follow PyTorch:
// - maximum/minimum split the gradient equally between two equal elements;
// - clamp passes the gradient where min ≤ x ≤ max (boundaries included) and blocks it outside.

extension Tensor {
    /// Picks, element by element, from `whenTrue` where `condition` is nonzero and from `whenFalse`
    /// where it is 0 (NumPy's and PyTorch's `where`), broadcasting all three shapes.
    ///
    /// ```swift
    /// let huberLike = Tensor.where(abs(error) .< 1, 0.5 * error * error, abs(error) - 0.5)
    /// ```
    ///
    /// The gradient flows to `whenTrue` where the condition holds and to `whenFalse` elsewhere;
    /// the condition itself gets none.
    ///
    /// - Parameters:
    ///   - condition: A mask, usually from a comparison such as `x .> 0`; nonzero counts as true.
    ///   - whenTrue: The values to take where the condition holds.
    ///   - whenFalse: The values to take elsewhere.
    /// - Returns: A tensor with the broadcast shape of the three inputs.
    public static func `where`(_ condition: Tensor, _ whenTrue: Tensor, _ whenFalse: Tensor) -> Tensor {
        let shape = Broadcasting.resultShape(condition.shape, whenTrue.shape)
            .flatMap { Broadcasting.resultShape($0, whenFalse.shape) }
        guard let shape else {
            fatalError(
                "Tensor.where(condition, whenTrue, whenFalse) cannot broadcast the shapes \(condition.shape) (condition), \(whenTrue.shape) (whenTrue) and \(whenFalse.shape) (whenFalse) together: compared from the last dimension, sizes must be equal or 1."
            )
        }
        let conditions = Kernels.broadcast(condition.scalars, from: condition.shape, to: shape)
        let chosen = Kernels.map(
            conditions,
            Kernels.broadcast(whenTrue.scalars, from: whenTrue.shape, to: shape),
            Kernels.broadcast(whenFalse.scalars, from: whenFalse.shape, to: shape)
        ) { $0 != 0 ? $1 : $2 }
        return result(of: "where", shape: shape, scalars: chosen, inputs: [whenTrue, whenFalse]) { gradient, inputs in
            let (whenTrue, whenFalse) = (inputs[0], inputs[1])
            return [
                whenTrue.requiresGrad
                    ? Tensor.plain(Kernels.map(gradient.scalars, conditions) { $1 != 0 ? $0 : 0 }, shape: shape)
                        .sum(toShape: whenTrue.shape)
                    : nil,
                whenFalse.requiresGrad
                    ? Tensor.plain(Kernels.map(gradient.scalars, conditions) { $1 != 0 ? 0 : $0 }, shape: shape)
                        .sum(toShape: whenFalse.shape)
                    : nil,
            ]
        } differentiableBackward: { gradient, inputs, _ in
            let (whenTrue, whenFalse) = (inputs[0], inputs[1])
            let mask = Tensor.plain(conditions, shape: shape)
            return [
                whenTrue.requiresGrad ? Tensor.where(mask, gradient, 0).sum(toShape: whenTrue.shape) : nil,
                whenFalse.requiresGrad ? Tensor.where(mask, 0, gradient).sum(toShape: whenFalse.shape) : nil,
            ]
        }
    }

    /// Picks from `whenTrue` where `condition` is nonzero, and the number `whenFalse` elsewhere.
    ///
    /// - Parameters:
    ///   - condition: A mask; nonzero counts as true.
    ///   - whenTrue: The values to take where the condition holds.
    ///   - whenFalse: The number to take elsewhere, such as 0.
    /// - Returns: A tensor with the broadcast shape of `condition` and `whenTrue`.
    public static func `where`(_ condition: Tensor, _ whenTrue: Tensor, _ whenFalse: Double) -> Tensor {
        Tensor.where(condition, whenTrue, Tensor(whenFalse))
    }

    /// Picks the number `whenTrue` where `condition` is nonzero, and from `whenFalse` elsewhere.
    ///
    /// - Parameters:
    ///   - condition: A mask; nonzero counts as true.
    ///   - whenTrue: The number to take where the condition holds.
    ///   - whenFalse: The values to take elsewhere.
    /// - Returns: A tensor with the broadcast shape of `condition` and `whenFalse`.
    public static func `where`(_ condition: Tensor, _ whenTrue: Double, _ whenFalse: Tensor) -> Tensor {
        Tensor.where(condition, Tensor(whenTrue), whenFalse)
    }
}

/// The larger of two tensors, element by element, after broadcasting: `max(aᵢ, bᵢ)`.
///
/// The gradient goes to the larger element; where the two are equal each gets half, as in
/// PyTorch's `torch.maximum`. NaN in either input gives NaN.
///
/// - Parameters:
///   - left: The first tensor.
///   - right: The second tensor; its shape must broadcast with that of `left`.
/// - Returns: A tensor with the broadcast shape.
public func maximum(_ left: Tensor, _ right: Tensor) -> Tensor {
    elementwiseExtreme(left, right, name: "maximum", larger: true)
}

/// The smaller of two tensors, element by element, after broadcasting: `min(aᵢ, bᵢ)`.
///
/// The gradient goes to the smaller element; where the two are equal each gets half, as in
/// PyTorch's `torch.minimum`. NaN in either input gives NaN.
///
/// - Parameters:
///   - left: The first tensor.
///   - right: The second tensor; its shape must broadcast with that of `left`.
/// - Returns: A tensor with the broadcast shape.
public func minimum(_ left: Tensor, _ right: Tensor) -> Tensor {
    elementwiseExtreme(left, right, name: "minimum", larger: false)
}

/// Shared implementation of ``maximum(_:_:)`` and ``minimum(_:_:)``.
private func elementwiseExtreme(_ left: Tensor, _ right: Tensor, name: String, larger: Bool) -> Tensor {
    let (shape, values) = Tensor.combineElementwise(left, right, symbol: name) { a, b in
        // Take `a` when it wins or is NaN; otherwise `b` (which is NaN if only `b` is).
        let winner = (larger ? a > b : a < b) ? a : b
        return a.isNaN ? a : winner
    }
    return Tensor.result(of: name, shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
        let (left, right) = (inputs[0], inputs[1])
        let lefts = Kernels.broadcast(left.scalars, from: left.shape, to: shape)
        let rights = Kernels.broadcast(right.scalars, from: right.shape, to: shape)
        // PyTorch: the full gradient to the winner, half to each on a tie, and none to the loser.
        // (With a NaN neither comparison holds, so both sides receive the gradient, as in PyTorch.)
        let leftGradient = Kernels.map(gradient.scalars, lefts, rights) { incoming, a, b in
            (larger ? a < b : a > b) ? 0 : (a == b ? incoming / 2 : incoming)
        }
        let rightGradient = Kernels.map(gradient.scalars, lefts, rights) { incoming, a, b in
            (larger ? a > b : a < b) ? 0 : (a == b ? incoming / 2 : incoming)
        }
        return [
            left.requiresGrad ? Tensor.plain(leftGradient, shape: shape).sum(toShape: left.shape) : nil,
            right.requiresGrad ? Tensor.plain(rightGradient, shape: shape).sum(toShape: right.shape) : nil,
        ]
    } differentiableBackward: { gradient, inputs, _ in
        // The same shares (1, ½ or 0 of the gradient) as constant factors.
        let (left, right) = (inputs[0], inputs[1])
        let lefts = Kernels.broadcast(left.scalars, from: left.shape, to: shape)
        let rights = Kernels.broadcast(right.scalars, from: right.shape, to: shape)
        let leftShares = Kernels.map(lefts, rights) { a, b in (larger ? a < b : a > b) ? 0 : (a == b ? 0.5 : 1) }
        let rightShares = Kernels.map(lefts, rights) { a, b in (larger ? a > b : a < b) ? 0 : (a == b ? 0.5 : 1) }
        return [
            left.requiresGrad ? (gradient * Tensor.plain(leftShares, shape: shape)).sum(toShape: left.shape) : nil,
            right.requiresGrad ? (gradient * Tensor.plain(rightShares, shape: shape)).sum(toShape: right.shape) : nil,
        ]
    }
}

/// Limits every element to the range `min...max`: values below `min` become `min`, values above
/// `max` become `max` (PyTorch's `torch.clamp`).
///
/// The gradient is 1 where `min ≤ x ≤ max` (boundaries included, as in PyTorch) and 0 outside.
/// Either bound may be left out. If `min > max`, every element becomes `max`, as in PyTorch.
/// NaN stays NaN.
///
/// - Parameters:
///   - x: Any tensor.
///   - lower: The lower bound, or `nil` for none.
///   - upper: The upper bound, or `nil` for none.
/// - Returns: A tensor with the shape of `x`.
public func clamp(_ x: Tensor, min lower: Double? = nil, max upper: Double? = nil) -> Tensor {
    checkPrecondition(
        lower != nil || upper != nil,
        "clamp(_:min:max:) needs at least one bound: pass min:, max: or both."
    )
    let low = lower ?? -.infinity
    let high = upper ?? .infinity
    let values = Kernels.map(x.scalars) { value in
        // Comparisons with NaN are false, so NaN passes through both selects unchanged.
        let raised = value < low ? low : value
        return raised > high ? high : raised
    }
    return Tensor.result(of: "clamp", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { incoming, value in
            value >= low && value <= high ? incoming : 0
        }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        let inside = Kernels.map(inputs[0].scalars) { $0 >= low && $0 <= high ? 1 : 0 }
        return [Tensor.where(Tensor.plain(inside, shape: gradient.shape), gradient, 0)]
    }
}
