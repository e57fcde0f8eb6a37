import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

// The three-task scene problem of lesson 7: 8×8 images of one square or disc, with a mask to
// segment, a depth map to regress and the quadrant of the object's centre to detect.

/// The tasks, in the order of the losses and weights.
let sceneTasks = ["segmentation", "depth", "detection"]

/// A shared backbone (one hidden layer of 32) and one head per task, from a fixed seed.
func makeSceneModel() -> HardParameterSharing {
    HardParameterSharing(
        backbone: Sequential(Flatten(), Linear(inputs: 64, outputs: 32), ReLU()),
        heads: [("segmentation", TaskHead(inputs: 32, outputShape: [2, 8, 8])),
                ("depth", TaskHead(inputs: 32, outputShape: [1, 8, 8])),
                ("detection", TaskHead(inputs: 32, outputs: 4))],
        seed: 7)
}

/// Cross-entropy on every pixel (segmentation), L1 on every pixel (depth) and the sigmoid focal
/// loss on the four quadrants (detection).
func sceneObjectives() -> [TaskObjective] {
    [
        TaskObjective(name: "segmentation") { output, batch in crossEntropyLoss(output, batch.labels(for: "segmentation")) },
        TaskObjective(name: "depth") { output, batch in l1Loss(output, batch.target(for: "depth")) },
        TaskObjective(name: "detection") { output, batch in sigmoidFocalLoss(output, batch.target(for: "detection")) },
    ]
}

/// Trains the scene model for `epochs` epochs (64 scenes, batches of 16, Adam with learning rate
/// 0.01 for the model and 0.05 for the balancer's own parameters).
func trainScenes(with balancer: Submission.UncertaintyBalancer, epochs: Int) -> MultiTaskHistory {
    let scenes = SyntheticData.multiTaskScenes(count: 64, size: 8, seed: 3)
    let model = makeSceneModel()
    let optimizer = Adam(groups: [ParameterGroup(model.parameters, learningRate: 0.01),
                                  ParameterGroup(balancer.learnableParameters, learningRate: 0.05)])
    let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: balancer, tasks: sceneObjectives())
    trainer.progressInterval = .max
    return trainer.fit(MultiTaskDataLoader(scenes, batchSize: 16, seed: 5), epochs: epochs)
}

/// Fails with a message unless `combined(_:)` gives a scalar through which gradients reach both
/// the task losses and `logVariances` (training would stop at the first step otherwise).
func requireDifferentiable(tasks: Int = 3) throws {
    let probe = Submission.UncertaintyBalancer(taskNames: (0..<tasks).map { "task \($0)" })
    let losses = (0..<tasks).map { Tensor(0.5 + Double($0), requiresGrad: true) }
    let total = probe.combined(losses)
    guard total.count == 1, total.requiresGrad else {
        throw ExpectationFailure("combined(_:) should return a scalar tensor built from the task losses and logVariances with tensor operations (shape [], requiring gradients), but it returned shape \(total.shape) with requiresGrad \(total.requiresGrad). Complete combined(_:) first.")
    }
    total.backward()
    guard let gradient = probe.logVariances.grad, gradient.scalars.contains(where: { $0 != 0 }) else {
        throw ExpectationFailure("No gradient reached logVariances from combined(_:): use logVariances[i] (a tensor) in the formula, not its Double value, so that the log-variances can be learned.")
    }
    guard losses.allSatisfy({ ($0.grad?.item ?? 0) != 0 }) else {
        throw ExpectationFailure("No gradient reached some task loss from combined(_:): every loss must enter the total, multiplied by its weight exp(−sᵢ).")
    }
}

