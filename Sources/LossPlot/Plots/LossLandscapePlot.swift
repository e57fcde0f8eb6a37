internal import Foundation
import LossKit

extension Plots {
    /// A loss landscape as filled contours (left) and a 3-D surface (right), with an optional
    /// optimizer path drawn on both. When the values span several decades (as Rosenbrock's do), the
    /// contour levels are logarithmic and the surface shows `log₁₀(1 + loss)`.
    public static func lossLandscape(_ surface: LossSurface, path: [(x: Double, y: Double)] = [],
                                     pathLabel: String = "optimizer path", title: String = "Loss landscape",
                                     xLabel: String = "x", yLabel: String = "y",
                                     width: Int = 1200, height: Int = 520) -> Figure {
        let figure = Figure(width: width, height: height, rows: 1, columns: 2)
        figure.title = title
        let flat = surface.values.flatMap { $0 }.filter(\.isFinite)
        let positive = flat.filter { $0 > 0 }
        let spansDecades = (positive.min().map { (flat.max() ?? 1) / Swift.max($0, 1e-300) } ?? 1) > 1e3
            && positive.count == flat.count
        let contours = figure.axes(row: 0, column: 0)
        contours.contour(x: surface.xs, y: surface.ys, z: surface.values,
                         levels: spansDecades ? .logarithmic(12) : .automatic(12), filled: true)
        contours.colorbar(label: "loss")
        contours.xLabel = xLabel
        contours.yLabel = yLabel
        let surfaceAxes = figure.axes(row: 0, column: 1)
        let heights = spansDecades ? surface.values.map { $0.map { log10(1 + Swift.max($0, 0)) } } : surface.values
        surfaceAxes.surface(x: surface.xs, y: surface.ys, z: heights)
        surfaceAxes.xLabel = xLabel
        surfaceAxes.yLabel = yLabel
        surfaceAxes.zLabel = spansDecades ? "log₁₀(1 + loss)" : "loss"
        if !path.isEmpty {
            let xs = path.map(\.x), ys = path.map(\.y)
            contours.plot(xs, ys, label: pathLabel, color: .black, lineWidth: 2, marker: path.count <= 60 ? .circle : nil, markerSize: 4)
            contours.scatter([xs[xs.count - 1]], [ys[ys.count - 1]], label: "end", color: .vermillion, marker: .cross, size: 10)
            let zs = zip(xs, ys).map { point -> Double in
                let value = value(of: surface, atX: point.0, y: point.1)
                return spansDecades ? log10(1 + Swift.max(value, 0)) : value
            }
            surfaceAxes.plot3D(xs, ys, zs, label: pathLabel, color: .vermillion)
        }
        return figure
    }

    /// The landscape of the Rosenbrock function on [−2, 2] × [−1, 3], computed with
    /// ``LossKit/LossLandscape/grid(x:y:steps:_:)``, with an optional path.
    public static func rosenbrockLandscape(path: [(x: Double, y: Double)] = [], steps: Int = 80) -> Figure {
        let surface = LossLandscape.grid(x: -2...2, y: -1...3, steps: steps) { rosenbrock($0) }
        return lossLandscape(surface, path: path, title: "The Rosenbrock function")
    }

    /// The surface's value at the grid point nearest to (x, y).
    static func value(of surface: LossSurface, atX x: Double, y: Double) -> Double {
        let column = surface.xs.indices.min { Swift.abs(surface.xs[$0] - x) < Swift.abs(surface.xs[$1] - x) } ?? 0
        let row = surface.ys.indices.min { Swift.abs(surface.ys[$0] - y) < Swift.abs(surface.ys[$1] - y) } ?? 0
        return surface.values[row][column]
    }
}
