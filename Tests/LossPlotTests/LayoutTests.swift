import Foundation
import Testing
@testable import LossPlot

@Suite("Layout")
struct LayoutTests {
    /// Checks that neighbouring tick labels of both axes keep apart.
    private func expectNoOverlap(_ figure: Figure, _ context: String) throws {
        let layout = try figure.axesLayout()
        let canvas = try CairoCanvas(surface: CairoSurface(imageWidth: 1, height: 1))
        canvas.setFont(size: Style.standard.tickFontSize)
        let x = zip(layout.xTicks.values, layout.xTicks.labels).map { value, label in
            let centre = layout.xMapping(value)
            let half = canvas.textWidth(label) / 2
            return (centre - half)...(centre + half)
        }
        for (a, b) in zip(x, x.dropFirst()) {
            #expect(a.upperBound < b.lowerBound, "\(context): x labels \(layout.xTicks.labels) overlap")
        }
        let height = canvas.capHeight
        let y = layout.yTicks.values.map { layout.yMapping($0) }.sorted()
        for (a, b) in zip(y, y.dropFirst()) {
            #expect(b - a > height, "\(context): y labels \(layout.yTicks.labels) overlap")
        }
        #expect(!layout.xTicks.values.isEmpty && !layout.yTicks.values.isEmpty, "\(context): no ticks")
        #expect(layout.xTicks.values.allSatisfy(layout.xMapping.contains), "\(context): x tick outside the view")
        #expect(layout.yTicks.values.allSatisfy(layout.yMapping.contains), "\(context): y tick outside the view")
    }

    static let ranges: [ClosedRange<Double>] = [
        0...1, -0.2...4.2, -3.7...12.2, 1_000_000...1_000_003, -1e12...5e13, 0.001...0.0013,
        123_456...987_654, -0.003...0.0001, 1e-9...3e-9, 99_999.5...100_000.5,
    ]

    @Test("Tick labels never overlap", arguments: ranges)
    func tickLabelsNeverOverlap(range: ClosedRange<Double>) throws {
        for (width, height) in [(160, 100), (300, 200), (400, 300), (800, 500), (1500, 900)] {
            let figure = Figure(width: width, height: height)
            figure.axes.plot([range.lowerBound, range.upperBound], [range.lowerBound, range.upperBound])
            try expectNoOverlap(figure, "\(range) at \(width)×\(height)")
        }
    }

    @Test func logAxisLabelsNeverOverlap() throws {
        for (width, height) in [(160, 100), (400, 300), (800, 500)] {
            for decades in [1.0, 3, 12, 40] {
                let figure = Figure(width: width, height: height)
                figure.axes.plot([1, pow(10, decades)], [1, pow(10, decades)])
                figure.axes.xScale = .log
                figure.axes.yScale = .log
                try expectNoOverlap(figure, "\(decades) decades at \(width)×\(height)")
            }
        }
    }

    @Test func subplotsAreAddressedByRowAndColumn() {
        let figure = Figure(width: 900, height: 600, rows: 2, columns: 3)
        #expect(figure.subplots.count == 6)
        #expect(figure.axes === figure.axes(row: 0, column: 0))
        #expect(figure.axes(row: 1, column: 2) === figure.subplots[5])
        #expect(figure.axes(row: 0, column: 1) !== figure.axes(row: 1, column: 0))
    }

    @Test func plotAreasOfARowAndOfAColumnLineUp() throws {
        let figure = Figure(width: 900, height: 600, rows: 2, columns: 2)
        figure.axes(row: 0, column: 0).plot([0, 1], [0, 1_000_000])  // wide y labels
        figure.axes(row: 0, column: 1).plot([0, 1], [0, 1])
        figure.axes(row: 0, column: 1).title = "a title"               // a taller top margin
        figure.axes(row: 1, column: 0).plot([0, 1], [0, 1])
        figure.axes(row: 1, column: 1).plot([0, 1], [0, 1])
        figure.axes(row: 1, column: 1).xLabel = "x"
        let areas = try (0..<2).flatMap { row in try (0..<2).map { try figure.axesLayout(row: row, column: $0).plotArea } }
        #expect(abs(areas[0].minY - areas[1].minY) < 1e-9 && abs(areas[0].maxY - areas[1].maxY) < 1e-9)
        #expect(abs(areas[2].maxY - areas[3].maxY) < 1e-9)
        #expect(abs(areas[0].minX - areas[2].minX) < 1e-9 && abs(areas[1].maxX - areas[3].maxX) < 1e-9)
        // The right column starts right of the middle, the bottom row below it.
        #expect(areas[1].minX > 450 && areas[2].minY > 300)
    }

