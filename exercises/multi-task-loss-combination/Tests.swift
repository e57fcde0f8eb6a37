import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// Dynamic Weight Average computed with plain Doubles, independently of the submission: the
/// weights for the epoch after `history` (oldest first).
func referenceWeights(after history: [[Double]], tasks: Int, temperature: Double) -> [Double] {
    if history.count < 2 { return Array(repeating: 1, count: tasks) }
    let last = history[history.count - 1], previous = history[history.count - 2]
    var exponentials: [Double] = []
    for task in 0..<tasks { exponentials.append(exp(last[task] / previous[task] / temperature)) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { Double(tasks) * $0 / total }
}

/// The submission's `weights(after:tasks:temperature:)`, after checking it gives one weight per task.
func submittedWeights(after history: [[Double]], tasks: Int, temperature: Double) throws -> [Double] {
    let weights = Submission.DynamicWeightAveraging.weights(after: history, tasks: tasks, temperature: temperature)
    guard weights.count == tasks else {
        throw ExpectationFailure("weights(after:tasks:temperature:) returned \(weights.count) weights for \(tasks) tasks (after \(history.count) epochs); it should return one weight per task, all 1 while fewer than two epochs are known.")
    }
    return weights
}

/// Fails with a message unless `backward(taskLosses:shared:)` back-propagates `Σ wᵢ·Lᵢ`: with
/// the starting weights (all 1), losses `Σx` and `Σx²` must give `∂/∂x = 1 + 2x`.
func requireBackpropagation() throws {
    let weighting = Submission.DynamicWeightAveraging(tasks: 2)
    let x = Tensor([1.0, 2.0], requiresGrad: true)
    weighting.backward(taskLosses: [x.sum(), (x * x).sum()], shared: [])
    guard let gradient = x.grad?.scalars else {
        throw ExpectationFailure("backward(taskLosses:shared:) left no gradient in the model's parameters: build Σ wᵢ·Lᵢ from the loss tensors and call backward() on it.")
    }
    try expectClose(gradient, [3, 5], tolerance: 1e-12,
                    "With weights [1, 1] and losses Σx and Σx² at x = [1, 2], backward(taskLosses:shared:) should leave 1 + 2x in x.grad: x.grad")
}

// The three-task scene problem of lesson 7: 8×8 images of one square or disc, with a mask to
// segment, a depth map to regress and the quadrant of the object's centre to detect.

/// The tasks, in the order of the losses and weights.
let sceneTasks = ["segmentation", "depth", "detection"]

/// Trains a fresh scene model (a shared hidden layer of 32 and one head per task, seed 7) with
/// `weighting` for `epochs` epochs: 64 scenes in batches of 16, Adam with learning rate 0.01;
/// cross-entropy per pixel (segmentation), L1 per pixel (depth), sigmoid focal loss per quadrant
/// (detection).
func trainScenes(with weighting: any TaskWeighting, epochs: Int) -> MultiTaskHistory {
    let scenes = SyntheticData.multiTaskScenes(count: 64, size: 8, seed: 3)
    let model = HardParameterSharing(
        backbone: Sequential(Flatten(), Linear(inputs: 64, outputs: 32), ReLU()),
        heads: [("segmentation", TaskHead(inputs: 32, outputShape: [2, 8, 8])),
                ("depth", TaskHead(inputs: 32, outputShape: [1, 8, 8])),
                ("detection", TaskHead(inputs: 32, outputs: 4))],
        seed: 7)
    let objectives = [
        TaskObjective(name: "segmentation") { output, batch in crossEntropyLoss(output, batch.labels(for: "segmentation")) },
        TaskObjective(name: "depth") { output, batch in l1Loss(output, batch.target(for: "depth")) },
        TaskObjective(name: "detection") { output, batch in sigmoidFocalLoss(output, batch.target(for: "detection")) },
    ]
    let optimizer = Adam(model.parameters + weighting.learnableParameters, learningRate: 0.01)
    let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: weighting, tasks: objectives)
    trainer.progressInterval = .max
    return trainer.fit(MultiTaskDataLoader(scenes, batchSize: 16, seed: 5), epochs: epochs)
}

