import Foundation
import Testing
@testable import LossPlot

/// Figures rendered and compared pixel by pixel with the PNGs in `References/`.
///
/// To regenerate the references after an intended change in how figures look, run
///
///     LOSSPLOT_RECORD_REFERENCES=1 swift test --filter ReferenceImageTests
///
/// which writes the rendered figures over `Tests/LossPlotTests/References/*.png` (the tests then
/// pass); look at every changed image before committing it. Figures are 400×300 so that the
/// references stay small.
@Suite("Reference images")
struct ReferenceImageTests {
    static let recording = ProcessInfo.processInfo.environment["LOSSPLOT_RECORD_REFERENCES"] == "1"

    /// The reference names.
    static let names = ["line-legend", "contour-colorbar", "heatmap", "surface", "log-scale"]

    /// The figure of reference `name`.
    static func figure(_ name: String) -> Figure? {
        switch name {
        case "line-legend": lineFigure(shift: 0)
        case "contour-colorbar": contourFigure()
        case "heatmap": heatmapFigure()
        case "surface": surfaceFigure()
        case "log-scale": logFigure()
        default: nil
        }
    }

    @Test("Figures look like their references", arguments: names)
    func matchesReference(name: String) throws {
        let make = { () throws -> Figure in try #require(Self.figure(name)) }
        let image = try DecodedPNG(bytes: make().pngData())
        if Self.recording {
            try make().savePNG(to: Self.sourceReferencePath(name))
            return
        }
        let reference = try Self.reference(name)
        let difference = try #require(ImageDifference(image, reference))
        #expect(difference.isWithinTolerance, "\(name): \(difference)")
    }

    @Test func theComparisonRejectsAMovedCurve() throws {
        guard !Self.recording else { return }
        let reference = try Self.reference("line-legend")
        // The same figure with one curve moved up by 0.1 (about 6 pixels).
        let moved = try DecodedPNG(bytes: Self.lineFigure(shift: 0.1).pngData())
        let difference = try #require(ImageDifference(moved, reference))
        #expect(!difference.isWithinTolerance, "a moved curve went unnoticed: \(difference)")
        // While the unchanged figure passes.
        let same = try DecodedPNG(bytes: Self.lineFigure(shift: 0).pngData())
        #expect(try #require(ImageDifference(same, reference)).isWithinTolerance)
    }

    /// The reference image `name`, from the test bundle.
    static func reference(_ name: String) throws -> DecodedPNG {
        guard let url = Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "References") else {
            throw DecodedPNG.DecodeError(description: "No reference image \(name).png; record it with LOSSPLOT_RECORD_REFERENCES=1.")
        }
        return try DecodedPNG(path: url.path)
    }

    /// Where the reference `name` lives in the source tree, for recording.
    static func sourceReferencePath(_ name: String, file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent()
            .appendingPathComponent("References").appendingPathComponent("\(name).png").path
    }

    // MARK: The figures

    static func lineFigure(shift: Double) -> Figure {
        let x = grid(-2, 2, 201)
        let figure = Figure(width: 400, height: 300)
        figure.axes.plot(x, x.map { $0 * $0 / 2 + shift }, label: "½ r²")
        figure.axes.plot(x, x.map { abs($0) <= 1 ? $0 * $0 / 2 : abs($0) - 0.5 }, label: "Huber δ = 1",
                         lineStyle: .dashed)
        figure.axes.title = "Squared and Huber loss"
        figure.axes.xLabel = "r = ŷ − y"
        figure.axes.yLabel = "loss"
        return figure
    }

    static func contourFigure() -> Figure {
        let x = grid(-2, 2, 41)
        let y = grid(-1.5, 1.5, 31)
        let z: [[Double]] = y.map { b in
            x.map { a -> Double in
                let bowl: Double = a * a + 3 * b * b
                return bowl + a * b
            }
        }
        let figure = Figure(width: 400, height: 300)
        figure.axes.contour(x: x, y: y, z: z, filled: true)
        figure.axes.contour(x: x, y: y, z: z, color: .white, lineWidth: 0.8)
        figure.axes.plot([-1.8, -0.9, -0.3, 0], [1.2, 0.2, -0.1, 0], color: .vermillion, marker: .circle)
        figure.axes.colorbar(label: "loss")
        return figure
    }

    static func heatmapFigure() -> Figure {
        let values: [[Double]] = (0..<8).map { (r: Int) -> [Double] in
            (0..<10).map { (c: Int) -> Double in
                let code: Int = (r * 7 + c * 3) % 11
                return Double(code) - 5
            }
        }
        let figure = Figure(width: 400, height: 300)
        figure.axes.heatmap(values, colorMap: .coolwarm)
        figure.axes.colorbar()
        figure.axes.title = "Heatmap"
        return figure
    }

    static func surfaceFigure() -> Figure {
        let x = grid(-2, 2, 25)
        let figure = Figure(width: 400, height: 300)
        figure.axes.surface(x: x, y: x, z: x.map { b in x.map { a in a * a - b * b } }, colorMap: .magma)
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "y"
        figure.axes.zLabel = "z"
        return figure
    }

    static func logFigure() -> Figure {
        let steps = (1...200).map(Double.init)
        let figure = Figure(width: 400, height: 300)
        figure.axes.plot(steps, steps.map { 3 * exp(-$0 / 25) + 0.002 }, label: "train")
        figure.axes.plot(steps, steps.map { 3 * exp(-$0 / 30) + 0.05 }, label: "test")
        figure.axes.yScale = .log
        figure.axes.xLabel = "step"
        return figure
    }
}

/// How two images of the same size differ, channel by channel (red, green, blue; 0–255).
struct ImageDifference: CustomStringConvertible {
    /// The mean absolute difference over all channels of all pixels.
    var meanDifference: Double
    /// The fraction of pixels with a channel differing by more than 32.
    var fractionDiffering: Double

    /// Compares two images; nil when their sizes differ.
    init?(_ a: DecodedPNG, _ b: DecodedPNG) {
        guard a.width == b.width, a.height == b.height else { return nil }
        var total = 0
        var differing = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a.pixel(x, y)
                let q = b.pixel(x, y)
                let d = (abs(p.r - q.r), abs(p.g - q.g), abs(p.b - q.b))
                total += d.0 + d.1 + d.2
                if max(d.0, d.1, d.2) > 32 { differing += 1 }
            }
        }
        let pixels = Double(a.width * a.height)
        meanDifference = Double(total) / (3 * pixels)
        fractionDiffering = Double(differing) / pixels
    }

    /// Within the tolerance for antialiasing and font-rendering noise: a mean difference below
    /// 1/255 and fewer than 0.5% of the pixels differing by more than 32/255.
    var isWithinTolerance: Bool { meanDifference < 1 && fractionDiffering < 0.005 }

    var description: String {
        "mean difference \(meanDifference) / 255, \(fractionDiffering * 100)% of pixels differ by more than 32 / 255"
    }
}
