// The p-norm of a vector, `‖v‖_p = (Σ |v_k|^p)^(1/p)`, and its derivative, shared by
// `normalized(dim:p:eps:)`, `cdist` and `pairwiseDistance`.
//
// p = 2 (Euclidean) and p = 1 (Manhattan) avoid `pow`. The derivative of the norm is
// `∂‖v‖_p/∂v_k = sign(v_k) |v_k|^(p−1) / ‖v‖_p^(p−1)`, taken as 0 where the norm is 0,
// which is PyTorch's convention (a subgradient at the kink).

import Foundation

/// The p-norm for one value of p, with fast paths for p = 1 and p = 2.
struct VectorNorm {
    /// The exponent p, at least 1 and finite.
    let p: Double

    /// Checks `p` and stops with a message naming `operation` when it is not supported.
    init(p: Double, operation: String) {
        checkPrecondition(
            p >= 1 && p.isFinite,
            "\(operation) supports finite p ≥ 1 (p = 2 is the Euclidean norm, p = 1 the Manhattan norm), but got p = \(p)."
        )
        self.p = p
    }

    /// `|value|^p`, one term of the sum inside the norm.
    @inline(__always)
    func term(_ value: Double) -> Double {
        if p == 2 { return value * value }
        if p == 1 { return abs(value) }
        return pow(abs(value), p)
    }

    /// The norm from the sum of the terms: `sum^(1/p)`.
    @inline(__always)
    func root(_ sum: Double) -> Double {
        if p == 2 { return sum.squareRoot() }
        if p == 1 { return sum }
        return pow(sum, 1 / p)
    }

    /// `∂‖v‖_p/∂v_k` for the component `value = v_k` of a vector whose norm is `norm`; 0 when the norm is 0.
    @inline(__always)
    func derivative(_ value: Double, norm: Double) -> Double {
        guard norm > 0 else { return 0 }
        if p == 2 { return value / norm }
        let sign: Double = value > 0 ? 1 : (value < 0 ? -1 : 0)
        if p == 1 { return sign }
        return sign * pow(abs(value) / norm, p - 1)
    }
}

extension Tensor {
    /// The p-norm of every vector along `dimension` (a valid, non-negative dimension), as a
    /// recorded operation: `‖v‖_p = (Σ |v_k|^p)^(1/p)`, with the dimension kept with size 1 or removed.
    ///
    /// Its gradient is `sign(v_k) |v_k|^(p−1) / ‖v‖_p^(p−1)` (for p = 2, `v_k / ‖v‖`), and 0 for a
    /// vector whose norm is 0, the convention of ``VectorNorm/derivative(_:norm:)``. The
    /// differentiable rule keeps every division away from that zero, so that no NaN enters the
    /// graph. The composed formulas of `normalized`, `cdist` and `pairwiseDistance` use it.
    func vectorNorm(along dimension: Int, p: Double, keepDims: Bool) -> Tensor {
        let norm = VectorNorm(p: p, operation: "vectorNorm(p: \(p))")
        let layout = VectorLayout(shape: shape, dimension: dimension)
        let norms = scalars.withUnsafeBufferPointer { layout.norms($0, norm) }
        var keptShape = shape
        keptShape[dimension] = 1
        var resultShape = shape
        if keepDims {
            resultShape[dimension] = 1
        } else {
            resultShape.remove(at: dimension)
        }
        return Tensor.result(of: "vector norm", shape: resultShape, scalars: norms, inputs: [self]) { gradient, inputs in
            let values = inputs[0].scalars
            let incoming = gradient.scalars
            var inputGradient = [Double](repeating: 0, count: values.count)
            for outer in 0..<layout.outerCount {
                for step in 0..<layout.size {
                    let start = (outer * layout.size + step) * layout.innerCount
                    for inner in 0..<layout.innerCount {
                        let vector = outer * layout.innerCount + inner
                        inputGradient[start + inner] = incoming[vector] * norm.derivative(values[start + inner], norm: norms[vector])
                    }
                }
            }
            return [.untracked(shape: inputs[0].shape, inputGradient)]
        } differentiableBackward: { gradient, inputs, output in
            let x = inputs[0]
            let keptNorm = output.reshaped(to: keptShape)
            let positive = Tensor.plain(norms.map { $0 > 0 ? 1 : 0 }, shape: keptShape)
            let safeNorm = Tensor.where(positive, keptNorm, 1)
            let slope: Tensor
            if p == 2 {
                slope = x / safeNorm
            } else if p == 1 {
                slope = sign(x)
            } else {
                slope = sign(x) * pow(abs(x) / safeNorm, p - 1)
            }
            return [Tensor.where(positive, gradient.reshaped(to: keptShape) * slope, 0)]
        }
    }
}