/// Sets the balancer's log-variances.
func setLogVariances(_ balancer: Submission.UncertaintyBalancer, _ values: [Double]) {
    balancer.logVariances.update { $0 = values }
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the weights are exp(−sᵢ)") {
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        let s = [0.3, -0.5, 1.1]
        setLogVariances(balancer, s)
        try expectClose(balancer.weights, s.map { exp(-$0) }, tolerance: 1e-12,
                        "With s = \(s) the weights should be exp(−s): weights")
    },
    ExerciseTest("the combined loss is Σ exp(−sᵢ)·Lᵢ + sᵢ, with gradients to the losses and to s", points: 2) {
        try requireDifferentiable()
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        let s = [0.3, -0.5, 1.1], losses = [2.0, 0.5, 1.5]
        setLogVariances(balancer, s)
        let lossTensors = losses.map { Tensor($0, requiresGrad: true) }
        let total = balancer.combined(lossTensors)
        let expected = zip(s, losses).map { exp(-$0) * $1 + $0 }.reduce(0, +)
        try expectClose(total.item, expected, tolerance: 1e-12, "The combined loss for L = \(losses), s = \(s)")
        total.backward()
        // ∂/∂sᵢ = 1 − exp(−sᵢ)·Lᵢ and ∂/∂Lᵢ = exp(−sᵢ).
        try expectClose(balancer.logVariances.grad?.scalars ?? [], zip(s, losses).map { 1 - exp(-$0) * $1 }, tolerance: 1e-12,
                        "∂(combined loss)/∂s")
        try expectClose(lossTensors.map { $0.grad?.item ?? .nan }, s.map { exp(-$0) }, tolerance: 1e-12,
                        "∂(combined loss)/∂L")
    },
    ExerciseTest("on constant losses the learned weights approach the optimum 1/Lᵢ (sᵢ = log Lᵢ)", points: 2) {
        try requireDifferentiable()
        // d/ds (e^{−s}·L + s) = 1 − e^{−s}·L is 0 at s = log L: the weight e^{−s} becomes 1/L.
        let losses = [2.5, 0.4, 1.2]
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        let optimizer = Adam(balancer.learnableParameters, learningRate: 0.05)
        for _ in 0..<1000 {
            optimizer.zeroGrad()
            balancer.backward(taskLosses: losses.map { Tensor($0) }, shared: [])
            optimizer.step()
        }
        try expectClose(balancer.weights, losses.map { 1 / $0 }, tolerance: 1e-3,
                        "After 1000 Adam steps on constant losses \(losses) the weights should be near the optimum 1/L: weights")
    },
    ExerciseTest("training the scene model lowers all three task losses, and the weights move toward 1/Lᵢ", points: 2) {
        try requireDifferentiable()
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        let history = trainScenes(with: balancer, epochs: 12)
        for task in sceneTasks {
            let losses = history.taskLosses(task)
            let first = losses.first ?? .nan, last = losses.last ?? .nan
            // Measured with the reference solution: the last epoch's loss is 0.44 (segmentation),
            // 0.15 (depth) and 0.48 (detection) times the first epoch's; the limit is 0.8.
            try expect(last < 0.8 * first,
                       "The \(task) loss went from \(first) in the first epoch to \(last) in the last; it should fall below 80% of where it started.")
        }
        let lastLosses = sceneTasks.map { history.taskLosses($0).last ?? .nan }
        let weights = balancer.weights
        for (index, task) in sceneTasks.enumerated() {
            // Every loss ends below 1, so every optimum 1/L is above 1: each weight must have risen.
            // Measured: 3.58 (segmentation), 8.78 (depth), 10.12 (detection); the limit is 1.1.
            try expect(weights.count == sceneTasks.count && weights[index] > 1.1,
                       "After training, the \(task) weight is \(weights.count > index ? weights[index] : .nan) while its loss is \(lastLosses[index]) (optimum 1/L = \(1 / lastLosses[index])); it should have risen above 1.1 from its start at 1.")
        }
        // A smaller loss earns a larger weight: losses 0.270 > 0.114 > 0.038 give weights
        // 3.58 < 8.78 < 10.12 with the reference solution.
        let byLoss = sceneTasks.indices.sorted { lastLosses[$0] > lastLosses[$1] }
        try expect(zip(byLoss, byLoss.dropFirst()).allSatisfy { weights[$0] < weights[$1] },
                   "After training, the losses are \(lastLosses) and the weights \(weights) (tasks \(sceneTasks)); the task with the smaller loss should have the larger weight, as 1/L does.")
    },
    ExerciseTest("the weight history has one entry per epoch: the weights at that epoch's end") {
        try requireDifferentiable()
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        let history = trainScenes(with: balancer, epochs: 5)
        try expect(balancer.weightHistory.count == 5,
                   "After 5 epochs weightHistory has \(balancer.weightHistory.count) entries; endEpoch(taskLosses:) should append the current weights once per epoch.")
        try expectClose(balancer.weightHistory.last ?? [], balancer.weights, tolerance: 1e-12,
                        "The last entry of weightHistory should equal the current weights: weightHistory.last")
        try expectClose(balancer.weightHistory.flatMap { $0 }, history.weights.flatMap { $0 }, tolerance: 1e-12,
                        "weightHistory should hold the weights the trainer reported at the end of each epoch: flattened weightHistory")
        try expect(Set(balancer.weightHistory.map { $0.map { ($0 * 1e9).rounded() } }).count == 5,
                   "The 5 entries of weightHistory are not all different, but the weights change every epoch: append a copy of the current weights in endEpoch(taskLosses:).")
    },
    ExerciseTest("the weight plot is saved as a PNG image") {
        let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
        for epoch in 1...4 {
            let e = Double(epoch)
            setLogVariances(balancer, [-0.1 * e, -0.3 * e, -0.5 * e])
            balancer.endEpoch(taskLosses: [1, 1, 1])
        }
        let path = "task-weights.png"
        try? FileManager.default.removeItem(atPath: path)
        try balancer.saveWeightPlot(to: path)
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ExpectationFailure("saveWeightPlot(to: \"\(path)\") wrote no file. Build a Figure of the weight history and call its savePNG(to:).")
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try expect(Array(bytes.prefix(8)) == signature,
                   "The file saveWeightPlot(to:) wrote (\(bytes.count) bytes) is not a PNG image: use Figure's savePNG(to:).")
        try expect(bytes.count > 2000, "The PNG is only \(bytes.count) bytes: it should hold a plot with one line per task.")
    },
]
