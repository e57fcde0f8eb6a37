// The kernels' loops, written once with 8-lane vectors (Clang's vector extensions) and inlined
// into one copy per instruction-set level by Levels.c: on baseline x86-64 a vector of 8 doubles
// becomes four SSE2 registers, with AVX2 two, with AVX-512 one. The arithmetic on each element
// is the same at every level, so the results are too.
//
// Every file that includes this one must keep floating-point contraction off (no fused
// multiply-add): a fused a·b + c rounds once instead of twice and would make AVX2 results differ
// from SSE2 ones.

#ifndef LOSSLAB_KERNEL_BODIES_H
#define LOSSLAB_KERNEL_BODIES_H

#include <math.h>
#include <string.h>

#include "CKernels.h"

#define LANE_COUNT 8
typedef double Lanes __attribute__((vector_size(LANE_COUNT * sizeof(double))));
typedef long long LaneBits __attribute__((vector_size(LANE_COUNT * sizeof(double))));

#define INLINE_BODY static inline __attribute__((always_inline))

// Helpers below pass 8-lane vectors by value. Clang warns that such a call would pass them
// differently with and without AVX-512; every helper is always inlined, so no such call exists.
#pragma clang diagnostic ignored "-Wpsabi"

INLINE_BODY Lanes load_lanes(const double *source) {
    Lanes lanes;
    memcpy(&lanes, source, sizeof lanes);
    return lanes;
}

INLINE_BODY void store_lanes(double *destination, Lanes lanes) {
    memcpy(destination, &lanes, sizeof lanes);
}

/// `when ? yes : no` per lane, where `when` has all bits set or none in each lane.
INLINE_BODY Lanes select_lanes(LaneBits when, Lanes yes, Lanes no) {
    return (Lanes)((when & (LaneBits)yes) | (~when & (LaneBits)no));
}

/// The sum of the eight lanes, always in the same order.
INLINE_BODY double sum_lanes(Lanes parts) {
    return ((parts[0] + parts[1]) + (parts[2] + parts[3])) + ((parts[4] + parts[5]) + (parts[6] + parts[7]));
}

INLINE_BODY double maximum_body(const double *values, long count) {
    double best = values[0];
    long index = 0;
    if (count >= LANE_COUNT) {
        Lanes bests = load_lanes(values);
        for (index = LANE_COUNT; index + LANE_COUNT <= count; index += LANE_COUNT) {
            Lanes next = load_lanes(values + index);
            bests = select_lanes(next > bests, next, bests);
        }
        best = bests[0];
        for (int lane = 1; lane < LANE_COUNT; lane++) {
            if (bests[lane] > best) best = bests[lane];
        }
    }
    for (; index < count; index++) {
        if (values[index] > best) best = values[index];
    }
    return best;
}

/// exp(x) per lane: exp(x) = 2ⁿ · exp(r), n = round(x / ln 2), r = x − n·ln 2, with n·ln 2
/// subtracted in two parts (Cody and Waite, 1980) and exp(r) from its Taylor series up to r¹³
/// (the first term left out is below 2⁻⁵⁶ relative). Lanes outside [−708, 709], where 2ⁿ would
/// leave the normal range, and NaN lanes take the C library's exp.
INLINE_BODY Lanes exp_lanes(Lanes x) {
    // Round x / ln 2 to the nearest integer by adding and subtracting 1.5·2⁵²: the low bits of
    // the sum then hold n in two's complement.
    const double rounding = 6755399441055744.0;
    Lanes shifted = x * 1.4426950408889634 + rounding;
    Lanes n = shifted - rounding;
    Lanes r = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
    // Taylor series of exp(r) in Horner form, 1/13! down to 1.
    Lanes p = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // 2ⁿ: the exponent field is n + 1023, shifted into bits 52…62.
    LaneBits exponent = ((LaneBits)shifted + 1023) << 52;
    Lanes result = p * (Lanes)exponent;
    LaneBits inside = (x >= -708.0) & (x <= 709.0);
    if (__builtin_reduce_and(inside) != -1) {
        for (int lane = 0; lane < LANE_COUNT; lane++) {
            if (!inside[lane]) result[lane] = exp(x[lane]);
        }
    }
    return result;
}

INLINE_BODY double exponentials_body(const double *source, double shift, double *destination, long count) {
    Lanes parts = {0};
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        Lanes values = exp_lanes(load_lanes(source + index) - shift);
        store_lanes(destination + index, values);
        parts += values;
    }
    long rest = count - index;
    if (rest > 0) {
        // The last 1…7 elements, padded with `shift` (exp(0) = 1, kept out of the sum).
        Lanes padded = (Lanes){0} + shift;
        memcpy(&padded, source + index, (size_t)rest * sizeof(double));
        Lanes values = exp_lanes(padded - shift);
        memcpy(destination + index, &values, (size_t)rest * sizeof(double));
        const Lanes laneNumbers = {0, 1, 2, 3, 4, 5, 6, 7};
        parts += select_lanes(laneNumbers < (double)rest, values, (Lanes){0});
    }
    return sum_lanes(parts);
}

INLINE_BODY void scale_body(double *values, long count, double factor) {
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        store_lanes(values + index, load_lanes(values + index) * factor);
    }
    for (; index < count; index++) values[index] *= factor;
}

