// How LossKit's time grows with the size of the input, for BENCHMARKS.md's scaling tables:
// cross-entropy (forward and backward) over 256…16384 rows of 1000 classes and over 10…10000
// classes of 1024 rows, and the Tversky loss over 16 masks of 64²…512² pixels.
// peers/torch_scaling.py times the same workloads with PyTorch. Each line printed is
// `workload<TAB>median seconds`.
//
//     swift run -c release ScalingBenchmarks

import Foundation
import LossKit

let clock = ContinuousClock()

/// The median of `runs` timings after one warm-up call.
func median(runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

manualSeed(0)
var generator = SeededGenerator(seed: 1)

/// Cross-entropy forward and backward on `rows × classes` logits.
@MainActor
func crossEntropy(rows: Int, classes: Int) {
    let logits = Tensor.randomNormal([rows, classes], requiresGrad: true)
    let labels = (0..<rows).map { _ in Int.random(in: 0..<classes, using: &generator) }
    let runs = rows * classes > 4_000_000 ? 7 : 15
    let seconds = median(runs: runs) { logits.zeroGrad(); crossEntropyLoss(logits, labels).backward() }
    print("cross-entropy \(rows)x\(classes)\t\(seconds)")
}

for rows in [256, 1024, 4096, 16384] {
    crossEntropy(rows: rows, classes: 1000)
}
for classes in [10, 100, 10000] {
    crossEntropy(rows: 1024, classes: classes)
}
for side in [64, 128, 256, 512] {
    let shape = [16, 1, side, side]
    let prediction = Tensor.randomUniform(shape, requiresGrad: true)
    let target = Tensor(shape: shape, scalars: (0..<(16 * side * side)).map { _ in
        Double.random(in: 0...1, using: &generator) < 0.1 ? 1 : 0
    })
    let seconds = median(runs: 15) { prediction.zeroGrad(); tverskyLoss(prediction, target, alpha: 0.3, beta: 0.7).backward() }
    print("Tversky 16x1x\(side)x\(side)\t\(seconds)")
}
