// Writing a rendered figure as a PNG file, fast.
//
// Cairo's own PNG writer (libpng with zlib's default level and every row filter tried) took
// about 90% of the time of saving a figure: drawing a 1500×900 plot takes a few milliseconds,
// compressing its 5 MB of pixels ten times that. This encoder makes the same image with
// libdeflate at level 1 and the "up" row filter, which is 5-7 times cheaper and leaves files
// 0-15% larger. The pixels are exactly Cairo's: opaque figures are written as 8-bit RGB, and
// images with any transparency as RGBA un-premultiplied with Cairo's own rounding (the pixel
// loops are C, in Sources/CKernels/PNGRows.c).

internal import CCairo
internal import CDeflate
internal import CKernels
import Synchronization

enum PNGEncoder {
    /// The libdeflate compression level: 1 is the fastest (see the file comment).
    static let compressionLevel: Int32 = 1

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
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        let workspace = try Workspace.take()
        defer { Workspace.giveBack(workspace) }
        let filteredCount = (rowBytes + 1) * height
        let bound = libdeflate_zlib_compress_bound(workspace.compressor, filteredCount)
        workspace.reserve(filtered: filteredCount, scratch: 2 * rowBytes, compressed: bound)
        let compressedCount = workspace.filtered.withUnsafeMutableBufferPointer { filtered in
            workspace.scratch.withUnsafeMutableBufferPointer { scratch in
                workspace.compressed.withUnsafeMutableBufferPointer { compressed -> Int in
                    guard let filtered = filtered.baseAddress, let scratch = scratch.baseAddress else { return 0 }
                    losslab_png_up_filtered_rows(pixels, stride, width, height, Int32(channels), scratch, filtered)
                    return libdeflate_zlib_compress(workspace.compressor, filtered, filteredCount, compressed.baseAddress, bound)
                }
            }
        }
        guard compressedCount > 0 else {
            throw PlotError(message: "Could not encode the figure as PNG: the compressor ran out of room.")
        }
        let compressed = Array(workspace.compressed[..<compressedCount])
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file.reserveCapacity(compressed.count + 64)
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", compressed, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// A compressor and buffers kept from one figure to the next: fresh ones cost a page fault
    /// for every 4 KiB of a multi-megabyte image, a tenth of the encoding time. Used by one
    /// encoding at a time (taken out of ``spare`` and given back); a concurrent encoding makes its own.
    final class Workspace: @unchecked Sendable {
        let compressor: OpaquePointer
        var filtered: [UInt8] = []
        var scratch: [UInt8] = []
        var compressed: [UInt8] = []

        /// The one kept workspace, when no encoding is using it.
        static let spare = Mutex<Workspace?>(nil)

        private init(compressor: OpaquePointer) {
            self.compressor = compressor
        }

        deinit {
            libdeflate_free_compressor(compressor)
        }

        /// The kept workspace, or a new one when it is in use.
        static func take() throws(PlotError) -> Workspace {
            if let kept = spare.withLock({ $0.take() }) { return kept }
            guard let compressor = libdeflate_alloc_compressor(compressionLevel) else {
                throw PlotError(message: "Could not encode the figure as PNG: out of memory.")
            }
            return Workspace(compressor: compressor)
        }

        /// Keeps `workspace` for the next figure (unless another one is kept already).
        static func giveBack(_ workspace: Workspace) {
            spare.withLock { kept in
                if kept == nil { kept = workspace }
            }
        }

        /// Makes each buffer hold at least the given number of bytes.
        func reserve(filtered filteredCount: Int, scratch scratchCount: Int, compressed compressedCount: Int) {
            if filtered.count < filteredCount { filtered = [UInt8](repeating: 0, count: filteredCount) }
            if scratch.count < scratchCount { scratch = [UInt8](repeating: 0, count: scratchCount) }
            if compressed.count < compressedCount { compressed = [UInt8](repeating: 0, count: compressedCount) }
        }
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// A chunk: its length, its four-letter type, its data and the CRC-32 of type and data.
    static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &file)
        let typeAndData = Array(type.utf8) + data
        file += typeAndData
        let crc = typeAndData.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        appendBigEndian(crc, to: &file)
    }
}
