// LossKit's side of the loss and training workloads of BENCHMARKS.md. Each line printed is
// `workload<TAB>median seconds<TAB>peak resident MiB so far`; peers/torch_losses.py prints the
// same workloads for PyTorch, and run.sh puts them side by side.
//
//     swift run -c release LossBenchmarks [name-filter [runs]]
//
// `cross-entropy 200`, say, runs only that workload, 200 timed times: enough samples for a profiler.

import Foundation
import LossKit

let clock = ContinuousClock()

/// How many timed runs each workload makes: 15, or the second argument.
let timedRuns = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 15

/// The median of `runs` timings after two warm-up calls.
func median(runs: Int = timedRuns, _ body: () -> Void) -> Double {
    body()
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Only workloads whose name contains the first argument run, when one is given.
let filter = CommandLine.arguments.dropFirst().first

func report(_ name: String, _ measure: @autoclosure () -> Double) {
    guard filter.map({ name.contains($0) }) ?? true else { return }
    print("\(name)\t\(measure())\t\(peakMegabytes())")
}

manualSeed(0)
var generator = SeededGenerator(seed: 1)

do {
    let logits = Tensor.randomNormal([4096, 1000], requiresGrad: true)
    let labels = (0..<4096).map { _ in Int.random(in: 0..<1000, using: &generator) }
    report("cross-entropy fwd+bwd 4096x1000", median { logits.zeroGrad(); crossEntropyLoss(logits, labels).backward() })
    report("focal (multiclass) fwd+bwd 4096x1000", median { logits.zeroGrad(); focalLoss(logits, labels).backward() })
}
do {
    let z1 = Tensor.randomNormal([1024, 256], requiresGrad: true), z2 = Tensor.randomNormal([1024, 256], requiresGrad: true)
    report("InfoNCE fwd+bwd 1024x256", median { z1.zeroGrad(); z2.zeroGrad(); infoNCELoss(z1, z2, temperature: 0.07).backward() })
}
do {
    let prediction = Tensor.randomUniform([16, 1, 256, 256], requiresGrad: true)
    let target = Tensor(shape: [16, 1, 256, 256], scalars: (0..<(16 * 256 * 256)).map { _ in Double.random(in: 0...1, using: &generator) < 0.1 ? 1 : 0 })
    report("Tversky fwd+bwd 16x1x256x256", median { prediction.zeroGrad(); tverskyLoss(prediction, target, alpha: 0.3, beta: 0.7).backward() })
}
do {
    let embeddings = Tensor.randomNormal([512, 128], requiresGrad: true)
    let labels = (0..<512).map { _ in Int.random(in: 0..<32, using: &generator) }
    report("batch-hard triplet fwd+bwd 512x128", median { embeddings.zeroGrad(); batchHardTripletLoss(embeddings, labels: labels, margin: 0.2).backward() })
}
do {
    let parameter = Tensor.randomNormal([1_000_000], requiresGrad: true)
    parameter.grad = Tensor.randomNormal([1_000_000])
    let adam = Adam([parameter], learningRate: 1e-3)
    report("Adam step 1M parameters", median { adam.step() })
}
do {
    let model = MLP(input: 784, hidden: [256], output: 10)
    let adam = Adam(model.parameters, learningRate: 1e-3)
    let images = Tensor.randomNormal([128, 784])
    let labels = (0..<128).map { _ in Int.random(in: 0..<10, using: &generator) }
    report("MLP 784-256-10 train step, batch 128", median {
        adam.zeroGrad()
        crossEntropyLoss(model(images), labels).backward()
        adam.step()
    })
}
