// Cairo's ARGB32 pixels as PNG scanlines with the "up" filter, for LossPlot's PNG encoder.
// Plain C: one pass per row, no dispatch (the loops are byte shuffles the compiler vectorizes).

#include <stdint.h>
#include <string.h>

#include "CKernels.h"

int losslab_pixels_are_opaque(const unsigned char *pixels, long stride, long width, long height) {
    for (long y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(pixels + y * stride);
        uint32_t all = 0xFF000000u;
        for (long x = 0; x < width; x++) all &= row[x];
        if ((all & 0xFF000000u) != 0xFF000000u) return 0;
    }
    return 1;
}

/// Cairo's conversion of a premultiplied ARGB pixel to straight RGBA bytes.
static void unpremultiply(uint32_t pixel, unsigned char *bytes) {
    uint32_t alpha = pixel >> 24;
    if (alpha == 0) {
        memset(bytes, 0, 4);
        return;
    }
    bytes[0] = (unsigned char)((((pixel >> 16) & 0xFF) * 255 + alpha / 2) / alpha);
    bytes[1] = (unsigned char)((((pixel >> 8) & 0xFF) * 255 + alpha / 2) / alpha);
    bytes[2] = (unsigned char)(((pixel & 0xFF) * 255 + alpha / 2) / alpha);
    bytes[3] = (unsigned char)alpha;
}

void losslab_png_up_filtered_rows(const unsigned char *pixels, long stride, long width, long height, int channels,
                                  unsigned char *scratch, unsigned char *output) {
    long rowBytes = width * channels;
    unsigned char *previous = scratch, *current = scratch + rowBytes;
    memset(previous, 0, (size_t)rowBytes);
    for (long y = 0; y < height; y++) {
        const uint32_t *source = (const uint32_t *)(pixels + y * stride);
        if (channels == 3) {
            for (long x = 0; x < width; x++) {
                uint32_t pixel = source[x];
                current[3 * x] = (unsigned char)(pixel >> 16);
                current[3 * x + 1] = (unsigned char)(pixel >> 8);
                current[3 * x + 2] = (unsigned char)pixel;
            }
        } else {
            for (long x = 0; x < width; x++) unpremultiply(source[x], current + 4 * x);
        }
        unsigned char *line = output + y * (rowBytes + 1);
        line[0] = 2;
        for (long i = 0; i < rowBytes; i++) line[1 + i] = (unsigned char)(current[i] - previous[i]);
        unsigned char *swap = previous;
        previous = current;
        current = swap;
    }
}
