// The fast PNG encoder against Cairo's own: the files decode (with libpng, through Cairo) to
// exactly the pixels that were drawn, opaque or translucent.

import CCairo
import Foundation
import Testing

@testable import LossPlot

@Suite("PNG encoding")
struct PNGEncoderTests {
    /// A 37×23 surface (odd sizes, so rows do not line up with anything) painted by `paint`.
    func surface(_ paint: (OpaquePointer) -> Void) throws -> CairoSurface {
        let surface = try CairoSurface(imageWidth: 37, height: 23)
        let context = try #require(cairo_create(surface.pointer))
        paint(context)
        cairo_destroy(context)
        cairo_surface_flush(surface.pointer)
        return surface
    }

    /// Every pixel of `surface` as premultiplied ARGB words.
    func pixels(of surface: OpaquePointer) -> [UInt32] {
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        return (0..<height).flatMap { y in
            (0..<width).map { x in UnsafeRawPointer(data + y * stride + x * 4).loadUnaligned(as: UInt32.self) }
        }
    }

    /// `bytes` decoded by Cairo (libpng), as premultiplied ARGB words.
    func decoded(_ bytes: [UInt8]) throws -> [UInt32] {
        let directory = try TemporaryDirectory()
        let path = directory.path("image.png")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let image = try #require(cairo_image_surface_create_from_png(path))
        defer { cairo_surface_destroy(image) }
        try #require(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS)
        return pixels(of: image)
    }

    @Test("an opaque image is written as RGB and decodes to exactly the drawn pixels")
    func opaqueImage() throws {
        let image = try surface { context in
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
            cairo_set_source_rgb(context, 0.2, 0.4, 0.8)
            cairo_arc(context, 18, 11, 9, 0, 2 * Double.pi)
            cairo_fill(context)
        }
        let bytes = try image.pngBytes()
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(bytes[25] == 2, "colour type 2: RGB")
        #expect(try decoded(bytes) == pixels(of: image.pointer))
    }

    @Test("an image with transparency is written as RGBA and decodes like Cairo's own PNG of it")
    func translucentImage() throws {
        let image = try surface { context in
            cairo_set_source_rgba(context, 0.9, 0.1, 0.3, 0.35)
            cairo_paint(context)
            cairo_set_source_rgba(context, 0.1, 0.7, 0.2, 0.8)
            cairo_rectangle(context, 4, 3, 20, 12)
            cairo_fill(context)
        }
        let bytes = try image.pngBytes()
        #expect(bytes[25] == 6, "colour type 6: RGBA")
        let directory = try TemporaryDirectory()
        let cairoPath = directory.path("cairo.png")
        try #require(cairo_surface_write_to_png(image.pointer, cairoPath) == CAIRO_STATUS_SUCCESS)
        let cairoBytes = Array(try Data(contentsOf: URL(fileURLWithPath: cairoPath)))
        #expect(try decoded(bytes) == decoded(cairoBytes))
    }

    @Test("a saved figure decodes to the same pixels as the figure's PNG bytes, and a missing folder is a clear error")
    func savedFigure() throws {
        let figure = Figure(width: 120, height: 90)
        figure.axes.plot([0, 1, 2], [1, 0, 2], label: "line")
        let directory = try TemporaryDirectory()
        let path = directory.path("figure.png")
        try figure.savePNG(to: path)
        let saved = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try decoded(saved) == decoded(figure.pngData()))
        let missing = directory.path("no-such-folder/figure.png")
        #expect(throws: PlotError.self) { try figure.savePNG(to: missing) }
    }
}
