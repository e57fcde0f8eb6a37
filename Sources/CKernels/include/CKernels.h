// LossKit's innermost loops in C, compiled for several x86-64 instruction sets (baseline SSE2,
// AVX2, AVX-512) and chosen once at run time for the processor at hand, as PyTorch does.
//
// Every level runs the same IEEE operations on each element in the same order (no fused
// multiply-add, sums taken in eight fixed running parts): wider registers only do more elements
// at once, so all levels give bit-for-bit the same results.

#ifndef LOSSLAB_CKERNELS_H
#define LOSSLAB_CKERNELS_H

#include <stdbool.h>

/// The buffers and constants of one Adam step (`torch.optim.Adam` / `AdamW`), per element `i`:
///
///     g = gradient[i] (+ weightDecay · θ[i] unless decoupled; θ[i] *= 1 − learningRate · weightDecay if decoupled)
///     m[i] = lerp(m[i], g, 1 − β₁)      (PyTorch's lerp, exact at both ends)
///     v[i] = v[i] · β₂ + (1 − β₂) · g · g
///     s = v[i], or with AMSGrad maximum[i] = max(maximum[i], v[i]) and s = maximum[i]
///     θ[i] += −stepSize · (m[i] / (√s / biasCorrection2Root + ε))
typedef struct {
    double *_Nonnull theta;
    const double *_Nonnull gradient;
    double *_Nonnull m;
    double *_Nonnull v;
    /// The running maximum of v for AMSGrad; NULL without it.
    double *_Nullable maximum;
    double beta1, beta2, epsilon, learningRate, weightDecay, stepSize, biasCorrection2Root;
    bool decoupledWeightDecay;
} LossLabAdamStep;

/// One row of the gradient of a loss that applies softmax to both the rows and the columns of a
/// matrix S (symmetric InfoNCE), per element `j` of the row:
///
///     gradient[j] = scale · (exp(row[j] − rowShift) · rowInverse + exp(row[j] − columnShifts[j]) · columnInverses[j])
typedef struct {
    const double *_Nonnull row;
    double rowShift, rowInverse;
    const double *_Nonnull columnShifts;
    const double *_Nonnull columnInverses;
    double scale;
    double *_Nonnull gradient;
} LossLabPairedSoftmaxRow;

/// One instruction-set level's versions of the kernels.
typedef struct {
    /// The level's name: "AVX-512", "AVX2", or "baseline" (SSE2 on x86-64).
    const char *_Nonnull name;
    /// The largest element of `values[0..<count]` (`count` ≥ 1); NaN elements may be skipped.
    double (*_Nonnull maximum)(const double *_Nonnull values, long count);
    /// Writes `exp(source[i] − shift)` to `destination[i]` for `i` in `0..<count` and returns
    /// their sum, taken in eight running parts (element `i` goes to part `i mod 8`) that are then
    /// added as ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)).
    double (*_Nonnull exponentials)(const double *_Nonnull source, double shift,
                                    double *_Nonnull destination, long count);
    /// `values[i] *= factor` for `i` in `0..<count`.
    void (*_Nonnull scale)(double *_Nonnull values, long count, double factor);
    /// `destination[i] = factor * source[i]` for `i` in `0..<count`.
    void (*_Nonnull scaledCopy)(const double *_Nonnull source, long count, double factor,
                                double *_Nonnull destination);
    /// One Adam step over `count` parameters, in place (see ``LossLabAdamStep``).
    void (*_Nonnull adam)(const LossLabAdamStep *_Nonnull step, long count);
    /// `maxima[j] = max(maxima[j], row[j])` for `j` in `0..<count` (NaN elements may be skipped).
    void (*_Nonnull columnMaxima)(const double *_Nonnull row, double *_Nonnull maxima, long count);
    /// `sums[j] += exp(row[j] − shifts[j])` for `j` in `0..<count`.
    void (*_Nonnull addColumnExponentials)(const double *_Nonnull row, const double *_Nonnull shifts,
                                           double *_Nonnull sums, long count);
    /// One row of a paired softmax gradient (see ``LossLabPairedSoftmaxRow``).
    void (*_Nonnull pairedSoftmaxGradient)(const LossLabPairedSoftmaxRow *_Nonnull row, long count);
} LossLabKernelTable;

/// The fastest kernels this processor can run (chosen once, on first use).
const LossLabKernelTable *_Nonnull losslab_kernels(void);

/// The kernels of one level, 0 (baseline: SSE2 on x86-64), 1 (AVX2) or 2 (AVX-512), or NULL
/// when this processor cannot run that level or this build does not have it. For tests that
/// compare the levels with each other.
const LossLabKernelTable *_Nullable losslab_kernels_at_level(int level);

/// Whether every pixel of a Cairo ARGB32 image (`stride` bytes per row) has alpha 255.
int losslab_pixels_are_opaque(const unsigned char *_Nonnull pixels, long stride, long width, long height);

/// The zlib stream of a PNG's image data for a Cairo ARGB32 image (`stride` bytes per row): per
/// row the filter byte 2 ("up") and each byte minus the byte above it, as RGB (`channels` 3, for
/// opaque images) or as RGBA un-premultiplied with Cairo's rounding (`channels` 4), deflated at
/// zlib's level 1 with its run-length strategy, the two halves of the rows on two threads. Writes
/// at most `capacity` bytes to `output` (`losslab_png_stream_bound` is always enough) and returns
/// how many, or -1 when they did not fit or memory ran out.
long losslab_png_stream(const unsigned char *_Nonnull pixels, long stride, long width, long height, int channels,
                        unsigned char *_Nonnull output, long capacity);

/// A size of `output` that `losslab_png_stream` never exceeds for an image of this size.
long losslab_png_stream_bound(long width, long height, int channels);

/// The CRC-32 of PNG chunks (zlib's `crc32`), continued from `crc` (0 to start).
unsigned long losslab_crc32(unsigned long crc, const unsigned char *_Nonnull bytes, long count);

#endif
