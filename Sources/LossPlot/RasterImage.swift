internal import CCairo

/// A decoded PNG image: its size and the colour of every pixel, for code that checks what a
/// figure drew (for example that a saved plot is not empty).
public struct RasterImage: Sendable, Equatable {
    /// One pixel's colour, each channel in 0...255 (not premultiplied).
    public struct Pixel: Sendable, Equatable {
        /// Red, green, blue and opacity.
        public let red, green, blue, alpha: UInt8
    }

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The pixels, row by row from the top left.
    public let pixels: [Pixel]

    /// Decodes PNG `bytes`; throws ``PlotError`` when they are not a PNG image Cairo can read.
    public init(pngBytes bytes: [UInt8]) throws(PlotError) {
        let source = ByteSource(bytes)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
                return source.read(into: data, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface else { throw PlotError(message: "Could not decode the PNG image: out of memory.") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError(message: "The bytes are not a PNG image Cairo can read: \(PlotError.cairoReason(status)).")
        }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard let data = cairo_image_surface_get_data(surface), format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24
        else { throw PlotError(message: "The PNG image decoded to a pixel format this reader does not handle.") }
        var pixels: [Pixel] = []
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            let line = (data + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for column in 0..<width {
                let value = line[column]
                let alpha = format == CAIRO_FORMAT_RGB24 ? 255 : UInt8(value >> 24)
                // Cairo stores premultiplied colour; undo it so white stays 255 at any opacity.
                func channel(_ shift: UInt32) -> UInt8 {
                    let premultiplied = UInt32((value >> shift) & 0xff)
                    guard alpha > 0 else { return 0 }
                    return UInt8(min(255, (premultiplied * 255 + UInt32(alpha) / 2) / UInt32(alpha)))
                }
                pixels.append(Pixel(red: channel(16), green: channel(8), blue: channel(0), alpha: alpha))
            }
        }
        self.pixels = pixels
    }

    /// The pixel in `column` and `row` (0-based, from the top left).
    public func pixel(column: Int, row: Int) -> Pixel {
        precondition((0..<width).contains(column) && (0..<height).contains(row),
                     "Pixel (\(column), \(row)) is outside the \(width)×\(height) image.")
        return pixels[row * width + column]
    }

    /// How many distinct colours the image holds (a blank image has one).
    public var distinctColorCount: Int {
        Set(pixels.map { UInt32($0.red) << 24 | UInt32($0.green) << 16 | UInt32($0.blue) << 8 | UInt32($0.alpha) }).count
    }
}

/// Hands Cairo the bytes of a PNG image in the pieces it asks for.
private final class ByteSource {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - position else { return false }
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            buffer.update(from: base + position, count: count)
        }
        position += count
        return true
    }
}
