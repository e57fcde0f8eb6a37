internal import CCairo

/// Owns one `cairo_surface_t`: checked when created, destroyed with the object.
final class CairoSurface {
    /// The largest width or height Cairo accepts for an image surface.
    static let maximumSide = 32767

    let pointer: OpaquePointer
    /// The path an SVG surface writes to, used in error messages.
    let path: String?

    /// Takes ownership of a freshly created surface, or destroys it and throws when
    /// Cairo reports that creating it failed.
    private init(taking surface: OpaquePointer?, path: String?,
                 error: (cairo_status_t) -> PlotError) throws(PlotError) {
        guard let surface else { throw error(CAIRO_STATUS_NO_MEMORY) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw error(status)
        }
        self.pointer = surface
        self.path = path
    }

    /// An in-memory 32-bit ARGB image of `width`×`height` pixels.
    convenience init(imageWidth width: Int, height: Int) throws(PlotError) {
        guard width <= Self.maximumSide, height <= Self.maximumSide else {
            throw PlotError.imageTooLarge(width: Double(width), height: Double(height))
        }
        try self.init(taking: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                      path: nil) { status in
            PlotError.couldNotCreateSurface(width: width, height: height, status: status)
        }
    }

    /// An SVG document of `width`×`height` points written to `path` when finished.
    convenience init(svgPath path: String, width: Double, height: Double) throws(PlotError) {
        try self.init(taking: cairo_svg_surface_create(path, width, height), path: path) { status in
            PlotError.couldNotWrite(path, status: status)
        }
        // Plain user units, so that an 800-point figure is 800 pixels wide in a browser.
        cairo_svg_surface_set_document_unit(pointer, CAIRO_SVG_UNIT_USER)
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    var status: cairo_status_t { cairo_surface_status(pointer) }

    /// Flushes pending drawing and closes the surface; an SVG surface writes its file here.
    func finish() throws(PlotError) {
        cairo_surface_finish(pointer)
        let status = self.status
        guard status == CAIRO_STATUS_SUCCESS else {
            if let path { throw PlotError.couldNotWrite(path, status: status) }
            throw PlotError.drawingFailed(status: status)
        }
    }

    /// Writes the image surface to a PNG file.
    func writePNG(to path: String) throws(PlotError) {
        cairo_surface_flush(pointer)
        let status = cairo_surface_write_to_png(pointer, path)
        guard status == CAIRO_STATUS_SUCCESS else { throw PlotError.couldNotWrite(path, status: status) }
    }

    /// Encodes the image surface as PNG bytes in memory.
    func pngBytes() throws(PlotError) -> [UInt8] {
        cairo_surface_flush(pointer)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(pointer, { closure, data, length in
                guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                if let data, length > 0 {
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                }
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError(message: "Could not encode the figure as PNG: \(PlotError.cairoReason(status)).")
        }
        return sink.bytes
    }
}

/// Collects the bytes Cairo streams out while encoding a PNG.
private final class ByteSink {
    var bytes: [UInt8] = []
}
