// One copy of every kernel per instruction-set level, and the choice of level at run time.

#pragma STDC FP_CONTRACT OFF

#include <stdlib.h>

#include "KernelBodies.h"

#define DEFINE_LEVEL(suffix, label, attributes)                                                         \
    attributes static double maximum_##suffix(const double *values, long count) {                       \
        return maximum_body(values, count);                                                             \
    }                                                                                                   \
    attributes static double exponentials_##suffix(const double *source, double shift,                  \
                                                   double *destination, long count) {                   \
        return exponentials_body(source, shift, destination, count);                                    \
    }                                                                                                   \
    attributes static void scale_##suffix(double *values, long count, double factor) {                  \
        scale_body(values, count, factor);                                                              \
    }                                                                                                   \
    attributes static void scaled_copy_##suffix(const double *source, long count, double factor,        \
                                                double *destination) {                                  \
        scaled_copy_body(source, count, factor, destination);                                           \
    }                                                                                                   \
    attributes static void adam_##suffix(const LossLabAdamStep *step, long count) {                     \
        adam_body(step, count);                                                                         \
    }                                                                                                   \
    attributes static void column_maxima_##suffix(const double *row, double *maxima, long count) {      \
        column_maxima_body(row, maxima, count);                                                         \
    }                                                                                                   \
    attributes static void add_column_exponentials_##suffix(const double *row, const double *shifts,    \
                                                            double *sums, long count) {                 \
        add_column_exponentials_body(row, shifts, sums, count);                                         \
    }                                                                                                   \
    attributes static void paired_softmax_gradient_##suffix(const LossLabPairedSoftmaxRow *row,         \
                                                            long count) {                               \
        paired_softmax_gradient_body(row, count);                                                       \
    }                                                                                                   \
    static const LossLabKernelTable kernels_##suffix = {                                                \
        label, maximum_##suffix, exponentials_##suffix, scale_##suffix, scaled_copy_##suffix,            \
        adam_##suffix, column_maxima_##suffix, add_column_exponentials_##suffix,                         \
        paired_softmax_gradient_##suffix,                                                               \
    };

DEFINE_LEVEL(baseline, "baseline", )
#if defined(__x86_64__)
DEFINE_LEVEL(avx2, "AVX2", __attribute__((target("avx2"))))
DEFINE_LEVEL(avx512, "AVX-512", __attribute__((target("avx512f"))))
#endif

const LossLabKernelTable *losslab_kernels_at_level(int level) {
    switch (level) {
    case 0:
        return &kernels_baseline;
#if defined(__x86_64__)
    case 1:
        return __builtin_cpu_supports("avx2") ? &kernels_avx2 : NULL;
    case 2:
        return __builtin_cpu_supports("avx512f") ? &kernels_avx512 : NULL;
#endif
    default:
        return NULL;
    }
}

/// The highest level this processor runs, or the one LOSSLAB_KERNEL_LEVEL asks for (0, 1 or 2,
/// lowered to what the processor runs), for comparing levels in benchmarks.
static const LossLabKernelTable *choose_kernels(void) {
    int level = 2;
    const char *requested = getenv("LOSSLAB_KERNEL_LEVEL");
    if (requested && requested[0] >= '0' && requested[0] <= '2' && requested[1] == 0) level = requested[0] - '0';
    for (; level > 0; level--) {
        const LossLabKernelTable *kernels = losslab_kernels_at_level(level);
        if (kernels) return kernels;
    }
    return &kernels_baseline;
}

const LossLabKernelTable *losslab_kernels(void) {
    static const LossLabKernelTable *chosen;
    const LossLabKernelTable *kernels = __atomic_load_n(&chosen, __ATOMIC_ACQUIRE);
    if (!kernels) {
        kernels = choose_kernels();
        __atomic_store_n(&chosen, kernels, __ATOMIC_RELEASE);
    }
    return kernels;
}
