import Foundation
import Testing
@testable import LossPlot

@Suite("Legend placement")
struct LegendPlacementTests {
    let area = Rect(x: 0, y: 0, width: 400, height: 300)
    let size = (width: 100.0, height: 50.0)

    /// Points filling the given part of the area (figure coordinates, y down).
    func points(x: ClosedRange<Double>, y: ClosedRange<Double>) -> LegendObstacles {
        var obstacles = LegendObstacles()
        for i in 0...20 {
            for j in 0...20 {
                obstacles.points.append(Point(x: x.lowerBound + (x.upperBound - x.lowerBound) * Double(i) / 20,
                                              y: y.lowerBound + (y.upperBound - y.lowerBound) * Double(j) / 20))
            }
        }
        return obstacles
    }

    @Test func anEmptyPlotGetsTheUpperRight() {
        #expect(bestLegendPosition(size: size, in: area, inset: 10, obstacles: LegendObstacles()) == .upperRight)
    }

    @Test func dataInTheUpperRightPushesTheLegendElsewhere() {
        let obstacles = points(x: 250...400, y: 0...120)
        let position = bestLegendPosition(size: size, in: area, inset: 10, obstacles: obstacles)
        #expect(position == .upperLeft)
        let rect = legendRect(position, size: size, in: area, inset: 10)
        #expect(obstacles.badness(of: rect) == 0)
    }

    @Test func theLegendGoesWhereThereIsRoom() {
        // Everything but the lower-right corner is covered.
        var obstacles = points(x: 0...400, y: 0...200)
        obstacles.points += points(x: 0...250, y: 200...300).points
        #expect(bestLegendPosition(size: size, in: area, inset: 10, obstacles: obstacles) == .lowerRight)
    }

    @Test func linesCrossingACandidateCount() {
        var obstacles = LegendObstacles()
        // A diagonal from the upper left to the lower right crosses those two corners only.
        obstacles.segments = [(Point(x: 0, y: 0), Point(x: 400, y: 300))]
        let position = bestLegendPosition(size: size, in: area, inset: 10, obstacles: obstacles)
        #expect(position == .upperRight)
        obstacles.segments.append((Point(x: 0, y: 300), Point(x: 400, y: 0)))
        let crossed = bestLegendPosition(size: size, in: area, inset: 10, obstacles: obstacles)
        #expect(![.upperRight, .upperLeft, .lowerLeft, .lowerRight].contains(crossed), "\(crossed)")
    }

    @Test func aFigureWithDataInTheUpperRightPutsItsLegendElsewhere() throws {
        let figure = Figure(width: 400, height: 300)
        let x = (0...50).map { Double($0) / 50 }
        // A curve that rises steeply on the right: the upper right is full, the upper left empty.
        figure.axes.plot(x, x.map { $0 * $0 * $0 * $0 }, label: "x⁴")
        figure.axes.scatter([0.8, 0.9, 0.95, 1], [0.9, 0.95, 0.9, 1], label: "points")
        let layout = try figure.axesLayout()
        let canvas = try CairoCanvas(surface: CairoSurface(imageWidth: 1, height: 1))
        let obstacles = figure.axes.legendObstacles(layout, canvas: canvas, style: .standard)
        let metrics = LegendMetrics(fontSize: Style.standard.legendFontSize)
        canvas.setFont(size: metrics.fontSize)
        let legendSize = metrics.size(rows: 2, textWidth: canvas.textWidth("points"))
        let position = bestLegendPosition(size: legendSize, in: layout.plotArea, inset: metrics.inset, obstacles: obstacles)
        #expect(position == .upperLeft)
        // And the legend really is drawn there: its frame colour appears in the upper left.
        let image = try render(figure)
        let frame = Style.standard.legendFrameColor
        let area = layout.plotArea
        let upperLeft = image.pixels(of: frame, near: area.minX + 60, area.minY + 30, radius: 60)
        #expect(!upperLeft.isEmpty)
    }

    /// Five curves that pass through every corner and edge of the plot area.
    func crowdedFigure() -> Figure {
        let figure = Figure(width: 500, height: 320)
        let x = (0...60).map { Double($0) / 60 }
        for (index, phase) in [0.0, 0.6, 1.2, 1.8, 2.4].enumerated() {
            figure.axes.plot(x, x.map { sin(9 * $0 + phase) }, label: "curve \(index + 1)")
        }
        return figure
    }

    @Test("when every place inside covers data, the best legend goes outside, on the right")
    func crowdedPlotsPutTheLegendOutside() throws {
        let crowded = crowdedFigure()
        let layout = try crowded.axesLayout()
        let origin = try #require(layout.outsideLegendOrigin)
        #expect(origin.x > layout.plotArea.maxX && origin.y == layout.plotArea.minY)
        let canvas = try CairoCanvas(surface: CairoSurface(imageWidth: 1, height: 1))
        let size = try #require(crowded.axes.legendSize(canvas: canvas, style: .standard))
        #expect(origin.x + size.width <= 500, "the legend fits in the figure")
        // The plot area gave up the legend's width; an uncrowded figure keeps its legend inside.
        let uncrowded = Figure(width: 500, height: 320)
        uncrowded.axes.plot([0, 1], [0, 0.1], label: "low line")
        let inside = try uncrowded.axesLayout()
        #expect(inside.outsideLegendOrigin == nil)
        #expect(layout.plotArea.width < inside.plotArea.width - size.width)
        // And it is drawn there: the frame colour appears right of the plot area, not inside it.
        let image = try render(crowded)
        let frame = Style.standard.legendFrameColor
        #expect(!image.pixels(of: frame, near: origin.x + 2, origin.y + size.height / 2, radius: 4).isEmpty)
    }

    @Test("an outside legend can be asked for; a hidden one takes no room")
    func outsideOnRequest() throws {
        let figure = Figure(width: 500, height: 320)
        figure.axes.plot([0, 1], [0, 1], label: "line")
        figure.axes.legendPosition = .outside
        #expect(try figure.axesLayout().outsideLegendOrigin != nil)
        let crowded = crowdedFigure()
        crowded.axes.legendPosition = .hidden
        #expect(try crowded.axesLayout().outsideLegendOrigin == nil)
    }

    @Test func aGivenPositionIsKept() {
        let rect = legendRect(.lowerCenter, size: size, in: area, inset: 10)
        #expect(rect.midX == area.midX && rect.maxY == area.maxY - 10)
    }
}