    @Test func aFigureTitleMovesTheSubplotsDown() throws {
        let figure = Figure(width: 600, height: 400, rows: 1, columns: 2)
        figure.axes.plot([0, 1], [0, 1])
        let before = try figure.axesLayout().plotArea.minY
        figure.title = "Losses and their gradients"
        #expect(try figure.axesLayout().plotArea.minY > before + 10)
    }

    @Test func aColorbarTakesRoomOnTheRight() throws {
        let figure = Figure(width: 600, height: 400)
        figure.axes.heatmap([[0, 1], [2, 3]])
        let without = try figure.axesLayout()
        figure.axes.colorbar(label: "value")
        let with = try figure.axesLayout()
        let bar = try #require(with.colorbar)
        #expect(with.plotArea.maxX < without.plotArea.maxX - 40)
        #expect(bar.bar.minX > with.plotArea.maxX && bar.bar.maxX < 600)
        #expect(bar.bar.minY == with.plotArea.minY && bar.bar.height == with.plotArea.height)
        #expect(bar.labels.count >= 3, "\(bar.labels)")
        // A heatmap is shown edge to edge, without the data margin: cells centred on 0 and 1.
        #expect(with.xMapping.lower == -0.5 && with.xMapping.upper == 1.5)
    }

    @Test func referenceLinesAndAnnotationsAreDrawn() throws {
        let figure = Figure(width: 400, height: 300)
        figure.axes.plot([0, 4], [0, 4])
        figure.axes.verticalLine(at: 1, label: "δ", color: .vermillion, lineStyle: .solid)
        figure.axes.horizontalLine(at: 3, color: .bluishGreen, lineStyle: .solid)
        figure.axes.annotate("here", at: (x: 2, y: 2), textAt: (x: 3, y: 1), color: .reddishPurple)
        let layout = try figure.axesLayout()
        let image = try render(figure)
        let v = layout.point(1, 0.5)
        #expect(!image.pixels(of: .vermillion, near: v.x, v.y, radius: 2).isEmpty)
        let h = layout.point(3.5, 3)
        #expect(!image.pixels(of: .bluishGreen, near: h.x, h.y, radius: 2).isEmpty)
        // The arrow ends just short of the point it annotates.
        let tip = layout.point(2, 2)
        #expect(!image.pixels(of: .reddishPurple, near: tip.x + 5, tip.y + 3, radius: 5).isEmpty)
        // A reference line outside the data stretches the view to include it.
        figure.axes.verticalLine(at: 10)
        #expect(try figure.axesLayout().xMapping.upper >= 10)
    }

    @Test func markersAndLineStylesAreDrawn() throws {
        let figure = Figure(width: 400, height: 300)
        for (k, marker) in Marker.allCases.enumerated() {
            figure.axes.scatter([Double(k)], [Double(k)], color: .vermillion, marker: marker, size: 10)
        }
        figure.axes.plot([0, 5], [5, 0], color: .blue, lineStyle: .dotted)
        let layout = try figure.axesLayout()
        let image = try render(figure)
        for k in 0..<Marker.allCases.count {
            let p = layout.point(Double(k), Double(k))
            #expect(!image.pixels(of: .vermillion, near: p.x, p.y, radius: 2).isEmpty, "marker \(k)")
        }
        // A dotted line has gaps: along it, some pixels are blue and some are not.
        var blue = 0
        var other = 0
        for t in stride(from: 0.5, through: 4.5, by: 0.02) {
            let p = layout.point(t, 5 - t)
            if image.pixel(Int(p.x.rounded()), Int(p.y.rounded()), matches: .blue) { blue += 1 } else { other += 1 }
        }
        #expect(blue > 20 && other > 20, "\(blue) blue, \(other) not")
    }
}
