// Times two figures rendered and saved as PNG, in process: the focal-curve figure (4 curves of
// 200 points each computed with LossKit's focal loss, legend, grid) at 1500×900, and a filled
// contour of a 100×100 grid with a colorbar at 1000×800. Prints one line per measurement in the
// form `name<TAB>median seconds`, which Benchmarks/run.sh puts next to matplotlib's time.
//
//     swift run -c release PlotBenchmarks

import Foundation
import LossPlot

let clock = ContinuousClock()
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()  // warm-up
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = try clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

let output = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-focal-bench.png").path
let renderAndSave = try median(runs: 21) {
    try Plots.focalCurve(gammas: [0, 1, 2, 5], width: 1500, height: 900).savePNG(to: output)
}
let renderOnly = try median(runs: 21) {
    _ = try Plots.focalCurve(gammas: [0, 1, 2, 5], width: 1500, height: 900).pngData()
}
print("focal-curve render+save\t\(renderAndSave)")
print("focal-curve render to PNG bytes\t\(renderOnly)")

/// The filled contour of a 100×100 grid (a tilted valley with ripples) with a colorbar, as
/// peers/focal_curve.py draws it with matplotlib's contourf.
func contourFigure() -> Figure {
    let x = (0..<100).map { -2 + 4 * Double($0) / 99 }
    let y = (0..<100).map { -1 + 3 * Double($0) / 99 }
    let z = y.map { b in x.map { w in (1 - w) * (1 - w) + 5 * (b - w * w) * (b - w * w) + 0.3 * sin(3 * w) * cos(3 * b) } }
    let figure = Figure(width: 1000, height: 800)
    figure.axes.contour(x: x, y: y, z: z, levels: .automatic(10), filled: true)
    figure.axes.colorbar(label: "loss")
    figure.axes.title = "A 100×100 loss surface"
    return figure
}
let contourOutput = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-contour-bench.png").path
let contourSave = try median(runs: 21) { try contourFigure().savePNG(to: contourOutput) }
print("contour 100x100 + colorbar render+save\t\(contourSave)")
