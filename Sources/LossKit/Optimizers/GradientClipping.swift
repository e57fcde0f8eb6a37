/// Scales all gradients together so that their global L2 norm is at most `maxNorm`, like
/// `torch.nn.utils.clip_grad_norm_`: `g ← g · min(1, maxNorm / (‖g‖ + 10⁻⁶))`.
///
/// - Returns: The global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Double) -> Double {
    checkPrecondition(maxNorm > 0, "clipGradientNorm needs a positive maxNorm, not \(maxNorm).")
    var sumOfSquares = 0.0
    for parameter in parameters {
        for value in parameter.grad?.scalars ?? [] { sumOfSquares += value * value }
    }
    let norm = sumOfSquares.squareRoot()
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for parameter in parameters {
            guard let gradient = parameter.grad else { continue }
            parameter.grad = Tensor(shape: gradient.shape, scalars: gradient.scalars.map { $0 * factor })
        }
    }
    return norm
}

/// Clamps every gradient element to `[−limit, limit]`, like `torch.nn.utils.clip_grad_value_`.
public func clipGradientValue(_ parameters: [Tensor], limit: Double) {
    checkPrecondition(limit >= 0, "clipGradientValue needs a limit of 0 or more, not \(limit).")
    for parameter in parameters {
        guard let gradient = parameter.grad else { continue }
        parameter.grad = Tensor(shape: gradient.shape, scalars: gradient.scalars.map { min(max($0, -limit), limit) })
    }
}
