import Foundation
import Testing
@testable import LossPlot

/// The figures the course's ready-made plots will need, drawn with the public API only.
@Suite("Figure recipes")
struct FigureRecipeTests {
    @Test func lossLandscapeContourAndSurfaceWithAnOptimizerPath() throws {
        let x = grid(-2, 2, 50)
        let z = x.map { b in x.map { a in a * a + 4 * b * b } }
        let figure = Figure(width: 1000, height: 420, rows: 1, columns: 2)
        figure.title = "Loss landscape"
        let left = figure.axes(row: 0, column: 0)
        left.contour(x: x, y: x, z: z, levels: .logarithmic(8), filled: true)
        left.colorbar(label: "loss")
        left.plot([-1.8, -1, -0.4, -0.1, 0], [1.5, -0.6, 0.3, -0.1, 0], label: "SGD", color: .vermillion,
                  marker: .circle)
        let right = figure.axes(row: 0, column: 1)
        right.surface(x: x, y: x, z: z)
        right.plot3D([-1.8, -1, 0], [1.5, -0.6, 0], [12.24, 2.44, 0], color: .vermillion, marker: .circle)
        let image = try render(figure)
        #expect((image.width, image.height) == (1000, 420))
        // The path's colour shows on both panels.
        let path = try figure.axesLayout(row: 0, column: 0).point(-1, -0.6)
        #expect(!image.pixels(of: .vermillion, near: path.x, path.y, radius: 3).isEmpty)
        var onSurface = 0
        for y in 0..<image.height {
            for x in 520..<1000 where image.pixel(x, y, matches: .vermillion, tolerance: 30) { onSurface += 1 }
        }
        #expect(onSurface > 30)
    }

    @Test func fourCurvesWithLegendAndGridAtFullSize() throws {
        let r = grid(-3, 3, 400)
        let figure = Figure(width: 1500, height: 900)
        figure.axes.plot(r, r.map { $0 * $0 }, label: "MSE")
        figure.axes.plot(r, r.map(abs), label: "MAE")
        figure.axes.plot(r, r.map { abs($0) <= 1 ? $0 * $0 / 2 : abs($0) - 0.5 }, label: "Huber")
        figure.axes.plot(r, r.map { log(cosh($0)) }, label: "log-cosh")
        let image = try render(figure)
        for color in [Color.blue, .orange, .bluishGreen, .vermillion] { #expect(image.count(of: color) > 500) }
        #expect(image.count(of: Style.standard.gridColor) > 1000, "grid lines")
    }

    @Test func trainingCurvesOnALogScaleBreakAtNonPositiveValues() throws {
        let steps = (1...100).map(Double.init)
        var loss = steps.map { exp(-$0 / 20) }
        loss[50] = 0  // log10(0) cannot be drawn
        let figure = Figure(width: 600, height: 400)
        figure.axes.plot(steps, loss, label: "train")
        figure.axes.yScale = .log
        let layout = try figure.axesLayout()
        #expect(layout.yTicks.labels.allSatisfy { $0.hasPrefix("10") }, "\(layout.yTicks.labels)")
        #expect(layout.yMapping.lower > 0)
        let image = try render(figure)
        let before = layout.point(40, exp(-40.0 / 20))
        let gap = layout.point(51, exp(-51.0 / 20))
        #expect(!image.pixels(of: .blue, near: before.x, before.y, radius: 2).isEmpty)
        #expect(image.pixels(of: .blue, near: gap.x, gap.y, radius: 1).isEmpty, "the line is broken at the zero")
    }

    @Test func stackedWeightsHistory() throws {
        let steps = grid(0, 100, 101)
        let figure = Figure(width: 600, height: 400)
        var bottom = steps.map { _ in 0.0 }
        for k in 0..<3 {
            let top = zip(bottom, steps).map { $0 + (1 + Double(k) * $1 / 100) / 4.5 }
            figure.axes.fillBetween(steps, bottom, top, label: "task \(k + 1)", opacity: 1)
            bottom = top
        }
        let layout = try figure.axesLayout()
        let image = try render(figure)
        let lowest = layout.point(10, 0.05)
        #expect(image.pixel(Int(lowest.x), Int(lowest.y), matches: .blue, tolerance: 4))
        #expect(figure.axes.legendEntries.count == 3)
    }

    @Test func aHeatmapLeavesMissingValuesBlank() throws {
        let figure = Figure(width: 300, height: 300)
        figure.axes.heatmap([[0, 1], [.nan, 3]])
        let layout = try figure.axesLayout()
        let image = try render(figure)
        let missing = layout.point(-0.25, 1.25)  // in row 1, column 0, away from the grid lines
        #expect(image.pixel(Int(missing.x), Int(missing.y), matches: .white, tolerance: 2))
        let present = layout.point(1, 1)
        #expect(image.pixel(Int(present.x), Int(present.y), matches: ColorMap.viridis.color(at: 1), tolerance: 2))
    }

    @Test func pngAtAnyScaleAndSVGWithUnicode() throws {
        let figure = Figure(width: 300, height: 200)
        figure.axes.title = "γ, δ, ŷ, σ², −1"
        figure.axes.plot([0, 1], [0, 1], label: "ŷ − y")
        for scale in [0.5, 1.5, 3] {
            let image = try DecodedPNG(bytes: figure.pngData(scale: scale))
            #expect(image.width == Int((300 * scale).rounded()) && image.height == Int((200 * scale).rounded()))
        }
        let directory = try TemporaryDirectory()
        try figure.saveSVG(to: directory.path("unicode.svg"))
        let svg = try String(contentsOfFile: directory.path("unicode.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
    }
}
