import Foundation

/// The multi-task training loop: for each batch — one forward pass through the model, one loss per
/// task, the weighting strategy's backward pass (given the model's last shared layer), the
/// regularizers, optional gradient clipping, an optimizer step — then per-task losses and metrics,
/// the strategy's end of epoch, an optional validation pass, the schedule and callbacks.
///
/// ```swift
/// let model = HardParameterSharing(inputs: 64, sharedHidden: [32], tasks: configurations, seed: 0)
/// let weighting = UncertaintyWeighting(tasks: 3)
/// let optimizer = Adam(model.parameters + weighting.learnableParameters, learningRate: 0.01)
/// let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: weighting)
/// let history = trainer.fit(MultiTaskDataLoader(data, batchSize: 16), epochs: 10)
/// // history.taskLosses("depth"), history.weights(for: "depth"), …
/// ```
public final class MultiTaskTrainer {
    /// The model trained.
    public let model: any MultiTaskModel
    /// The optimizer over the model's parameters (and the weighting's learnable parameters).
    public let optimizer: any Optimizer
    /// How the task losses are combined into gradients.
    public let weighting: any TaskWeighting
    /// One objective per task, in the weighting's order.
    public let tasks: [TaskObjective]
    /// Terms added to the combined loss and back-propagated with it, by name (for example the
    /// soft-sharing penalty or a task-correlation regularizer), computed from the outputs and the batch.
    public var regularizers: [(name: String, penalty: ([String: Tensor], MultiTaskBatch) -> Tensor)] = []
    /// When set, all gradients are scaled together to a global L2 norm of at most this before each
    /// step (``clipGradientNorm(_:maxNorm:)``).
    public var maxGradientNorm: Double?
    /// Whether to measure the tasks' gradient conflicts on the last shared layer for every batch
    /// (one extra backward pass per task).
    public var measuresGradientConflicts = false
    /// A schedule stepped once per epoch, after the optimizer.
    public var schedule: (any LearningRateSchedule)?
    /// Called after every epoch; returning `.stop` ends training.
    public var callbacks: [(MultiTaskEpochReport) -> TrainingDecision] = []
    /// Print a progress line every this many epochs (nil: about ten lines for long runs, the last
    /// epoch's included, and none for runs of under ten epochs; `.max`: none).
    public var progressInterval: Int?

    /// A trainer for `model` with one objective per task (in the order of `weighting`'s weights).
    /// Give the weighting's ``TaskWeighting/learnableParameters`` to the optimizer too.
    public init(model: any MultiTaskModel, optimizer: any Optimizer, weighting: any TaskWeighting, tasks: [TaskObjective]) {
        checkPrecondition(!tasks.isEmpty, "MultiTaskTrainer needs at least one task objective.")
        checkPrecondition(weighting.weights.count == tasks.count,
                          "The weighting '\(weighting.name)' has \(weighting.weights.count) weights but there are \(tasks.count) tasks.")
        for task in tasks {
            checkPrecondition(model.taskNames.contains(task.name), "The model has no output for task '\(task.name)'; its tasks are \(model.taskNames).")
        }
        let optimized = Set(optimizer.parameterGroups.flatMap(\.parameters).map(ObjectIdentifier.init))
        checkPrecondition(weighting.learnableParameters.allSatisfy { optimized.contains(ObjectIdentifier($0)) },
                          "The weighting '\(weighting.name)' learns parameters of its own: give weighting.learnableParameters to the optimizer along with the model's.")
        self.model = model
        self.optimizer = optimizer
        self.weighting = weighting
        self.tasks = tasks
    }

    /// A trainer for a model built from task configurations, with each task's standard objective
    /// (``TaskObjective/standard(for:)``) in the model's order.
    public convenience init(model: HardParameterSharing, optimizer: any Optimizer, weighting: any TaskWeighting) {
        checkPrecondition(!model.configurations.isEmpty,
                          "This model was not built from task configurations; pass tasks: [TaskObjective] to MultiTaskTrainer.")
        self.init(model: model, optimizer: optimizer, weighting: weighting, tasks: model.configurations.map(TaskObjective.standard(for:)))
    }

