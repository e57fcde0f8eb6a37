import Foundation
import Testing
@testable import LossPlot

@Suite("Rendering a line plot")
struct RenderingTests {
    @Test func imageHasTheFigureSizeTimesTheScale() throws {
        let figure = parabolaFigure(width: 640, height: 400)
        let normal = try render(figure)
        #expect((normal.width, normal.height) == (640, 400))
        let double = try render(figure, scale: 2)
        #expect((double.width, double.height) == (1280, 800))
    }

    @Test func backgroundIsWhite() throws {
        let image = try render(parabolaFigure())
        for (x, y) in [(0, 0), (image.width - 1, 0), (0, image.height - 1), (image.width - 1, image.height - 1)] {
            let p = image.pixel(x, y)
            #expect(p.r == 255 && p.g == 255 && p.b == 255 && p.a == 255, "corner (\(x), \(y)) is \(p)")
        }
    }

    @Test func theFirstSeriesIsDrawnInTheFirstCycleColour() throws {
        let image = try render(parabolaFigure())
        #expect(image.count(of: .blue) > 500)
        #expect(image.count(of: .orange) == 0)
    }

    @Test func parabolaMinimumIsAtTheBottomCentreOfThePlotArea() throws {
        let figure = parabolaFigure()
        let layout = try figure.axesLayout()
        let area = layout.plotArea
        let minimum = layout.point(0, 0)
        // x spans [-2.2, 2.2] and y spans [-0.2, 4.2] once padded by 5%.
        #expect(abs(minimum.x - area.midX) < 1)
        #expect(abs((minimum.y - area.minY) / area.height - 4.2 / 4.4) < 0.01)

        for scale in [1.0, 2.0] {
            let image = try render(figure, scale: scale)
            let radius = Int(3 * scale)
            #expect(!image.pixels(of: .blue, near: minimum.x * scale, minimum.y * scale, radius: radius).isEmpty,
                    "no line at the minimum at scale \(scale)")
            // The ends of the parabola, (±2, 4), are near the top corners.
            for end in [layout.point(-2, 4), layout.point(2, 4)] {
                #expect(!image.pixels(of: .blue, near: end.x * scale, end.y * scale, radius: radius).isEmpty)
            }
            // In the centre column the line appears only around the minimum.
            let column = Int((minimum.x * scale).rounded())
            let rows = (0..<image.height).filter { image.pixel(column, $0, matches: .blue) }
            #expect(!rows.isEmpty && rows.allSatisfy { abs(Double($0) - minimum.y * scale) <= 3 * scale },
                    "blue rows in the centre column: \(rows)")
        }
    }

    @Test func ticksAreNiceAndInsideTheView() throws {
        let layout = try parabolaFigure().axesLayout()
        #expect(layout.xTicks.values.first == -2 && layout.xTicks.values.last == 2, "\(layout.xTicks.labels)")
        #expect(layout.yTicks.values.first == 0 && layout.yTicks.values.last == 4)
        #expect(layout.xTicks.values.allSatisfy { layout.xMapping.contains($0) })
        #expect(layout.xTicks.values.count >= 4 && layout.yTicks.values.count >= 4)
    }

    @Test func marginsMakeRoomForTitleAndLabels() throws {
        let figure = parabolaFigure()
        let bare = try figure.axesLayout().plotArea
        figure.axes.title = "Squared error"
        figure.axes.xLabel = "x"
        figure.axes.yLabel = "loss"
        let labelled = try figure.axesLayout().plotArea
        #expect(labelled.minY > bare.minY + 10)
        #expect(labelled.maxY < bare.maxY - 10)
        #expect(labelled.minX > bare.minX + 10)
        #expect(bare.minX > 20 && bare.maxX < 790 && bare.minY > 5 && bare.maxY < 480)
    }

    @Test func nonFinitePointsBreakTheLine() throws {
        let figure = Figure()
        figure.axes.plot([0, 1, 2, 3, 4], [1, 1, .nan, 1, 1])
        figure.axes.plot([0, 4], [0, 0], color: .black)
        figure.axes.yLimits = 0...2
        let layout = try figure.axesLayout()
        let image = try render(figure)
        for x in [0.5, 3.5] {
            let p = layout.point(x, 1)
            #expect(!image.pixels(of: .blue, near: p.x, p.y, radius: 2).isEmpty, "no line at x = \(x)")
        }
        let gap = layout.point(2, 1)
        #expect(image.pixels(of: .blue, near: gap.x, gap.y, radius: 4).isEmpty, "the line is joined across the gap")
    }

    @Test func seriesWithoutColourFollowTheCycle() {
        let figure = Figure()
        figure.axes.plot([0, 1], [0, 1])
        figure.axes.plot([0, 1], [1, 0], color: .black)
        figure.axes.plot([0, 1], [1, 1])
        #expect(figure.axes.series.map(\.color) == [.blue, .black, .orange])
        #expect(Color.cycle.count == 8 && Color.cycled(8) == .blue)
        #expect(Color(hex: 0xE69F00) == Color(r: 230.0 / 255, g: 159.0 / 255, b: 0))
        #expect(Color.vermillion.description == "#D55E00")
    }

    @Test func legendAppearsInTheUpperRightWhenASeriesHasALabel() throws {
        func upperRightBluePixels(label: String?) throws -> Int {
            let figure = Figure()
            figure.axes.plot([0, 1], [0, 0.2], label: label)
            figure.axes.yLimits = 0...1
            let area = try figure.axesLayout().plotArea
            let image = try render(figure)
            var count = 0
            for y in Int(area.minY)..<Int(area.minY + 60) {
                for x in Int(area.maxX - 200)..<Int(area.maxX) where image.pixel(x, y, matches: .blue) {
                    count += 1
                }
            }
            return count
        }
        #expect(try upperRightBluePixels(label: "loss") > 20)
        #expect(try upperRightBluePixels(label: nil) == 0)
    }

    @Test func pngDataIsAPNGOfTheFigure() throws {
        let bytes = try parabolaFigure().pngData(scale: 2)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let image = try DecodedPNG(bytes: bytes)
        #expect((image.width, image.height) == (1600, 1000))
        #expect(image.count(of: .blue) > 1000)
    }

    @Test func svgIsWritten() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("figure.svg")
        let figure = parabolaFigure()
        figure.axes.title = "SVG"
        try figure.saveSVG(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<svg") && text.contains("width=\"800\"") && text.contains("</svg>"))
    }
}