INLINE_BODY void scaled_copy_body(const double *source, long count, double factor, double *destination) {
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        store_lanes(destination + index, load_lanes(source + index) * factor);
    }
    for (; index < count; index++) destination[index] = source[index] * factor;
}

/// The first `count` (< 8) lanes from `source`, the rest `fill`.
INLINE_BODY Lanes load_partial(const double *source, long count, double fill) {
    Lanes lanes = (Lanes){0} + fill;
    memcpy(&lanes, source, (size_t)count * sizeof(double));
    return lanes;
}

INLINE_BODY void column_maxima_body(const double *row, double *maxima, long count) {
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        Lanes values = load_lanes(row + index), best = load_lanes(maxima + index);
        store_lanes(maxima + index, select_lanes(values > best, values, best));
    }
    for (; index < count; index++) {
        if (row[index] > maxima[index]) maxima[index] = row[index];
    }
}

INLINE_BODY void add_column_exponentials_body(const double *row, const double *shifts, double *sums, long count) {
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        Lanes values = exp_lanes(load_lanes(row + index) - load_lanes(shifts + index));
        store_lanes(sums + index, load_lanes(sums + index) + values);
    }
    long rest = count - index;
    if (rest > 0) {
        // Padded with zeros on both sides: exp(0 − 0) = 1 in the unused lanes, never stored.
        Lanes values = exp_lanes(load_partial(row + index, rest, 0) - load_partial(shifts + index, rest, 0));
        Lanes updated = load_partial(sums + index, rest, 0) + values;
        memcpy(sums + index, &updated, (size_t)rest * sizeof(double));
    }
}

INLINE_BODY void paired_softmax_gradient_body(const LossLabPairedSoftmaxRow *r, long count) {
    long index = 0;
    for (; index + LANE_COUNT <= count; index += LANE_COUNT) {
        Lanes values = load_lanes(r->row + index);
        Lanes byRow = exp_lanes(values - r->rowShift) * r->rowInverse;
        Lanes byColumn = exp_lanes(values - load_lanes(r->columnShifts + index)) * load_lanes(r->columnInverses + index);
        store_lanes(r->gradient + index, (byRow + byColumn) * r->scale);
    }
    long rest = count - index;
    if (rest > 0) {
        Lanes values = load_partial(r->row + index, rest, 0);
        Lanes byRow = exp_lanes(values - r->rowShift) * r->rowInverse;
        Lanes byColumn = exp_lanes(values - load_partial(r->columnShifts + index, rest, 0))
                         * load_partial(r->columnInverses + index, rest, 0);
        Lanes gradient = (byRow + byColumn) * r->scale;
        memcpy(r->gradient + index, &gradient, (size_t)rest * sizeof(double));
    }
}

/// One Adam step on elements `start..<end`, `W` = `Lanes` or `double`: the same expression per
/// element at both widths (see LossLabAdamStep).
#define ADAM_ELEMENTS(W, LOAD, STORE, SQRT, MAXIMUM, STEP)                                          \
    do {                                                                                           \
        W g = LOAD(s->gradient + i);                                                               \
        W theta = LOAD(s->theta + i);                                                              \
        if (s->weightDecay != 0) {                                                                 \
            if (s->decoupledWeightDecay) {                                                         \
                theta = theta * (1 - s->learningRate * s->weightDecay);                            \
            } else {                                                                               \
                g = g + s->weightDecay * theta;                                                    \
            }                                                                                      \
        }                                                                                          \
        W m = LOAD(s->m + i);                                                                      \
        m = lerpBelowHalf ? m + weight * (g - m) : g - (g - m) * (1 - weight);                     \
        STORE(s->m + i, m);                                                                        \
        W v = LOAD(s->v + i) * s->beta2 + (1 - s->beta2) * g * g;                                  \
        STORE(s->v + i, v);                                                                        \
        W second = v;                                                                              \
        if (s->maximum) {                                                                          \
            second = MAXIMUM(LOAD(s->maximum + i), v);                                             \
            STORE(s->maximum + i, second);                                                         \
        }                                                                                          \
        W denominator = SQRT(second) / s->biasCorrection2Root + s->epsilon;                        \
        STORE(s->theta + i, theta + -s->stepSize * (m / denominator));                             \
        i += STEP;                                                                                 \
    } while (0)

INLINE_BODY double load_one(const double *source) { return *source; }
INLINE_BODY void store_one(double *destination, double value) { *destination = value; }
/// Swift's max(a, b): b >= a ? b : a.
INLINE_BODY double maximum_one(double a, double b) { return b >= a ? b : a; }
INLINE_BODY Lanes maximum_lanes(Lanes a, Lanes b) { return select_lanes(b >= a, b, a); }

INLINE_BODY void adam_body(const LossLabAdamStep *s, long count) {
    const double weight = 1 - s->beta1;
    const int lerpBelowHalf = weight < 0.5;
    long i = 0;
    while (i + LANE_COUNT <= count) {
        ADAM_ELEMENTS(Lanes, load_lanes, store_lanes, __builtin_elementwise_sqrt, maximum_lanes, LANE_COUNT);
    }
    while (i < count) {
        ADAM_ELEMENTS(double, load_one, store_one, __builtin_sqrt, maximum_one, 1);
    }
}

#endif