    /// Trains for `epochs` epochs over `loader`, evaluating on `validation` after each epoch.
    @discardableResult
    public func fit(_ loader: MultiTaskDataLoader, epochs: Int, validation: MultiTaskDataset? = nil) -> MultiTaskHistory {
        checkPrecondition(epochs > 0, "fit needs a positive number of epochs, not \(epochs).")
        var loader = loader
        var history = MultiTaskHistory(taskNames: tasks.map(\.name))
        let interval = progressInterval ?? (epochs >= 10 ? max(1, epochs / 10) : Int.max)
        for epoch in 1...epochs {
            let started = Date()
            let learningRate = optimizer.learningRate
            model.train()
            var totals = EpochTotals()
            for batch in loader.epoch() { trainStep(on: batch, into: &totals) }
            let taskLosses = tasks.map { totals.mean(totals.taskLosses[$0.name]) }
            weighting.endEpoch(taskLosses: taskLosses)
            let (validationLosses, validationMetrics) = validation.map(evaluate) ?? ([:], [:])
            schedule?.step()
            let report = MultiTaskEpochReport(
                epoch: epoch, loss: totals.mean(totals.objective),
                taskLosses: Dictionary(uniqueKeysWithValues: zip(tasks.map(\.name), taskLosses)),
                regularization: totals.regularization.mapValues(totals.mean), metrics: totals.metrics.mapValues(totals.mean),
                weights: weighting.weightHistory.last ?? weighting.weights,
                validationTaskLosses: validationLosses, validationMetrics: validationMetrics,
                gradientConflictPenalty: totals.conflictBatches > 0 ? totals.conflictPenalty / Double(totals.conflictBatches) : nil,
                conflictingFraction: totals.conflictBatches > 0 ? totals.conflictingFraction / Double(totals.conflictBatches) : nil,
                learningRate: learningRate, seconds: Date().timeIntervalSince(started))
            history.epochs.append(report)
            if epoch % interval == 0 || (progressInterval == nil && epoch == epochs && epochs >= 10) { print(progressLine(report, of: epochs)) }
            if callbacks.contains(where: { $0(report) == .stop }) { break }
        }
        return history
    }

    /// Each task's loss and metric on `dataset` in evaluation mode, without recording gradients.
    public func evaluate(_ dataset: MultiTaskDataset) -> (losses: [String: Double], metrics: [String: Double]) {
        model.eval()
        defer { model.train() }
        return withoutGradients {
            let batch = dataset.batch(Array(0..<dataset.count))
            let outputs = model.outputs(batch.inputs)
            var losses: [String: Double] = [:], metrics: [String: Double] = [:]
            for task in tasks {
                let output = Self.output(of: task.name, in: outputs)
                losses[task.name] = task.loss(output, batch).item
                if let metric = task.metric { metrics[task.name] = metric(output, batch) }
            }
            return (losses, metrics)
        }
    }

    private func trainStep(on batch: MultiTaskBatch, into totals: inout EpochTotals) {
        optimizer.zeroGrad()
        let outputs = model.outputs(batch.inputs)
        let losses = tasks.map { $0.loss(Self.output(of: $0.name, in: outputs), batch) }
        let size = Double(batch.count)
        let shared = model.lastSharedLayerParameters
        if measuresGradientConflicts, !shared.isEmpty {
            let statistics = MultiTaskMetrics.gradientConflicts(taskLosses: losses, shared: shared)
            totals.conflictPenalty += statistics.penalty
            totals.conflictingFraction += statistics.conflictingFraction
            totals.conflictBatches += 1
        }
        var objective = weighting.backward(taskLosses: losses, shared: shared).item
        for regularizer in regularizers {
            let value = regularizer.penalty(outputs, batch)
            if value.requiresGrad { value.backward() }
            objective += value.item
            totals.regularization[regularizer.name, default: 0] += value.item * size
        }
        if let maxGradientNorm { clipGradientNorm(optimizer.parameterGroups.flatMap(\.parameters), maxNorm: maxGradientNorm) }
        optimizer.step()
        totals.seen += size
        totals.objective += objective * size
        for (task, loss) in zip(tasks, losses) {
            totals.taskLosses[task.name, default: 0] += loss.item * size
            if let metric = task.metric {
                totals.metrics[task.name, default: 0] += metric(Self.output(of: task.name, in: outputs), batch) * size
            }
        }
    }

    private static func output(of task: String, in outputs: [String: Tensor]) -> Tensor {
        guard let output = outputs[task] else { fatalError("The model produced no output for task '\(task)'.") }
        return output
    }

    private func progressLine(_ report: MultiTaskEpochReport, of epochs: Int) -> String {
        var line = "epoch \(report.epoch)/\(epochs)  loss \(String(format: "%.4f", report.loss))"
        for task in tasks {
            line += "  \(task.name) \(String(format: "%.4f", report.taskLosses[task.name] ?? .nan))"
            if let name = task.metricName, let value = report.metrics[task.name] { line += " (\(name) \(String(format: "%.4f", value)))" }
        }
        line += "  weights " + report.weights.map { String(format: "%.3f", $0) }.joined(separator: "/")
        return line
    }
}

/// Sums over an epoch's batches, weighted by batch size.
private struct EpochTotals {
    var seen = 0.0
    var objective = 0.0
    var taskLosses: [String: Double] = [:]
    var regularization: [String: Double] = [:]
    var metrics: [String: Double] = [:]
    var conflictPenalty = 0.0
    var conflictingFraction = 0.0
    var conflictBatches = 0

    func mean(_ total: Double?) -> Double { (total ?? .nan) / Swift.max(seen, 1) }
}
