internal import CCairo
internal import Foundation

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

    /// Writes the image surface to a PNG file (see ``PNGEncoder``).
    func writePNG(to path: String) throws(PlotError) {
        let bytes = try PNGEncoder.encode(self)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw PlotError.couldNotWrite(path, reason: error.localizedDescription)
        }
    }

    /// Encodes the image surface as PNG bytes in memory (see ``PNGEncoder``).
    func pngBytes() throws(PlotError) -> [UInt8] {
        try PNGEncoder.encode(self)
    }
}
