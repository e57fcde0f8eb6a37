import CCairo
import Foundation
import Testing
@testable import LossPlot

@Suite("Decoding PNG images")
struct RasterImageTests {
    @Test("a saved figure decodes to its size, a white corner and more than one colour")
    func decodesASavedFigure() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try parabolaFigure(width: 320, height: 200).savePNG(to: file.path)
        let image = try RasterImage(pngBytes: Array(try Data(contentsOf: file)))
        #expect((image.width, image.height) == (320, 200))
        #expect(image.pixel(column: 0, row: 0) == RasterImage.Pixel(red: 255, green: 255, blue: 255, alpha: 255))
        #expect(image.distinctColorCount > 2)
    }

    @Test("a blank image is one colour, and its pixels keep their colour")
    func blankImage() throws {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 48))
        defer { cairo_surface_destroy(surface) }
        let context = try #require(cairo_create(surface))
        cairo_set_source_rgb(context, 0.2, 0.4, 0.6)
        cairo_paint(context)
        cairo_destroy(context)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(cairo_surface_write_to_png(surface, file.path) == CAIRO_STATUS_SUCCESS)
        let image = try RasterImage(pngBytes: Array(try Data(contentsOf: file)))
        #expect((image.width, image.height) == (64, 48))
        #expect(image.distinctColorCount == 1)
        #expect(image.pixel(column: 10, row: 20) == RasterImage.Pixel(red: 51, green: 102, blue: 153, alpha: 255))
    }

    @Test("bytes that are not a PNG image are refused")
    func refusesGarbage() {
        #expect(throws: PlotError.self) { try RasterImage(pngBytes: Array("not a png".utf8)) }
        #expect(throws: PlotError.self) { try RasterImage(pngBytes: []) }
    }
}
