// Activation functions: the elementwise nonlinearities between the layers of a network.
//
// Conventions at the kinks match PyTorch: relu passes no gradient at exactly 0, leakyRelu passes
// `negativeSlope` there. The sigmoid family is computed so that no intermediate overflows.

import Foundation

/// The rectified linear unit: `max(x, 0)` for every element.
///
/// The gradient is 1 where `x > 0` and 0 elsewhere, including at exactly 0 (as in PyTorch).
/// NaN stays NaN.
///
/// - Parameter x: Any tensor.
/// - Returns: A tensor with the shape of `x`.
public func relu(_ x: Tensor) -> Tensor {
    // `x <= 0` is false for NaN, so NaN passes through; written as one select, without branches.
    let values = Kernels.map(x.scalars) { $0 <= 0 ? 0 : $0 }
    return Tensor.result(of: "relu", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor.plain(Kernels.map(gradient.scalars, values) { $1 > 0 ? $0 : 0 }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, _ in
        [Tensor.where(Tensor.plain(Kernels.map(values) { $0 > 0 ? 1 : 0 }, shape: gradient.shape), gradient, 0)]
    }
}

/// The leaky rectified linear unit: `x` where `x > 0`, and `negativeSlope · x` elsewhere.
///
/// Unlike ``relu(_:)`` it keeps a small gradient for negative inputs, so units cannot "die".
/// The gradient is 1 where `x > 0` and `negativeSlope` elsewhere, including at 0 (as in PyTorch).
///
/// - Parameters:
///   - x: Any tensor.
///   - negativeSlope: The slope for negative inputs; PyTorch's default is 0.01.
/// - Returns: A tensor with the shape of `x`.
public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.01) -> Tensor {
    let values = Kernels.map(x.scalars) { $0 > 0 ? $0 : $0 * negativeSlope }
    return Tensor.result(of: "leakyRelu", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { $1 > 0 ? $0 : $0 * negativeSlope }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        [gradient * Tensor.plain(Kernels.map(inputs[0].scalars) { $0 > 0 ? 1 : negativeSlope }, shape: gradient.shape)]
    }
}

/// The logistic sigmoid: `σ(x) = 1 / (1 + e⁻ˣ)` for every element, a number between 0 and 1.
///
/// Computed as `1 / (1 + e⁻ˣ)` for `x ≥ 0` and `eˣ / (1 + eˣ)` for `x < 0`, so `e` is only ever
/// raised to a negative power and cannot overflow. The gradient is `σ(x) · (1 − σ(x))`.
///
/// - Parameter x: Any tensor (often logits).
/// - Returns: A tensor with the shape of `x`, every element in [0, 1].
public func sigmoid(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { logisticSigmoid($0) }
    return Tensor.result(of: "sigmoid", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor.plain(Kernels.map(gradient.scalars, values) { $0 * $1 * (1 - $1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, output in
        [gradient * output * (1 - output)]
    }
}

/// The hyperbolic tangent of every element: `tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`, between −1 and 1.
///
/// The gradient is `1 − tanh² x`.
///
/// - Parameter x: Any tensor.
/// - Returns: A tensor with the shape of `x`.
public func tanh(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { Foundation.tanh($0) }
    return Tensor.result(of: "tanh", shape: x.shape, scalars: values, inputs: [x]) { gradient, _ in
        [Tensor.plain(Kernels.map(gradient.scalars, values) { $0 * (1 - $1 * $1) }, shape: gradient.shape)]
    } differentiableBackward: { gradient, _, output in
        [gradient * (1 - output * output)]
    }
}

/// A smooth version of ``relu(_:)``: `softplus(x) = (1/β) · log(1 + e^(βx))` for every element.
///
/// As in PyTorch, where `βx > threshold` the result is `x` itself (the two agree to within
/// `e^(−threshold)`), which avoids overflow. The gradient is `σ(βx)`, and 1 above the threshold.
///
/// - Parameters:
///   - x: Any tensor.
///   - beta: The sharpness β > 0; larger values bend closer to relu. PyTorch's default is 1.
///   - threshold: Above this value of `βx` the function is linear. PyTorch's default is 20.
/// - Returns: A tensor with the shape of `x`, every element positive.
public func softplus(_ x: Tensor, beta: Double = 1, threshold: Double = 20) -> Tensor {
    checkPrecondition(beta > 0, "softplus(beta: \(beta)) needs beta > 0.")
    let values = Kernels.map(x.scalars) { value in
        beta * value > threshold ? value : Foundation.log1p(Foundation.exp(beta * value)) / beta
    }
    return Tensor.result(of: "softplus", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { incoming, value in
            beta * value > threshold ? incoming : incoming * logisticSigmoid(beta * value)
        }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        let linear = Tensor.plain(Kernels.map(inputs[0].scalars) { beta * $0 > threshold ? 1 : 0 }, shape: gradient.shape)
        return [gradient * Tensor.where(linear, 1, sigmoid(beta * inputs[0]))]
    }
}

/// The logarithm of the sigmoid, `log σ(x) = −log(1 + e⁻ˣ)`, computed stably for every element.
///
/// Computed as `min(x, 0) − log(1 + e^(−|x|))`: `e` is only raised to negative powers, and for
/// very negative `x` the result is close to `x` instead of `log(0) = −∞`.
/// The gradient is `1 − σ(x) = σ(−x)`.
///
/// - Parameter x: Any tensor (often logits).
/// - Returns: A tensor with the shape of `x`, every element at most 0.
public func logSigmoid(_ x: Tensor) -> Tensor {
    let values = Kernels.map(x.scalars) { Swift.min($0, 0) - Foundation.log1p(Foundation.exp(-$0.magnitude)) }
    return Tensor.result(of: "logSigmoid", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let inputGradient = Kernels.map(gradient.scalars, inputs[0].scalars) { $0 * logisticSigmoid(-$1) }
        return [Tensor.plain(inputGradient, shape: gradient.shape)]
    } differentiableBackward: { gradient, inputs, _ in
        [gradient * sigmoid(-inputs[0])]
    }
}

/// `1 / (1 + e⁻ˣ)` for one number, without overflow for either sign of `x`.
///
/// With `e = exp(−|x|) ≤ 1`, this is `1 / (1 + e)` for `x ≥ 0` and `e / (1 + e)` for `x < 0`.
@inline(__always)
func logisticSigmoid(_ x: Double) -> Double {
    let exponential = Foundation.exp(-x.magnitude)
    return (x >= 0 ? 1 : exponential) / (1 + exponential)
}
