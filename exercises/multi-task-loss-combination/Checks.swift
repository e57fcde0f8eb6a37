import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

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

/// The input of the probes that take a loss history (sent flattened, one epoch after the other).
func historyInput(_ history: [[Double]], tasks: Int, temperature: Double) -> ProbeValues {
    ["history": .numbers(history.flatMap { $0 }), "tasks": .integer(tasks), "temperature": .number(temperature)]
}

/// The submission's `weights(after:tasks:temperature:)` from a probe result, after checking it
/// gives one weight per task.
func submittedWeights(_ result: ProbeValues, tasks: Int, epochs: Int) throws -> [Double] {
    let weights = try result.numbers("weights")
    guard weights.count == tasks else {
        throw ExpectationFailure("weights(after:tasks:temperature:) returned \(weights.count) weights for \(tasks) tasks (after \(epochs) epochs); it should return one weight per task, all 1 while fewer than two epochs are known.")
    }
    return weights
}

/// The weight history a probe returned: its number of entries and its weights, flattened.
func weightHistory(_ result: ProbeValues) throws -> (entries: Int, flat: [Double]) {
    (try result.integer("weight history entries"), try result.numbers("weight history"))
}

/// Fails with a message unless the gradient a probe found for `backward(taskLosses:shared:)`
/// (starting weights [1, 1], losses Σx and Σx² at x = [1, 2]) is `1 + 2x`.
func requireBackpropagation(_ result: ProbeValues, gradientName: String = "gradient") throws {
    guard result[gradientName] != nil else {
        throw ExpectationFailure("backward(taskLosses:shared:) left no gradient in the model's parameters: build Σ wᵢ·Lᵢ from the loss tensors and call backward() on it.")
    }
    try expectClose(try result.numbers(gradientName), [3, 5], tolerance: 1e-12,
                    "With weights [1, 1] and losses Σx and Σx² at x = [1, 2], backward(taskLosses:shared:) should leave 1 + 2x in x.grad: x.grad")
}

// The three-task scene problem of lesson 7: 8×8 images of one square or disc, with a mask to
// segment, a depth map to regress and the quadrant of the object's centre to detect.

/// The tasks, in the order of the losses and weights.
let sceneTasks = ["segmentation", "depth", "detection"]

/// Each epoch's mean task losses from a training probe's result, as rows in the order of `sceneTasks`.
func taskLosses(_ result: ProbeValues) throws -> [[Double]] {
    let (shape, values) = try result.shapedNumbers("task losses")
    return (0..<(shape.first ?? 0)).map { Array(values[($0 * 3)..<($0 * 3 + 3)]) }
}

/// Trains a fresh scene model with LossKit's equal weighting, exactly as the training probe
/// trains it with yours (a shared hidden layer of 32 and one head per task, seed 7; 64 scenes in
/// batches of 16, Adam with learning rate 0.01): the reference run, computed here.
func equalWeightingLosses(epochs: Int) -> [[Double]] {
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
    let weighting = EqualWeighting(tasks: 3)
    let optimizer = Adam(model.parameters + weighting.learnableParameters, learningRate: 0.01)
    let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: weighting, tasks: objectives)
    trainer.progressInterval = .max
    let history = trainer.fit(MultiTaskDataLoader(scenes, batchSize: 16, seed: 5), epochs: epochs)
    return history.epochs.map { report in sceneTasks.map { report.taskLosses[$0] ?? .nan } }
}

/// Four epochs of mean losses for three tasks: the first falls steadily, the second stalls, the
/// third falls fast and then rises.
let givenHistory: [[Double]] = [[1.2, 0.8, 0.30], [0.9, 0.78, 0.15], [0.7, 0.77, 0.10], [0.55, 0.76, 0.12]]

