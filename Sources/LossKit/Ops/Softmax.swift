// Softmax, log-softmax and log-sum-exp along a dimension, computed stably.
//
// exp overflows for inputs above about 709, so each lane first subtracts its maximum m:
// logSumExp(x) = m + log(Σ exp(xᵢ − m)). The largest shifted value is exp(0) = 1, so nothing
// overflows, and the result is exact in exact arithmetic because the shift cancels.

import Foundation

/// Turns each lane along `dim` into probabilities: positive numbers that add up to 1.
///
/// `softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)`, computed as `exp(xᵢ − m) / Σⱼ exp(xⱼ − m)` with `m` the
/// lane's maximum, so that large inputs (say 1000) do not overflow.
/// The gradient is `yᵢ · (gᵢ − Σⱼ gⱼ yⱼ)` for output `y` and incoming gradient `g`.
///
/// - Parameters:
///   - x: The scores (logits), of any shape with at least one dimension.
///   - dim: The dimension that holds the scores of one distribution, usually `-1` (the classes).
/// - Returns: A tensor with the shape of `x` whose lanes along `dim` add up to 1.
public func softmax(_ x: Tensor, dim: Int) -> Tensor {
    let dimension = x.normalizedDimension(dim, operationName: "softmax")
    let lanes = Lanes(shape: x.shape, dimension: dimension)
    let probabilities = shiftedExponentials(of: x, lanes: lanes) { output, _, start, _, total in
        for step in 0..<lanes.length {
            output[start + step * lanes.stride] /= total
        }
    }
    return Tensor.result(of: "softmax", shape: x.shape, scalars: probabilities, inputs: [x]) { gradient, _ in
        // Per lane: gᵢ − Σⱼ gⱼ yⱼ, then times yᵢ.
        let incoming = gradient.scalars
        var inputGradient = [Double](repeating: 0, count: probabilities.count)
        for lane in 0..<lanes.count {
            let start = lanes.start(of: lane)
            var weighted = 0.0
            for step in 0..<lanes.length {
                let index = start + step * lanes.stride
                weighted += incoming[index] * probabilities[index]
            }
            for step in 0..<lanes.length {
                let index = start + step * lanes.stride
                inputGradient[index] = probabilities[index] * (incoming[index] - weighted)
            }
        }
        return [Tensor(shape: gradient.shape, storage: inputGradient, requiresGrad: false, gradientFunction: nil)]
    } differentiableBackward: { gradient, _, output in
        [output * (gradient - (gradient * output).sum(dim: dimension, keepDims: true))]
    }
}

/// The logarithm of ``softmax(_:dim:)``, computed without ever taking the log of a tiny number.
///
/// `logSoftmax(x)ᵢ = xᵢ − logSumExp(x) = (xᵢ − m) − log Σⱼ exp(xⱼ − m)`, with `m` the lane's maximum.
/// Use it (rather than `log(softmax(x, dim:))`) before a negative log-likelihood: for very
/// negative scores softmax underflows to 0 and its log to −∞, while this stays finite.
/// The gradient is `gᵢ − softmax(x)ᵢ · Σⱼ gⱼ`.
///
/// - Parameters:
///   - x: The scores (logits), of any shape with at least one dimension.
///   - dim: The dimension that holds the scores of one distribution, usually `-1`.
/// - Returns: Log-probabilities with the shape of `x`; `exp` of each lane adds up to 1.
public func logSoftmax(_ x: Tensor, dim: Int) -> Tensor {
    let dimension = x.normalizedDimension(dim, operationName: "logSoftmax")
    let lanes = Lanes(shape: x.shape, dimension: dimension)
    let logProbabilities = shiftedExponentials(of: x, lanes: lanes) { output, input, start, shift, total in
        let logTotal = log(total)
        for step in 0..<lanes.length {
            let index = start + step * lanes.stride
            output[index] = input[index] - shift - logTotal
        }
    }
    return Tensor.result(of: "logSoftmax", shape: x.shape, scalars: logProbabilities, inputs: [x]) { gradient, _ in
        let incoming = gradient.scalars
        var inputGradient = [Double](repeating: 0, count: logProbabilities.count)
        for lane in 0..<lanes.count {
            let start = lanes.start(of: lane)
            var gradientTotal = 0.0
            for step in 0..<lanes.length {
                gradientTotal += incoming[start + step * lanes.stride]
            }
            for step in 0..<lanes.length {
                let index = start + step * lanes.stride
                inputGradient[index] = incoming[index] - exp(logProbabilities[index]) * gradientTotal
            }
        }
        return [Tensor(shape: gradient.shape, storage: inputGradient, requiresGrad: false, gradientFunction: nil)]
    } differentiableBackward: { gradient, _, output in
        [gradient - exp(output) * gradient.sum(dim: dimension, keepDims: true)]
    }
}

