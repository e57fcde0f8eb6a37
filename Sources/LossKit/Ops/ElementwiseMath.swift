// Elementwise mathematical functions: powers, exponentials, logarithms, square roots, absolute values.
//
// Functions of tensor values are free functions, so formulas read as they are written on paper:
// `exp(-x)`, `log(1 + exp(x))`, `sqrt(pow(x, 2) + 1)`. Reductions and queries (`x.sum()`,
// `x.max(dim: 1)`) are methods. Each function here applies to every element and records the
// derivative `f′(x)` so that the gradient is `g · f′(x)` for an incoming gradient `g`.

import Foundation

/// Raises every element to the power `exponent`: `xᵢ ^ exponent`.
///
/// The gradient is `exponent · x ^ (exponent − 1)`, and 0 when `exponent` is 0 (as in PyTorch).
///
/// - Parameters:
///   - base: The tensor whose elements are raised to the power.
///   - exponent: The power, such as `2` for squares or `0.5` for square roots.
/// - Returns: A tensor with the shape of `base`.
public func pow(_ base: Tensor, _ exponent: Double) -> Tensor {
    let values = Kernels.map(base.scalars) { Foundation.pow($0, exponent) }
    return Tensor.result(of: "power", shape: base.shape, scalars: values, inputs: [base]) { gradient, inputs in
        guard exponent != 0 else { return [Tensor(repeating: 0, shape: gradient.shape)] }
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { incoming, value in
            incoming * exponent * Foundation.pow(value, exponent - 1)
        }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        guard exponent != 0 else { return [Tensor(repeating: 0, shape: gradient.shape)] }
        return [gradient * (exponent * pow(inputs[0], exponent - 1))]
    }
}

/// Raises every element of `base` to the power given by the matching element of `exponent`,
/// broadcasting their shapes: `baseᵢ ^ exponentᵢ`.
///
/// The gradients are `∂/∂base = exponent · base ^ (exponent − 1)` (0 where the exponent is 0) and
/// `∂/∂exponent = base ^ exponent · log(base)` (0 where the base is 0 and the exponent is at least 0),
/// matching PyTorch. A negative base with a non-integer exponent gives NaN.
///
/// - Parameters:
///   - base: The tensor of bases.
///   - exponent: The tensor of powers; its shape must broadcast with the shape of `base`.
/// - Returns: A tensor with the broadcast shape.
public func pow(_ base: Tensor, _ exponent: Tensor) -> Tensor {
    let (shape, values) = Tensor.combineElementwise(base, exponent, symbol: "pow") { Foundation.pow($0, $1) }
    return Tensor.result(of: "power", shape: shape, scalars: values, inputs: [base, exponent]) { gradient, inputs in
        let (base, exponent) = (inputs[0], inputs[1])
        let bases = Kernels.broadcast(base.scalars, from: base.shape, to: shape)
        let exponents = Kernels.broadcast(exponent.scalars, from: exponent.shape, to: shape)
        var gradients: [Tensor?] = [nil, nil]
        if base.requiresGrad {
            let baseGradient = Kernels.map(gradient.scalars, bases, exponents) { incoming, value, power in
                power == 0 ? 0 : incoming * power * Foundation.pow(value, power - 1)
            }
            gradients[0] = Tensor.plain(baseGradient, shape: shape).sum(toShape: base.shape)
        }
        if exponent.requiresGrad {
            let exponentGradient = Kernels.map(gradient.scalars, bases, exponents) { incoming, value, power in
                value == 0 && power >= 0 ? 0 : incoming * Foundation.pow(value, power) * Foundation.log(value)
            }
            gradients[1] = Tensor.plain(exponentGradient, shape: shape).sum(toShape: exponent.shape)
        }
        return gradients
    } differentiableBackward: { gradient, inputs, output in
        let (base, exponent) = (inputs[0], inputs[1])
        let bases = Kernels.broadcast(base.scalars, from: base.shape, to: shape)
        let exponents = Kernels.broadcast(exponent.scalars, from: exponent.shape, to: shape)
        var gradients: [Tensor?] = [nil, nil]
        if base.requiresGrad {
            // exponent · base^(exponent − 1), and 0 where the exponent is 0.
            let zeroPower = Tensor.plain(Kernels.map(exponents) { $0 == 0 ? 1 : 0 }, shape: shape)
            let slope = exponent * pow(base, exponent - 1)
            gradients[0] = Tensor.where(zeroPower, 0, gradient * slope).sum(toShape: base.shape)
        }
        if exponent.requiresGrad {
            // base^exponent · log(base), and 0 where the base is 0 and the exponent at least 0. The
            // logarithm reads 1 there, so that no infinity enters the graph.
            let flat = Tensor.plain(Kernels.map(bases, exponents) { $0 == 0 && $1 >= 0 ? 1 : 0 }, shape: shape)
            let safeBase = Tensor.where(flat, 1, base)
            gradients[1] = Tensor.where(flat, 0, gradient * output * log(safeBase)).sum(toShape: exponent.shape)
        }
        return gradients
    }
}

