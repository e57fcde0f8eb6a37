// Times the focal-curve figure (4 curves of 200 points each computed with LossKit's focal loss,
// legend, grid) rendered at 1500×900 and saved as PNG, in process; prints one line per figure in
// the form `name<TAB>median seconds`, which Benchmarks/run.sh puts next to matplotlib's time.
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