/// The logarithm of the sum of exponentials of each lane along `dim`: a smooth maximum.
///
/// `logSumExp(x) = log Σᵢ exp(xᵢ) = m + log Σᵢ exp(xᵢ − m)`, with `m` the lane's maximum, so that
/// large inputs (say 1000) do not overflow. It lies between `max(x)` and `max(x) + log(n)`.
/// As in PyTorch, a lane whose maximum is infinite uses no shift: all `−∞` gives `−∞`, and any
/// `+∞` gives `+∞`. The gradient is `g · softmax(x)`.
///
/// - Parameters:
///   - x: A tensor with at least one dimension.
///   - dim: The dimension to reduce. Negative values count from the end.
///   - keepDims: If `true`, the reduced dimension stays in the shape with size 1.
/// - Returns: One value per lane, with `dim` removed (or set to 1 when `keepDims` is `true`).
public func logSumExp(_ x: Tensor, dim: Int, keepDims: Bool = false) -> Tensor {
    let dimension = x.normalizedDimension(dim, operationName: "logSumExp")
    let lanes = Lanes(shape: x.shape, dimension: dimension)
    var output = [Double](repeating: 0, count: lanes.count)
    x.scalars.withUnsafeBufferPointer { input in
        for lane in 0..<lanes.count {
            let start = lanes.start(of: lane)
            var shift = lanes.length > 0 ? laneMaximum(input, start: start, lanes: lanes) : 0
            if shift.isInfinite {
                shift = 0
            }
            var total = 0.0
            for step in 0..<lanes.length {
                total += exp(input[start + step * lanes.stride] - shift)
            }
            output[lane] = shift + log(total)
        }
    }
    var shape = x.shape
    if keepDims {
        shape[dimension] = 1
    } else {
        shape.remove(at: dimension)
    }
    let results = output
    return Tensor.result(of: "logSumExp", shape: shape, scalars: output, inputs: [x]) { gradient, inputs in
        // ∂/∂xᵢ = exp(xᵢ − logSumExp(x)) = softmax(x)ᵢ
        let values = inputs[0].scalars
        let incoming = gradient.scalars
        var inputGradient = [Double](repeating: 0, count: values.count)
        for lane in 0..<lanes.count {
            let start = lanes.start(of: lane)
            for step in 0..<lanes.length {
                let index = start + step * lanes.stride
                inputGradient[index] = incoming[lane] * exp(values[index] - results[lane])
            }
        }
        return [Tensor(shape: inputs[0].shape, storage: inputGradient, requiresGrad: false, gradientFunction: nil)]
    } differentiableBackward: { gradient, inputs, _ in
        var keptShape = inputs[0].shape
        keptShape[dimension] = 1
        return [gradient.reshaped(to: keptShape) * softmax(inputs[0], dim: dimension)]
    }
}

/// The forward pass shared by softmax and log-softmax: for each non-empty lane, writes
/// `exp(xᵢ − m)` (with `m` the lane's maximum) to the output and their sum `total`, then lets
/// `finish(output, input, start, m, total)` turn the lane into its final values.
private func shiftedExponentials(
    of x: Tensor, lanes: Lanes,
    _ finish: (UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>, Int, Double, Double) -> Void
) -> [Double] {
    var output = [Double](repeating: 0, count: x.count)
    x.scalars.withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { output in
            for lane in 0..<(lanes.length > 0 ? lanes.count : 0) {
                let start = lanes.start(of: lane)
                let shift = laneMaximum(input, start: start, lanes: lanes)
                var total = 0.0
                for step in 0..<lanes.length {
                    let index = start + step * lanes.stride
                    let exponential = exp(input[index] - shift)
                    output[index] = exponential
                    total += exponential
                }
                finish(output, input, start, shift, total)
            }
        }
    }
    return output
}

/// The largest element of one lane (NaN if the lane holds a NaN). The lane must not be empty.
@inline(__always)
private func laneMaximum(_ input: UnsafeBufferPointer<Double>, start: Int, lanes: Lanes) -> Double {
    var best = input[start]
    for step in 1..<lanes.length {
        let value = input[start + step * lanes.stride]
        if replacesMaximum(value, best) {
            best = value
        }
    }
    return best
}