/// Raises the number `base` to the power of every element of `exponent`: `base ^ exponentᵢ`.
///
/// The gradient is `base ^ exponent · log(base)`.
///
/// - Parameters:
///   - base: The number raised to the powers, such as `2` or `10`.
///   - exponent: The tensor of powers.
/// - Returns: A tensor with the shape of `exponent`.
public func pow(_ base: Double, _ exponent: Tensor) -> Tensor {
    pow(Tensor(base), exponent)
}

/// The exponential of every element: `eˣ`.
///
/// The gradient is `eˣ` itself. Inputs above about 709 overflow to infinity; see
/// ``logSumExp(_:dim:keepDims:)`` and ``softmax(_:dim:)`` for the stable forms used with scores.
///
/// - Parameter x: Any tensor.
/// - Returns: A tensor with the shape of `x`, every element positive.
public func exp(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { Foundation.exp($0) }
    return Tensor.result(of: "exp", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor.plain(Kernels.map(gradient.scalars, values) { $0 * $1 }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, output in
        [gradient * output]
    }
}

/// The natural logarithm of every element: `ln x`.
///
/// The gradient is `1 / x`. `log(0)` is −∞ and the log of a negative number is NaN, as in PyTorch.
///
/// - Parameter x: A tensor of positive values.
/// - Returns: A tensor with the shape of `x`.
public func log(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { Foundation.log($0) }
    return Tensor.result(of: "log", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        [Tensor.plain(Kernels.map(gradient.scalars, inputs[0].scalars) { $0 / $1 }, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        [gradient / inputs[0]]
    }
}

/// `ln(1 + x)` for every element, accurate even when `x` is tiny (where `log(1 + x)` would round
/// `1 + x` to 1 and lose every digit of `x`).
///
/// The gradient is `1 / (1 + x)`.
///
/// - Parameter x: A tensor of values greater than −1.
/// - Returns: A tensor with the shape of `x`.
public func log1p(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { Foundation.log1p($0) }
    return Tensor.result(of: "log1p", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        [Tensor.plain(Kernels.map(gradient.scalars, inputs[0].scalars) { $0 / (1 + $1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        [gradient / (1 + inputs[0])]
    }
}

/// The square root of every element: `√x`.
///
/// The gradient is `1 / (2√x)`, which is infinite at 0, as in PyTorch.
///
/// - Parameter x: A tensor of non-negative values (negative ones give NaN).
/// - Returns: A tensor with the shape of `x`.
public func sqrt(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { $0.squareRoot() }
    return Tensor.result(of: "sqrt", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor.plain(Kernels.map(gradient.scalars, values) { $0 / (2 * $1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, output in
        [gradient / (2 * output)]
    }
}

/// The absolute value of every element: `|x|`.
///
/// The gradient is `sign(x)`: −1 for negative elements, 1 for positive ones and 0 at exactly 0,
/// as in PyTorch.
///
/// - Parameter x: Any tensor.
/// - Returns: A tensor with the shape of `x`.
public func abs(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { $0.magnitude }
    return Tensor.result(of: "abs", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        [Tensor.plain(Kernels.map(gradient.scalars, inputs[0].scalars) { $0 * signum($1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        // The sign is a constant: its own derivative is 0 almost everywhere.
        [gradient * Tensor.plain(Kernels.map(inputs[0].scalars) { signum($0) }, shape: gradient.shape)]
    }
}

/// The sign of every element: −1 for negative values, 0 for zero, 1 for positive values (NaN stays NaN).
///
/// The sign is flat almost everywhere, so its gradient is 0 everywhere (as in PyTorch).
///
/// - Parameter x: Any tensor.
/// - Returns: A tensor with the shape of `x`.
public func sign(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { signum($0) }
    // The zero gradient is a constant, which is also the exact derivative of any order.
    return Tensor.result(of: "sign", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor(repeating: 0, shape: gradient.shape)]
    }
}

/// −1, 0 or 1 by the sign of `value`, and NaN for NaN.
@inline(__always)
func signum(_ value: Double) -> Double {
    value > 0 ? 1 : (value < 0 ? -1 : (value.isNaN ? value : 0))
}
