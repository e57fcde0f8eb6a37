// Fast path of `exp` inside the fused cross-entropy (CrossEntropyRows.swift; SIMD, four lanes).
// Plain formula: `Foundation.exp(x)` for each x.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "the vectorized exponential is
//   within 4e-16 relative of Foundation.exp over −745…710 and exact at the edges". Not bit for
//   bit (a few units in the last place): one of the exceptions listed in Sources/LossKit/README.md.
//
// A vectorized exponential for the hot loops of softmax and cross-entropy.
//
// `Foundation.exp` computes one value per call. Softmax over [4096, 1000] logits calls it four
// million times, and those calls were most of the time of a cross-entropy step. This version
// computes four values at once with SIMD arithmetic, using the textbook method:
//
//   exp(x) = 2ⁿ · exp(r),   n = round(x / ln 2),   r = x − n·ln 2 ∈ [−ln2/2, ln2/2]
//
// with n·ln 2 subtracted in two parts (Cody and Waite, 1980) so that r keeps full precision, and
// exp(r) from its Taylor series up to r¹³ (the first term left out is below 2⁻⁵⁶ relative).
// 2ⁿ is built directly from its exponent bits. The result is within a few units in the last
// place of `Foundation.exp`; inputs outside [−708, 709] (where 2ⁿ would leave the normal range)
// and NaN fall back to `Foundation.exp`, so every input gets the same answer as before, up to
// those last-place differences.

import Foundation

enum VectorExp {
    /// exp of four values at once.
    @inline(__always)
    static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let inRange = (x .>= -708) .& (x .<= 709)
        guard all(inRange) else {
            return SIMD4(Foundation.exp(x[0]), Foundation.exp(x[1]), Foundation.exp(x[2]), Foundation.exp(x[3]))
        }
        // Round x / ln 2 to the nearest integer by adding and subtracting 1.5·2⁵²: the low bits of
        // the sum then hold n in two's complement.
        let roundingMagic = SIMD4<Double>(repeating: 6755399441055744.0)
        let shifted = x * 1.4426950408889634 + roundingMagic
        let n = shifted - roundingMagic
        let r = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10
        // Taylor series of exp(r) in Horner form, 1/13! down to 1.
        var p = SIMD4<Double>(repeating: 1.0 / 6227020800.0)
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        // 2ⁿ: the exponent field is n + 1023, shifted into bits 52…62.
        let exponentBits = (unsafeBitCast(shifted, to: SIMD4<Int64>.self) &+ 1023) &<< 52
        return p * unsafeBitCast(exponentBits, to: SIMD4<Double>.self)
    }

    /// Writes `exp(source[i] − shift)` to `destination[i]` for `i` in `0..<count` and returns
    /// their sum. The sum is taken in four running parts, always in the same order.
    @inline(__always)
    static func exponentials(
        of source: UnsafePointer<Double>, minus shift: Double, into destination: UnsafeMutablePointer<Double>, count: Int
    ) -> Double {
        var partial = SIMD4<Double>.zero
        var index = 0
        while index + 4 <= count {
            let values = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD4<Double>.self)
            let exponentials = exp(values - shift)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: exponentials, as: SIMD4<Double>.self)
            partial += exponentials
            index += 4
        }
        var total = partial.sum()
        while index < count {
            let exponential = Foundation.exp(source[index] - shift)
            destination[index] = exponential
            total += exponential
            index += 1
        }
        return total
    }
}
