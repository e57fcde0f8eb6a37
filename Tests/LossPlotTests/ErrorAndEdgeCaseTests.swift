import Foundation
import Testing
@testable import LossPlot

@Suite("Errors")
struct ErrorTests {
    @Test func savingPNGIntoAMissingFolderNamesThePath() {
        let path = "/no/such/dir/x.png"
        let error = #expect(throws: PlotError.self) { try parabolaFigure().savePNG(to: path) }
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("Could not write the figure to \(path): ") == true)
        #expect(error?.description.hasSuffix("Check that the folder exists and is writable.") == true)
    }

    @Test func savingSVGIntoAMissingFolderNamesThePath() {
        let path = "/no/such/dir/x.svg"
        let error = #expect(throws: PlotError.self) { try parabolaFigure().saveSVG(to: path) }
        #expect(error?.description.contains(path) == true, "\(String(describing: error))")
    }

    @Test func anImpossiblyLargeScaleThrowsInsteadOfCrashing() {
        let error = #expect(throws: PlotError.self) { try Figure().pngData(scale: 1000) }
        #expect(error?.description.contains("smaller figure size or scale") == true)
    }
}

@Suite("Degenerate data")
struct DegenerateDataTests {
    /// Renders the figure and checks that the series colour shows up somewhere.
    private func rendersWithLine(_ figure: Figure, expectLine: Bool = true) throws {
        let image = try DecodedPNG(bytes: figure.pngData())
        #expect((image.width, image.height) == (figure.width, figure.height))
        if expectLine { #expect(image.count(of: .blue) > 0) }
        let layout = try figure.axesLayout()
        #expect(layout.xMapping.lower < layout.xMapping.upper && layout.yMapping.lower < layout.yMapping.upper)
        #expect(layout.xTicks.values.count >= 2 && layout.yTicks.values.count >= 2)
    }

    @Test func constantSeriesIsCentredInAWidenedRange() throws {
        let figure = Figure()
        figure.axes.plot([0, 1, 2, 3], [3, 3, 3, 3])
        try rendersWithLine(figure)
        let layout = try figure.axesLayout()
        #expect(abs(layout.yMapping.lower - 2.7) < 1e-12 && abs(layout.yMapping.upper - 3.3) < 1e-12)
    }

    @Test func constantZeroSeries() throws {
        let figure = Figure()
        figure.axes.plot([0, 1], [0, 0])
        try rendersWithLine(figure)
        #expect(try figure.axesLayout().yMapping.lower == -1)
    }

    @Test func singlePointIsDrawnAsADot() throws {
        let figure = Figure()
        figure.axes.plot([1], [1])
        try rendersWithLine(figure)
        let centre = try figure.axesLayout().point(1, 1)
        let image = try render(figure)
        #expect(image.pixel(Int(centre.x), Int(centre.y), matches: .blue))
    }

    @Test func emptyAndAllNaNSeriesStillRenderAxes() throws {
        let empty = Figure()
        empty.axes.plot([], [], label: "nothing")
        try rendersWithLine(empty)  // the legend sample is blue
        let nan = Figure()
        nan.axes.plot([.nan, 1], [2, .infinity])
        try rendersWithLine(nan, expectLine: false)
        let bare = Figure(width: 300, height: 200)
        bare.axes.title = "Nothing plotted"
        try rendersWithLine(bare, expectLine: false)
    }

    @Test func emptyExplicitLimitsAreWidened() throws {
        let figure = parabolaFigure()
        figure.axes.xLimits = 2...2
        figure.axes.yLimits = 0...0
        try rendersWithLine(figure, expectLine: false)
    }

    @Test func hugeTinyAndFarAwayValues() throws {
        let huge = Figure()
        huge.axes.plot([0, 1, 2], [1e300, -1e300, 1e300])
        try rendersWithLine(huge)
        let tiny = Figure()
        tiny.axes.plot([0, 1e-300, 2e-300], [1, 1 + 1e-15, 1])
        try rendersWithLine(tiny)
        // A point far outside explicit limits must not disturb the visible part of the line.
        let clipped = Figure()
        clipped.axes.plot([0, 0.5, 1], [0.5, 0.5, 1e200])
        clipped.axes.yLimits = 0...1
        try rendersWithLine(clipped)
        let p = try clipped.axesLayout().point(0.25, 0.5)
        #expect(!(try render(clipped)).pixels(of: .blue, near: p.x, p.y, radius: 2).isEmpty)
    }

    @Test func smallFiguresThinOutTheirTicks() throws {
        let figure = Figure(width: 160, height: 100)
        figure.axes.plot([0, 1_000_000], [0, 1])
        figure.axes.title = "tiny"
        try rendersWithLine(figure)
        let layout = try figure.axesLayout()
        #expect(layout.xTicks.values.count <= 3, "\(layout.xTicks.labels)")
    }
}
