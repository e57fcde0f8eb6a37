import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your
// DynamicWeightAveraging, and returns what it computed; the checks (Checks.swift) judge the
// results in a process of their own. Nothing here decides a grade.

/// The loss history of an input: "history" holds the epochs' mean losses one epoch after the
/// other, "tasks" losses per epoch.
private func lossHistory(_ input: ProbeValues) throws -> [[Double]] {
    let values = try input.numbers("history"), tasks = try input.integer("tasks")
    return stride(from: 0, to: values.count, by: tasks).map { Array(values[$0..<min($0 + tasks, values.count)]) }
}

/// A weight history as values: flattened, with its number of entries.
private func history(_ entries: [[Double]]) -> ProbeValues {
    ["weight history": .numbers(entries.flatMap { $0 }), "weight history entries": .integer(entries.count)]
}

/// Runs your `backward(taskLosses:shared:)` on the losses Σx, Σx², …, Σxᵏ (k tasks) and returns
/// the total it gives and the gradient it leaves in x, when there is one.
private func backpropagate(_ weighting: Submission.DynamicWeightAveraging, tasks: Int, x values: [Double]) -> ProbeValues {
    let x = Tensor(shape: [values.count], scalars: values, requiresGrad: true)
    var power = x, losses: [Tensor] = []
    for _ in 0..<tasks {
        losses.append(power.sum())
        power = power * x
    }
    let total = weighting.backward(taskLosses: losses, shared: [])
    var result: ProbeValues = ["total": .tensor(total)]
    if let gradient = x.grad { result["gradient"] = .tensor(gradient) }
    return result
}

let probes: [Probe] = [
    /// Your `weights(after:tasks:temperature:)` for a loss history.
    Probe("weights") { input in
        let weights = Submission.DynamicWeightAveraging.weights(
            after: try lossHistory(input), tasks: try input.integer("tasks"), temperature: try input.number("temperature"))
        return ["weights": .numbers(weights)]
    },
    /// A fresh weighting (`tasks`, `temperature`) that goes through the epochs of `history` with
    /// `endEpoch`: its weights after each epoch and its weight history at the end.
    Probe("epochs") { input in
        let weighting = Submission.DynamicWeightAveraging(tasks: try input.integer("tasks"), temperature: try input.number("temperature"))
        let epochs = try lossHistory(input)
        var result: ProbeValues = [:]
        for (index, losses) in epochs.enumerated() {
            weighting.endEpoch(taskLosses: losses)
            result["weights after epoch \(index + 1)"] = .numbers(weighting.weights)
        }
        for (name, value) in history(weighting.weightHistory).entries { result[name] = value }
        return result
    },
    /// A fresh weighting (`tasks`, `temperature`) that goes through the epochs of `history`, then
    /// back-propagates Σx, Σx², … at `x` (see ``backpropagate(_:tasks:x:)``).
    Probe("backward") { input in
        let tasks = try input.integer("tasks")
        let weighting = Submission.DynamicWeightAveraging(tasks: tasks, temperature: try input.number("temperature"))
        for losses in try lossHistory(input) { weighting.endEpoch(taskLosses: losses) }
        return backpropagate(weighting, tasks: tasks, x: try input.numbers("x"))
    },
    /// Trains the scene model of lesson 7 (a shared hidden layer of 32 and one head per task,
    /// seed 7; 64 scenes in batches of 16, Adam with learning rate 0.01) for `epochs` epochs with
    /// your weighting at `temperature`. Returns each epoch's mean task losses, the weights the
    /// trainer reported and your weight history. First, a fresh weighting of two tasks
    /// back-propagates Σx and Σx² at x = [1, 2] ("check gradient"); without a gradient there,
    /// training could not work and is skipped.
    Probe("train") { input in
        let check = backpropagate(Submission.DynamicWeightAveraging(tasks: 2), tasks: 2, x: [1, 2])
        var result: ProbeValues = [:]
        if let gradient = check["gradient"] { result["check gradient"] = gradient }
        guard check["gradient"] != nil else { return result }
        let dwa = Submission.DynamicWeightAveraging(tasks: 3, temperature: try input.number("temperature"))
        let epochs = try input.integer("epochs")
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
        let optimizer = Adam(model.parameters + dwa.learnableParameters, learningRate: 0.01)
        let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: dwa, tasks: objectives)
        trainer.progressInterval = .max
        let trained = trainer.fit(MultiTaskDataLoader(scenes, batchSize: 16, seed: 5), epochs: epochs)
        let losses = trained.epochs.flatMap { report in objectives.map { report.taskLosses[$0.name] ?? .nan } }
        result["task losses"] = .tensor(shape: [trained.epochs.count, objectives.count], scalars: losses)
        result["trainer weights"] = .numbers(trained.epochs.flatMap(\.weights))
        for (name, value) in history(dwa.weightHistory).entries { result[name] = value }
        return result
    },
]
