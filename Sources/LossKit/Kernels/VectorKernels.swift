// Fast path of the inner loops of the fused cross-entropy (a row's maximum, its exponentials and
// their sum, scaling), of InfoNCE's column softmaxes and of the Adam step, in C (Sources/CKernels).
// Plain formula: `Foundation.exp` per element and a running sum; Adam's update as written in
//   Optimizers/Adam.swift.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "the vectorized exponential is within
//   4e-16 relative of Foundation.exp … at every level" (not bit for bit: listed in README.md), and
//   "every instruction-set level … gives bit-for-bit the same maxima, exponentials, sums, scalings
//   and Adam steps" (Adam also bit for bit against the Swift formula).
//
// They are written in C (Sources/CKernels) because C can compile one function several times for
// different instruction sets and pick one when the program starts: baseline x86-64 code uses
// 2-lane SSE2 registers, while most processors of the last decade run 4-lane AVX2 or 8-lane
// AVX-512, as PyTorch's kernels do. Swift code is compiled for one instruction set only.
//
// Every level computes each element with the same IEEE operations in the same order (no fused
// multiply-add; sums in eight fixed running parts), so the results are bit-for-bit the same
// whichever level runs, and rows split over threads (ParallelRows) do not change them either.
//
// The exponential: exp(x) = 2ⁿ · exp(r), n = round(x / ln 2), r = x − n·ln 2 ∈ [−ln2/2, ln2/2],
// with n·ln 2 subtracted in two parts (Cody and Waite, 1980) so that r keeps full precision, and
// exp(r) from its Taylor series up to r¹³ (the first term left out is below 2⁻⁵⁶ relative). 2ⁿ is
// built directly from its exponent bits. The result is within a few units in the last place of
// `Foundation.exp`; inputs outside [−708, 709] and NaN take the C library's `exp`.

internal import CKernels

/// The C kernels chosen for this processor, with Swift signatures.
enum VectorKernels {
    /// The fastest level this processor runs (`LOSSLAB_KERNEL_LEVEL=0`, `1` or `2` asks for a
    /// lower one, to compare them in benchmarks).
    static let best = Level(table: losslab_kernels().pointee)

    /// Every level this processor runs, baseline first: for tests that compare them.
    static let available: [Level] = (0...2).compactMap { level in
        losslab_kernels_at_level(Int32(level)).map { Level(table: $0.pointee) }
    }

    /// One instruction-set level's kernels.
    struct Level: @unchecked Sendable {
        let table: LossLabKernelTable

        /// "AVX-512", "AVX2" or "baseline".
        var name: String { String(cString: table.name) }

        /// The largest of `count` ≥ 1 values (a NaN among them may be skipped).
        @inline(__always)
        func maximum(of values: UnsafePointer<Double>, count: Int) -> Double {
            table.maximum(values, count)
        }

        /// Writes `exp(source[i] − shift)` to `destination[i]` for `i` in `0..<count` and returns
        /// their sum, always added in the same order.
        @inline(__always)
        func exponentials(
            of source: UnsafePointer<Double>, minus shift: Double, into destination: UnsafeMutablePointer<Double>, count: Int
        ) -> Double {
            table.exponentials(source, shift, destination, count)
        }

        /// `values[i] *= factor` for `i` in `0..<count`.
        @inline(__always)
        func scale(_ values: UnsafeMutablePointer<Double>, count: Int, by factor: Double) {
            table.scale(values, count, factor)
        }

        /// `maxima[j] = max(maxima[j], row[j])` for `j` in `0..<count`.
        @inline(__always)
        func updateColumnMaxima(_ maxima: UnsafeMutablePointer<Double>, with row: UnsafePointer<Double>, count: Int) {
            table.columnMaxima(row, maxima, count)
        }

        /// `sums[j] += exp(row[j] − shifts[j])` for `j` in `0..<count`.
        @inline(__always)
        func addColumnExponentials(
            of row: UnsafePointer<Double>, minus shifts: UnsafePointer<Double>, to sums: UnsafeMutablePointer<Double>, count: Int
        ) {
            table.addColumnExponentials(row, shifts, sums, count)
        }

        /// `gradient[j] = scale · (exp(row[j] − rowShift) · rowInverse + exp(row[j] − columnShifts[j]) · columnInverses[j])`
        /// for `j` in `0..<count`: a row's softmax plus each column's, scaled.
        @inline(__always)
        func pairedSoftmax(
            row: UnsafePointer<Double>, rowShift: Double, rowInverse: Double, columnShifts: UnsafePointer<Double>,
            columnInverses: UnsafePointer<Double>, scale: Double, into gradient: UnsafeMutablePointer<Double>, count: Int
        ) {
            var arguments = LossLabPairedSoftmaxRow(
                row: row, rowShift: rowShift, rowInverse: rowInverse, columnShifts: columnShifts,
                columnInverses: columnInverses, scale: scale, gradient: gradient)
            table.pairedSoftmaxGradient(&arguments, count)
        }

        /// `destination[i] = factor · source[i]` for `i` in `0..<count`.
        @inline(__always)
        func scaledCopy(of source: UnsafePointer<Double>, count: Int, by factor: Double, into destination: UnsafeMutablePointer<Double>) {
            table.scaledCopy(source, count, factor, destination)
        }
    }
}

extension VectorKernels.Level {
    /// The constants of one Adam step; see ``adamStep(theta:gradient:m:v:maximum:count:constants:)``.
    struct AdamConstants {
        var beta1, beta2, epsilon, learningRate, weightDecay: Double
        /// `learningRate / (1 − β₁ᵗ)`.
        var stepSize: Double
        /// `√(1 − β₂ᵗ)`.
        var biasCorrection2Root: Double
        var decoupledWeightDecay: Bool
    }

    /// One Adam step on `count` parameters in place, per element exactly as ``Adam/step()``
    /// describes: the weight decay, the moments `m` and `v`, AMSGrad's running `maximum` of `v`
    /// (when given), and the parameter `theta`.
    @inline(__always)
    func adamStep(
        theta: UnsafeMutablePointer<Double>, gradient: UnsafePointer<Double>, m: UnsafeMutablePointer<Double>,
        v: UnsafeMutablePointer<Double>, maximum: UnsafeMutablePointer<Double>?, count: Int, constants c: AdamConstants
    ) {
        var step = LossLabAdamStep(
            theta: theta, gradient: gradient, m: m, v: v, maximum: maximum, beta1: c.beta1, beta2: c.beta2,
            epsilon: c.epsilon, learningRate: c.learningRate, weightDecay: c.weightDecay, stepSize: c.stepSize,
            biasCorrection2Root: c.biasCorrection2Root, decoupledWeightDecay: c.decoupledWeightDecay)
        table.adam(&step, count)
    }
}
