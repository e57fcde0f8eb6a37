// Writing a rendered figure as a PNG file, fast.
//
// Cairo's own PNG writer (libpng with zlib's default level and every row filter tried) took
// about 90% of the time of saving a figure: drawing a 1500×900 plot takes a few milliseconds,
// compressing its 5 MB of pixels ten times that. This encoder makes the same image with the
// "up" row filter and zlib's level 1 with its run-length strategy (flat areas of a figure become
// runs of zeros under that filter), the two halves of the rows on two threads; the C code is in
// Sources/CKernels/PNGStream.c. The pixels are exactly Cairo's: opaque figures are written as
// 8-bit RGB, images with any transparency as RGBA un-premultiplied with Cairo's own rounding.

internal import CCairo
internal import CKernels
import Synchronization

enum PNGEncoder {
    /// The bytes of a PNG file holding the pixels of an ARGB32 image surface.
    static func encode(_ surface: CairoSurface) throws(PlotError) -> [UInt8] {
        cairo_surface_flush(surface.pointer)
        let width = Int(cairo_image_surface_get_width(surface.pointer))
        let height = Int(cairo_image_surface_get_height(surface.pointer))
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        guard width > 0, height > 0, let pixels = cairo_image_surface_get_data(surface.pointer) else {
            throw PlotError(message: "Could not encode the figure as PNG: the image has no pixels.")
        }
        let opaque = losslab_pixels_are_opaque(pixels, stride, width, height) != 0
        let channels: Int32 = opaque ? 3 : 4
        let bound = losslab_png_stream_bound(width, height, channels)
        let buffer = Buffer.take(count: bound)
        defer { Buffer.giveBack(buffer) }
        let streamCount = buffer.bytes.withUnsafeMutableBufferPointer { stream -> Int in
            guard let start = stream.baseAddress else { return -1 }
            return losslab_png_stream(pixels, stride, width, height, channels, start, stream.count)
        }
        guard streamCount > 0 else {
            throw PlotError(message: "Could not encode the figure as PNG: out of memory.")
        }
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file.reserveCapacity(streamCount + 64)
        appendChunk("IHDR", header[...], to: &file)
        appendChunk("IDAT", buffer.bytes[..<streamCount], to: &file)
        appendChunk("IEND", [][...], to: &file)
        return file
    }

    /// The compressed stream's buffer, kept from one figure to the next: a fresh one costs a page
    /// fault for every 4 KiB of a multi-megabyte image. Used by one encoding at a time (taken out
    /// of ``spare`` and given back); a concurrent encoding makes its own.
    final class Buffer: @unchecked Sendable {
        var bytes: [UInt8]

        private init(count: Int) {
            bytes = [UInt8](repeating: 0, count: count)
        }

        /// The one kept buffer, when no encoding is using it.
        static let spare = Mutex<Buffer?>(nil)

        /// A buffer of at least `count` bytes: the kept one (grown when needed) or a new one.
        static func take(count: Int) -> Buffer {
            guard let kept = spare.withLock({ $0.take() }) else { return Buffer(count: count) }
            if kept.bytes.count < count { kept.bytes = [UInt8](repeating: 0, count: count) }
            return kept
        }

        /// Keeps `buffer` for the next figure (unless another one is kept already).
        static func giveBack(_ buffer: Buffer) {
            spare.withLock { kept in
                if kept == nil { kept = buffer }
            }
        }
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// A chunk: its length, its four-letter type, its data and the CRC-32 of type and data.
    static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to file: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &file)
        let typeBytes = Array(type.utf8)
        file += typeBytes
        file += data
        let checked = typeBytes + data  // never empty: the type has four letters
        let crc = checked.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { losslab_crc32(0, $0, bytes.count) } ?? 0
        }
        appendBigEndian(UInt32(crc), to: &file)
    }
}
