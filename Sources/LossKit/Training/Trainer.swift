import Foundation

/// What a callback tells the trainer after an epoch.
public enum TrainingDecision: Sendable {
    /// Go on to the next epoch.
    case continueTraining
    /// Stop after this epoch (early stopping).
    case stop
}

/// The summary of one epoch.
public struct EpochReport: Sendable {
    /// 1-based epoch number.
    public let epoch: Int
    /// The mean training loss over the epoch's examples.
    public let loss: Double
    /// Training metrics by name, averaged over examples.
    public let metrics: [String: Double]
    /// The loss on the validation set, when one was given.
    public let validationLoss: Double?
    /// Validation metrics by name.
    public let validationMetrics: [String: Double]
    /// The learning rate used during the epoch.
    public let learningRate: Double
    /// Seconds the epoch took.
    public let seconds: Double
}

/// Every epoch's report, ready to plot.
public struct TrainingHistory: Sendable {
    /// One report per epoch run.
    public var epochs: [EpochReport] = []
    /// The training loss of each epoch.
    public var losses: [Double] { epochs.map(\.loss) }
    /// The validation loss of each epoch (NaN where there was none).
    public var validationLosses: [Double] { epochs.map { $0.validationLoss ?? .nan } }
    /// The training metric `name` of each epoch.
    public func metric(_ name: String) -> [Double] { epochs.map { $0.metrics[name] ?? .nan } }
    /// The validation metric `name` of each epoch.
    public func validationMetric(_ name: String) -> [Double] { epochs.map { $0.validationMetrics[name] ?? .nan } }
}

/// The common training loop: for each epoch, each batch — forward, loss, backward, optimizer
/// step — then metrics, an optional validation pass, the learning-rate schedule and callbacks.
public final class Trainer {
    /// The model trained.
    public let model: any Module
    /// The optimizer over the model's parameters.
    public let optimizer: any Optimizer
    /// Computes the loss of a batch from the model's output.
    public let loss: (Tensor, Batch) -> Tensor
    /// Metrics computed from the output of each batch (for example ``Metrics/accuracy(_:_:)``).
    public var metrics: [String: (Tensor, Batch) -> Double] = [:]
    /// A schedule stepped once per epoch, after the optimizer.
    public var schedule: (any LearningRateSchedule)?
    /// Called after every epoch; returning `.stop` ends training.
    public var callbacks: [(EpochReport) -> TrainingDecision] = []
    /// Print a progress line every this many epochs (nil: about ten lines for long runs, the last
    /// epoch's included, and none for runs of under ten epochs; `.max`: none).
    public var progressInterval: Int?

    /// A trainer for `model` with `optimizer` and a loss computed from the model's output and the batch.
    public init(model: any Module, optimizer: any Optimizer, loss: @escaping (Tensor, Batch) -> Tensor) {
        self.model = model
        self.optimizer = optimizer
        self.loss = loss
    }

    /// Trains for `epochs` epochs over `loader`, validating on `validation` after each epoch.
    @discardableResult
    public func fit(_ loader: DataLoader<Dataset>, epochs: Int, validation: Dataset? = nil) -> TrainingHistory {
        checkPrecondition(epochs > 0, "fit needs a positive number of epochs, not \(epochs).")
        var loader = loader
        var history = TrainingHistory()
        let interval = progressInterval ?? (epochs >= 10 ? max(1, epochs / 10) : Int.max)
        for epoch in 1...epochs {
            let started = Date()
            let learningRate = optimizer.learningRate
            model.train()
            var totalLoss = 0.0, seen = 0
            var metricTotals: [String: Double] = [:]
            for batch in loader.epoch() {
                optimizer.zeroGrad()
                let output = model(batch.inputs)
                let value = loss(output, batch)
                value.backward()
                optimizer.step()
                let size = batch.inputs.shape.first ?? 1
                totalLoss += value.item * Double(size)
                seen += size
                for (name, metric) in metrics { metricTotals[name, default: 0] += metric(output, batch) * Double(size) }
            }
            var validationLoss: Double?
            var validationMetrics: [String: Double] = [:]
            if let validation {
                model.eval()
                withoutGradients {
                    let batch = validation.batch(Array(0..<validation.count))
                    let output = model(batch.inputs)
                    validationLoss = loss(output, batch).item
                    for (name, metric) in metrics { validationMetrics[name] = metric(output, batch) }
                }
            }
            schedule?.step()
            let report = EpochReport(
                epoch: epoch, loss: totalLoss / Double(max(seen, 1)),
                metrics: metricTotals.mapValues { $0 / Double(max(seen, 1)) }, validationLoss: validationLoss,
                validationMetrics: validationMetrics, learningRate: learningRate, seconds: Date().timeIntervalSince(started))
            history.epochs.append(report)
            if epoch % interval == 0 || (progressInterval == nil && epoch == epochs && epochs >= 10) { print(Self.progressLine(report, of: epochs)) }
            if callbacks.contains(where: { $0(report) == .stop }) { break }
        }
        return history
    }

    static func progressLine(_ report: EpochReport, of epochs: Int) -> String {
        var line = "epoch \(report.epoch)/\(epochs)  loss \(String(format: "%.4f", report.loss))"
        for (name, value) in report.metrics.sorted(by: { $0.key < $1.key }) { line += "  \(name) \(String(format: "%.4f", value))" }
        if let validationLoss = report.validationLoss { line += "  validation loss \(String(format: "%.4f", validationLoss))" }
        for (name, value) in report.validationMetrics.sorted(by: { $0.key < $1.key }) {
            line += "  validation \(name) \(String(format: "%.4f", value))"
        }
        return line
    }
}

/// Common metrics for ``Trainer/metrics``.
public enum Metrics {
    /// The fraction of examples whose highest score (argmax over classes) is their label.
    public static func accuracy(_ logits: Tensor, _ batch: Batch) -> Double {
        let predictions = logits.argmax(dim: -1).scalars.map { Int($0) }
        let correct = zip(predictions, batch.labels).filter { $0 == $1 }.count
        return Double(correct) / Double(max(batch.labels.count, 1))
    }
}