/// Four epochs of mean losses for three tasks: the first falls steadily, the second stalls, the
/// third falls fast and then rises.
let givenHistory: [[Double]] = [[1.2, 0.8, 0.30], [0.9, 0.78, 0.15], [0.7, 0.77, 0.10], [0.55, 0.76, 0.12]]

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the first two epochs use weight 1 for every task") {
        try expectClose(try submittedWeights(after: [], tasks: 3, temperature: 2), [1, 1, 1],
                        tolerance: 0, "With no epoch finished every weight should be 1: weights")
        try expectClose(try submittedWeights(after: [givenHistory[0]], tasks: 3, temperature: 2),
                        [1, 1, 1], tolerance: 0, "After one epoch (no ratio yet) every weight should be 1: weights")
        let weighting = Submission.DynamicWeightAveraging(tasks: 3)
        weighting.endEpoch(taskLosses: givenHistory[0])
        weighting.endEpoch(taskLosses: givenHistory[1])
        try expect(weighting.weightHistory.count == 2,
                   "After two calls of endEpoch(taskLosses:) weightHistory has \(weighting.weightHistory.count) entries; it should record the weights each epoch used, once per epoch.")
        try expectClose(weighting.weightHistory.flatMap { $0 }, Array(repeating: 1, count: 6), tolerance: 0,
                        "The first two epochs should use weight 1: flattened weightHistory")
    },
    ExerciseTest("the weights match an independent computation from a given loss history", points: 2) {
        for epochs in 2...givenHistory.count {
            let history = Array(givenHistory.prefix(epochs))
            try expectClose(try submittedWeights(after: history, tasks: 3, temperature: 2),
                            referenceWeights(after: history, tasks: 3, temperature: 2), tolerance: 1e-12,
                            "After the first \(epochs) epochs of \(givenHistory) with T = 2: weights(after:)")
        }
        // The same through the training interface: endEpoch updates the weights for the next epoch.
        let weighting = Submission.DynamicWeightAveraging(tasks: 3, temperature: 2)
        for epoch in givenHistory.indices {
            weighting.endEpoch(taskLosses: givenHistory[epoch])
            try expectClose(weighting.weights, referenceWeights(after: Array(givenHistory.prefix(epoch + 1)), tasks: 3, temperature: 2),
                            tolerance: 1e-12, "After endEpoch for epoch \(epoch + 1): weights")
        }
        try expect(weighting.weightHistory.count == givenHistory.count,
                   "After \(givenHistory.count) epochs weightHistory has \(weighting.weightHistory.count) entries.")
    },
    ExerciseTest("the weights sum to K, for K = 2, 3 and 5 tasks") {
        let histories: [[[Double]]] = [
            [[1, 2], [0.5, 1.9]],
            givenHistory,
            [[3, 1, 0.2, 5, 0.9], [2, 1.1, 0.1, 4, 0.8], [1.5, 1.2, 0.11, 2, 0.85]],
        ]
        for history in histories {
            let tasks = history[0].count
            for temperature in [0.5, 2, 10] {
                let weights = try submittedWeights(after: history, tasks: tasks, temperature: temperature)
                try expectClose(weights.reduce(0, +), Double(tasks), tolerance: 1e-12,
                                "The sum of the \(tasks) weights at T = \(temperature) (it should be K = \(tasks))")
            }
        }
    },
    ExerciseTest("a large temperature gives equal weights; a small one gives nearly all of K to the slowest task") {
        // Ratios L(t−1)/L(t−2) of the given history's last two epochs: 0.79, 0.99, 1.2.
        let equal = try submittedWeights(after: givenHistory, tasks: 3, temperature: 1e6)
        try expectClose(equal, [1, 1, 1], tolerance: 1e-5, "At T = 10⁶: weights")
        let sharp = try submittedWeights(after: givenHistory, tasks: 3, temperature: 0.01)
        // The detection loss rose (ratio 1.2), the largest ratio: it gets ≈ 3, the others ≈ 0
        // (the next ratio is 0.2 lower, so the others get about exp(−0.2/0.01) ≈ 2·10⁻⁹ each).
        try expectClose(sharp, [0, 0, 3], tolerance: 1e-6, "At T = 0.01: weights")
    },
    ExerciseTest("on the scene model DWA trains exactly like equal weights for two epochs, then adapts and lowers every loss", points: 2) {
        try requireBackpropagation()
        let epochs = 10
        let dwa = Submission.DynamicWeightAveraging(tasks: 3)
        let adaptive = trainScenes(with: dwa, epochs: epochs)
        let equal = trainScenes(with: EqualWeighting(tasks: 3), epochs: epochs)
        for task in sceneTasks {
            // Same start, same batches and weights 1: the first two epochs must agree.
            try expectClose(Array(adaptive.taskLosses(task).prefix(2)), Array(equal.taskLosses(task).prefix(2)), tolerance: 1e-9,
                            "In epochs 1 and 2 DWA should train exactly like equal weights (the expected values): DWA's \(task) losses")
            let losses = adaptive.taskLosses(task), first = losses.first ?? .nan, last = losses.last ?? .nan
            // Measured with the reference solution: 0.49 (segmentation), 0.17 (depth), 0.58 (detection)
            // times the first epoch's loss (equal weights end within 0.2% of DWA); the limit is 0.8.
            try expect(last < 0.8 * first,
                       "With DWA the \(task) loss went from \(first) in the first epoch to \(last) in the last (equal weights: \(equal.taskLosses(task).last ?? .nan)); it should fall below 80% of where it started.")
        }
        let later = dwa.weightHistory.dropFirst(2).flatMap { $0 }
        // Measured: the largest distance from 1 after epoch 2 is 0.097; the limit is 0.01.
        try expect(later.contains { abs($0 - 1) > 0.01 },
                   "From epoch 3 on, DWA's weights \(Array(dwa.weightHistory.dropFirst(2))) stay at 1: endEpoch should compute the next epoch's weights from the last two epochs' losses.")
    },
]
