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

    @Test("an empty figure is one colour")
    func emptyFigureIsBlank() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Figure(width: 64, height: 48).savePNG(to: file.path)
        let image = try RasterImage(pngBytes: Array(try Data(contentsOf: file)))
        #expect(image.distinctColorCount == 1)
    }

    @Test("bytes that are not a PNG image are refused")
    func refusesGarbage() {
        #expect(throws: PlotError.self) { try RasterImage(pngBytes: Array("not a png".utf8)) }
        #expect(throws: PlotError.self) { try RasterImage(pngBytes: []) }
    }
}
