// The compressed image data (the zlib stream of a PNG's IDAT chunk) of a Cairo ARGB32 image,
// filtered and deflated on two threads.
//
// Each half of the rows is filtered ("up") and deflated by its own thread with zlib's run-length
// strategy at level 1: after the "up" filter a figure's flat areas are runs of zero bytes, which
// that strategy codes at a fraction of the cost of a full match search. The first half ends with
// a sync flush (byte-aligned, not final), so the two raw deflate streams join into one; their
// Adler-32 checksums are combined (zlib's `adler32_combine`), as pigz does. The split point is
// fixed by the image's height, so the same pixels always give the same bytes.

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "CKernels.h"

/// One half of the image: its rows, where its compressed bytes go, and what came out.
typedef struct {
    const unsigned char *pixels;
    long stride, width, firstRow, endRow;
    int channels, isLast;
    unsigned char *output;
    long capacity, written;
    unsigned long adler;
    int failed;
} Part;

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

/// Row `y` of the image as PNG bytes (RGB or RGBA), before filtering.
static void convertRow(const Part *part, long y, unsigned char *bytes) {
    const uint32_t *source = (const uint32_t *)(part->pixels + y * part->stride);
    if (part->channels == 3) {
        for (long x = 0; x < part->width; x++) {
            uint32_t pixel = source[x];
            bytes[3 * x] = (unsigned char)(pixel >> 16);
            bytes[3 * x + 1] = (unsigned char)(pixel >> 8);
            bytes[3 * x + 2] = (unsigned char)pixel;
        }
    } else {
        for (long x = 0; x < part->width; x++) unpremultiply(source[x], bytes + 4 * x);
    }
}

static void *compressPart(void *argument) {
    Part *part = argument;
    long rowBytes = part->width * part->channels;
    unsigned char *buffer = malloc((size_t)(3 * rowBytes + 1));
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (buffer == NULL || deflateInit2(&stream, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
        free(buffer);
        part->failed = 1;
        return NULL;
    }
    unsigned char *previous = buffer, *current = buffer + rowBytes, *line = buffer + 2 * rowBytes;
    // The row above the first one: zeros for the image's first row, else the previous half's last.
    if (part->firstRow == 0) memset(previous, 0, (size_t)rowBytes);
    else convertRow(part, part->firstRow - 1, previous);
    stream.next_out = part->output;
    stream.avail_out = (uInt)part->capacity;
    unsigned long adler = adler32(0L, Z_NULL, 0);
    for (long y = part->firstRow; y < part->endRow && !part->failed; y++) {
        convertRow(part, y, current);
        line[0] = 2;
        for (long i = 0; i < rowBytes; i++) line[1 + i] = (unsigned char)(current[i] - previous[i]);
        adler = adler32(adler, line, (uInt)(rowBytes + 1));
        stream.next_in = line;
        stream.avail_in = (uInt)(rowBytes + 1);
        int flush = y + 1 < part->endRow ? Z_NO_FLUSH : (part->isLast ? Z_FINISH : Z_SYNC_FLUSH);
        int status = deflate(&stream, flush);
        int expected = flush == Z_FINISH ? Z_STREAM_END : Z_OK;
        if (stream.avail_in != 0 || status != expected) part->failed = 1;
        unsigned char *swap = previous;
        previous = current;
        current = swap;
    }
    part->written = (long)(stream.next_out - part->output);
    part->adler = adler;
    deflateEnd(&stream);
    free(buffer);
    return NULL;
}

long losslab_png_stream_bound(long width, long height, int channels) {
    long bytes = height * (width * channels + 1);
    // zlib's bound for stored blocks plus the header, the checksum and a sync flush per half.
    return bytes + bytes / 1000 * 5 + 64 + 2 * (height + 16) * 5 + 32;
}

long losslab_png_stream(const unsigned char *pixels, long stride, long width, long height, int channels,
                        unsigned char *output, long capacity) {
    if (width <= 0 || height <= 0 || capacity < 6) return -1;
    long split = height >= 64 ? height / 2 : height;
    long rowBytes = width * channels;
    Part first = {pixels, stride, width, 0, split, channels, split == height, output + 2, capacity - 6, 0, 0, 0};
    Part second = {pixels, stride, width, split, height, channels, 1, NULL, 0, 0, 0, 0};
    pthread_t thread;
    int threaded = 0;
    if (split < height) {
        second.capacity = (height - split) * (rowBytes + 1) + (height - split) * 5 + 1024;
        second.output = malloc((size_t)second.capacity);
        if (second.output == NULL) return -1;
        threaded = pthread_create(&thread, NULL, compressPart, &second) == 0;
    }
    compressPart(&first);
    if (split < height) {
        if (threaded) pthread_join(thread, NULL);
        else compressPart(&second);
    }
    long total = first.written + second.written;
    int failed = first.failed || second.failed || 2 + total + 4 > capacity;
    if (!failed && second.written > 0) memcpy(output + 2 + first.written, second.output, (size_t)second.written);
    free(second.output);
    if (failed) return -1;
    unsigned long adler = first.adler;
    if (split < height) adler = adler32_combine(first.adler, second.adler, (z_off_t)((height - split) * (rowBytes + 1)));
    output[0] = 0x78;  // deflate, 32 KiB window
    output[1] = 0x01;  // fastest level; 0x7801 is a multiple of 31, as the header check requires
    unsigned char *end = output + 2 + total;
    end[0] = (unsigned char)(adler >> 24);
    end[1] = (unsigned char)(adler >> 16);
    end[2] = (unsigned char)(adler >> 8);
    end[3] = (unsigned char)adler;
    return 2 + total + 4;
}

unsigned long losslab_crc32(unsigned long crc, const unsigned char *bytes, long count) {
    return crc32(crc, bytes, (uInt)count);
}