let checks: [Check] = [
    Check("the first two epochs use weight 1 for every task") { learner in
        let weights = try learner.run("weights", each: [
            historyInput([], tasks: 3, temperature: 2), historyInput([givenHistory[0]], tasks: 3, temperature: 2),
        ])
        try expectClose(try submittedWeights(weights[0], tasks: 3, epochs: 0), [1, 1, 1],
                        tolerance: 0, "With no epoch finished every weight should be 1: weights")
        try expectClose(try submittedWeights(weights[1], tasks: 3, epochs: 1), [1, 1, 1],
                        tolerance: 0, "After one epoch (no ratio yet) every weight should be 1: weights")
        // Three epochs, so that weights that are always 1 do not pass: the third uses DWA's weights.
        let run = try learner.run("epochs", historyInput(Array(givenHistory.prefix(3)), tasks: 3, temperature: 2))
        let (entries, flat) = try weightHistory(run)
        try expect(entries == 3,
                   "After three calls of endEpoch(taskLosses:) weightHistory has \(entries) entries; it should record the weights each epoch used, once per epoch.")
        try expectClose(Array(flat.prefix(6)), Array(repeating: 1, count: 6), tolerance: 0,
                        "The first two epochs should use weight 1: the first two entries of weightHistory, flattened,")
        try expectClose(Array(flat.dropFirst(6)), referenceWeights(after: Array(givenHistory.prefix(2)), tasks: 3, temperature: 2),
                        tolerance: 1e-12,
                        "The third epoch should use the weights computed from the first two epochs' losses (T = 2): weightHistory[2]")
    },
    Check("the weights match an independent computation from a given loss history", points: 2) { learner in
        let results = try learner.run("weights", each: (2...givenHistory.count).map {
            historyInput(Array(givenHistory.prefix($0)), tasks: 3, temperature: 2)
        })
        for (epochs, result) in zip(2...givenHistory.count, results) {
            let history = Array(givenHistory.prefix(epochs))
            try expectClose(try submittedWeights(result, tasks: 3, epochs: epochs),
                            referenceWeights(after: history, tasks: 3, temperature: 2), tolerance: 1e-12,
                            "After the first \(epochs) epochs of \(givenHistory) with T = 2: weights(after:)")
        }
        // The same through the training interface: endEpoch updates the weights for the next epoch.
        let run = try learner.run("epochs", historyInput(givenHistory, tasks: 3, temperature: 2))
        for epoch in givenHistory.indices {
            try expectClose(try run.numbers("weights after epoch \(epoch + 1)"),
                            referenceWeights(after: Array(givenHistory.prefix(epoch + 1)), tasks: 3, temperature: 2),
                            tolerance: 1e-12, "After endEpoch for epoch \(epoch + 1): weights")
        }
        let entries = try weightHistory(run).entries
        try expect(entries == givenHistory.count, "After \(givenHistory.count) epochs weightHistory has \(entries) entries.")
    },
    Check("the weights sum to K, for K = 2, 3 and 5 tasks, and a larger loss ratio gets a larger weight") { learner in
        let histories: [[[Double]]] = [
            [[1, 2], [0.5, 1.9]],
            givenHistory,
            [[3, 1, 0.2, 5, 0.9], [2, 1.1, 0.1, 4, 0.8], [1.5, 1.2, 0.11, 2, 0.85]],
        ]
        let temperatures = [0.5, 2, 10]
        let cases = histories.flatMap { history in temperatures.map { (history: history, temperature: $0) } }
        let results = try learner.run("weights", each: cases.map {
            historyInput($0.history, tasks: $0.history[0].count, temperature: $0.temperature)
        })
        for (item, result) in zip(cases, results) {
            let tasks = item.history[0].count
            let weights = try submittedWeights(result, tasks: tasks, epochs: item.history.count)
            try expectClose(weights.reduce(0, +), Double(tasks), tolerance: 1e-12,
                            "The sum of the \(tasks) weights at T = \(item.temperature) (it should be K = \(tasks))")
            // Weights that are all equal sum to K too; DWA ranks the tasks by L(t−1)/L(t−2).
            let last = item.history[item.history.count - 1], previous = item.history[item.history.count - 2]
            let rates = (0..<tasks).map { last[$0] / previous[$0] }
            for i in 0..<tasks {
                for j in 0..<tasks where rates[i] > rates[j] {
                    try expect(weights[i] > weights[j],
                               "With \(tasks) tasks at T = \(item.temperature), task \(i) has the loss ratio L(t−1)/L(t−2) = \(rates[i]) and task \(j) \(rates[j]), but weights \(weights[i]) and \(weights[j]): the task whose loss fell less should get the larger weight.")
                }
            }
        }
    },
    Check("a large temperature gives equal weights; a small one gives nearly all of K to the slowest task") { learner in
        // Ratios L(t−1)/L(t−2) of the given history's last two epochs: 0.79, 0.99, 1.2.
        let results = try learner.run("weights", each: [
            historyInput(givenHistory, tasks: 3, temperature: 1e6), historyInput(givenHistory, tasks: 3, temperature: 0.01),
        ])
        try expectClose(try submittedWeights(results[0], tasks: 3, epochs: 4), [1, 1, 1], tolerance: 1e-5, "At T = 10⁶: weights")
        // The detection loss rose (ratio 1.2), the largest ratio: it gets ≈ 3, the others ≈ 0
        // (the next ratio is 0.2 lower, so the others get about exp(−0.2/0.01) ≈ 2·10⁻⁹ each).
        try expectClose(try submittedWeights(results[1], tasks: 3, epochs: 4), [0, 0, 3], tolerance: 1e-6, "At T = 0.01: weights")
    },
    Check("on the scene model DWA trains exactly like equal weights for two epochs, then adapts and lowers every loss", points: 2) { learner in
        let epochs = 10
        let result = try learner.run("train", ["epochs": .integer(epochs), "temperature": .number(2)])
        try requireBackpropagation(result, gradientName: "check gradient")
        let adaptive = try taskLosses(result)
        try expect(adaptive.count == epochs, "Training ran \(adaptive.count) epochs instead of \(epochs).")
        // The reference run with LossKit's EqualWeighting, from the same start, computed here.
        let equal = equalWeightingLosses(epochs: epochs)
        for (index, task) in sceneTasks.enumerated() {
            // Same start, same batches and weights 1: the first two epochs must agree.
            try expectClose(adaptive.prefix(2).map { $0[index] }, equal.prefix(2).map { $0[index] }, tolerance: 1e-9,
                            "In epochs 1 and 2 DWA should train exactly like equal weights (the expected values): DWA's \(task) losses")
            let first = adaptive[0][index], last = adaptive[epochs - 1][index]
            // Measured with the reference solution: 0.49 (segmentation), 0.17 (depth), 0.58 (detection)
            // times the first epoch's loss (equal weights end within 0.2% of DWA); the limit is 0.8.
            try expect(last < 0.8 * first,
                       "With DWA the \(task) loss went from \(first) in the first epoch to \(last) in the last (equal weights: \(equal[epochs - 1][index])); it should fall below 80% of where it started.")
        }
        let (entries, flat) = try weightHistory(result)
        let later = Array(flat.dropFirst(6))
        // Measured: the largest distance from 1 after epoch 2 is 0.097; the limit is 0.01.
        try expect(entries == epochs, "After \(epochs) epochs weightHistory has \(entries) entries; endEpoch(taskLosses:) should record the weights each epoch used, once per epoch.")
        try expect(later.contains { abs($0 - 1) > 0.01 },
                   "From epoch 3 on, DWA's weights \(rows(later)) stay at 1: endEpoch should compute the next epoch's weights from the last two epochs' losses.")
    },
]

/// Flattened weights of three tasks as rows, for messages.
func rows(_ flat: [Double]) -> [[Double]] {
    stride(from: 0, to: flat.count, by: 3).map { Array(flat[$0..<min($0 + 3, flat.count)]) }
}
