import Foundation

/// The Gaussian error linear unit, `GELU(x) = x·Φ(x) = x·(1 + erf(x/√2))/2`, with gradient
/// `Φ(x) + x·φ(x)`, where φ is the standard normal density (the exact form, PyTorch's default).
///
/// - Source: Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)", 2016.
public func gelu(_ x: Tensor) -> Tensor {
    let inverseRootTwo = 1 / 2.0.squareRoot()
    let values = x.scalars.map { $0 * 0.5 * (1 + erf($0 * inverseRootTwo)) }
    return Tensor.result(of: "gelu", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        [gradient * geluSlope(inputs[0])]
    }
}

/// The derivative of GELU, `Φ(x) + x·φ(x)`, as a recorded operation whose own derivative is
/// `φ(x)·(2 − x²)` (with `φ′(x) = −x·φ(x)`), so that GELU can be differentiated to any order.
func geluSlope(_ x: Tensor) -> Tensor {
    let inverseRootTwo = 1 / 2.0.squareRoot()
    let density = 1 / (2 * Double.pi).squareRoot()
    let slopes = x.scalars.map { value in
        0.5 * (1 + erf(value * inverseRootTwo)) + value * density * exp(-0.5 * value * value)
    }
    return Tensor.result(of: "gelu slope", shape: x.shape, scalars: slopes, inputs: [x]) { gradient, inputs in
        let x = inputs[0]
        return [gradient * (density * exp(-0.5 * x * x) * (2 - x * x))]
    }
}
