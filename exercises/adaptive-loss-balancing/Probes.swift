import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your
// UncertaintyBalancer, and returns what it computed; the checks (Checks.swift) judge the results
// in a process of their own. Nothing here decides a grade.

/// A balancer for `count` tasks called "task 0", "task 1", … (the scene's names for three).
private func balancer(tasks count: Int) -> Submission.UncertaintyBalancer {
    let names = count == 3 ? ["segmentation", "depth", "detection"] : (0..<count).map { "task \($0)" }
    return Submission.UncertaintyBalancer(taskNames: names)
}

/// Sets the balancer's log-variances.
private func setLogVariances(_ balancer: Submission.UncertaintyBalancer, _ values: [Double]) {
    balancer.logVariances.update { $0 = values }
}

/// A weight history as values: flattened, with its number of entries.
private func history(_ entries: [[Double]]) -> ProbeValues {
    ["weight history": .numbers(entries.flatMap { $0 }), "weight history entries": .integer(entries.count)]
}

/// `combined(_:)` of a fresh balancer on the losses 0.5, 1.5, 2.5, … (`tasks` of them), and where
/// its gradient goes: the shape of the total, whether it depends on anything, and after
/// `backward()` the gradients of `logVariances` and of each loss (0 where none arrived).
/// `canTrain` is false when the total is not a scalar that depends on its inputs (training would stop).
private func differentiability(tasks: Int) -> (values: ProbeValues, canTrain: Bool) {
    let probe = balancer(tasks: tasks)
    let losses = (0..<tasks).map { Tensor(0.5 + Double($0), requiresGrad: true) }
    let total = probe.combined(losses)
    var values: ProbeValues = [
        "check shape": .integers(total.shape), "check depends on inputs": .flag(total.requiresGrad),
    ]
    guard total.count == 1, total.requiresGrad else { return (values, false) }
    total.backward()
    values["check gradient s"] = .numbers(probe.logVariances.grad?.scalars ?? [])
    values["check gradient losses"] = .numbers(losses.map { $0.grad?.item ?? 0 })
    return (values, true)
}

/// Merges `extra` into `values`.
private func merged(_ values: ProbeValues, _ extra: ProbeValues) -> ProbeValues {
    var result = values
    for (name, value) in extra.entries { result[name] = value }
    return result
}

let probes: [Probe] = [
    /// A fresh balancer's weights after its log-variances are set to `s`.
    Probe("weights") { input in
        let s = try input.numbers("s")
        let balancer = balancer(tasks: s.count)
        setLogVariances(balancer, s)
        return ["weights": .numbers(balancer.weights)]
    },
    /// A fresh balancer with log-variances `s`: its weights, and `combined(_:)` of the task losses
    /// `losses` with its gradients with respect to `s` and to each loss.
    Probe("combined") { input in
        let s = try input.numbers("s"), losses = try input.numbers("losses")
        let balancer = balancer(tasks: s.count)
        setLogVariances(balancer, s)
        var result: ProbeValues = ["weights": .numbers(balancer.weights)]
        let lossTensors = losses.map { Tensor($0, requiresGrad: true) }
        let total = balancer.combined(lossTensors)
        result["combined"] = .tensor(total)
        result["depends on inputs"] = .flag(total.requiresGrad)
        if total.requiresGrad && total.count == 1 {
            total.backward()
            if let gradient = balancer.logVariances.grad { result["gradient s"] = .tensor(gradient) }
            result["gradient losses"] = .numbers(lossTensors.map { $0.grad?.item ?? .nan })
        }
        return merged(result, differentiability(tasks: s.count).values)
    },
    /// A fresh balancer trained alone on the constant task losses `losses` for `steps` Adam steps
    /// (learning rate 0.05) through `backward(taskLosses:shared:)`: its weights and log-variances.
    Probe("constant losses") { input in
        let losses = try input.numbers("losses")
        let (check, canTrain) = differentiability(tasks: losses.count)
        guard canTrain else { return check }
        let balancer = balancer(tasks: losses.count)
        let optimizer = Adam(balancer.learnableParameters, learningRate: 0.05)
        for _ in 0..<(try input.integer("steps")) {
            optimizer.zeroGrad()
            balancer.backward(taskLosses: losses.map { Tensor($0) }, shared: [])
            optimizer.step()
        }
        return merged(check, ["weights": .numbers(balancer.weights), "s": .numbers(balancer.logVariances.scalars)])
    },
    /// Trains the three-task scene model of lesson 7 with your balancer for `epochs` epochs (a
    /// shared hidden layer of 32 and one head per task, seed 7; 64 scenes in batches of 16; Adam
    /// with learning rate 0.01 for the model and 0.05 for the balancer). Returns each epoch's mean
    /// task losses, your final weights and weight history, and the weights the trainer reported.
    Probe("train") { input in
        let (check, canTrain) = differentiability(tasks: 3)
        guard canTrain else { return check }
        let balancer = balancer(tasks: 3)
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
        let optimizer = Adam(groups: [ParameterGroup(model.parameters, learningRate: 0.01),
                                      ParameterGroup(balancer.learnableParameters, learningRate: 0.05)])
        let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: balancer, tasks: objectives)
        trainer.progressInterval = .max
        let trained = trainer.fit(MultiTaskDataLoader(scenes, batchSize: 16, seed: 5), epochs: try input.integer("epochs"))
        let losses = trained.epochs.flatMap { report in objectives.map { report.taskLosses[$0.name] ?? .nan } }
        return merged(merged(check, history(balancer.weightHistory)), [
            "task losses": .tensor(shape: [trained.epochs.count, objectives.count], scalars: losses),
            "weights": .numbers(balancer.weights),
            "trainer weights": .numbers(trained.epochs.flatMap(\.weights)),
        ])
    },
    /// A fresh balancer that ends one epoch per row of `s` (each row: the log-variances set
    /// before that epoch ends, `tasks` of them). With `figure` "save" it then saves the weight
    /// plot to task-weights.png in the current folder and returns the file's bytes ("png", absent
    /// when no file was written); with "draw" it returns `weightFigure().pngData()`; with anything
    /// else it draws nothing. Always returns the weight history.
    Probe("plot") { input in
        let tasks = try input.integer("tasks"), values = try input.numbers("s")
        let balancer = balancer(tasks: tasks)
        for start in stride(from: 0, to: values.count, by: tasks) {
            setLogVariances(balancer, Array(values[start..<(start + tasks)]))
            balancer.endEpoch(taskLosses: Array(repeating: 1, count: tasks))
        }
        var result = history(balancer.weightHistory)
        switch try input.text("figure") {
        case "save":
            let path = "task-weights.png"
            try? FileManager.default.removeItem(atPath: path)
            try balancer.saveWeightPlot(to: path)
            if let bytes = FileManager.default.contents(atPath: path) { result["png"] = .bytes(Array(bytes)) }
        case "draw":
            result["png"] = .bytes(try balancer.weightFigure().pngData())
        default:
            break
        }
        return result
    },
]
