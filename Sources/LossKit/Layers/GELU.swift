import Foundation

/// The Gaussian error linear unit, `GELU(x) = x·Φ(x) = x·(1 + erf(x/√2))/2`, with gradient
/// `Φ(x) + x·φ(x)`, where φ is the standard normal density (the exact form, PyTorch's default).
///
/// - Source: Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)", 2016.
public func gelu(_ x: Tensor) -> Tensor {
    let inverseRootTwo = 1 / 2.0.squareRoot()
    let values = x.scalars.map { $0 * 0.5 * (1 + erf($0 * inverseRootTwo)) }
    return Tensor.result(of: "gelu", shape: x.shape, scalars: values, inputs: [x]) { gradient, inputs in
        let density = 1 / (2 * Double.pi).squareRoot()
        let slopes = inputs[0].scalars.map { value in
            0.5 * (1 + erf(value * inverseRootTwo)) + value * density * exp(-0.5 * value * value)
        }
        return [gradient * Tensor(shape: inputs[0].shape, scalars: slopes)]
    }
}
