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
