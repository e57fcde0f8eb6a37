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

    /// A `width`×`height` surface of pseudo-random pixels (hard to compress) with a flat band (runs
    /// of zeros after the row filter), drawn opaque or with varying transparency.
    func noisySurface(width: Int, height: Int, opaque: Bool) throws -> CairoSurface {
        let surface = try CairoSurface(imageWidth: width, height: height)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let data = try #require(cairo_image_surface_get_data(surface.pointer))
        var state: UInt32 = 12345
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let alpha: UInt32 = opaque ? 255 : (state >> 24)
                let flat = y > height / 3 && y < height / 2
                let colour = flat ? UInt32(0x40_80_C0) : (state >> 8) & 0xFF_FF_FF
                // Premultiplied: no channel may exceed alpha.
                let red = min((colour >> 16) & 0xFF, alpha), green = min((colour >> 8) & 0xFF, alpha), blue = min(colour & 0xFF, alpha)
                let word = alpha << 24 | red << 16 | green << 8 | blue
                UnsafeMutableRawPointer(data + y * stride + x * 4).storeBytes(of: word, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    @Test("images tall enough to be compressed in two halves decode to exactly their pixels",
          arguments: [(301, 64), (250, 203), (1000, 800)])
    func twoHalves(width: Int, height: Int) throws {
        let opaque = try noisySurface(width: width, height: height, opaque: true)
        #expect(try decoded(opaque.pngBytes()) == pixels(of: opaque.pointer))
        let translucent = try noisySurface(width: width, height: height, opaque: false)
        let bytes = try translucent.pngBytes()
        #expect(bytes[25] == 6)
        let directory = try TemporaryDirectory()
        let cairoPath = directory.path("cairo.png")
        try #require(cairo_surface_write_to_png(translucent.pointer, cairoPath) == CAIRO_STATUS_SUCCESS)
        #expect(try decoded(bytes) == decoded(Array(try Data(contentsOf: URL(fileURLWithPath: cairoPath)))))
    }

    @Test("the same pixels always give the same bytes (the halves are fixed by the height)")
    func sameBytes() throws {
        let image = try noisySurface(width: 400, height: 300, opaque: true)
        let first = try image.pngBytes()
        for _ in 0..<5 { #expect(try image.pngBytes() == first) }
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
