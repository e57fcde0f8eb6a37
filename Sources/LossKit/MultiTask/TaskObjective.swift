/// What a ``MultiTaskTrainer`` optimises and measures for one task: a loss from the task's
/// output and the batch, and optionally a metric.
public struct TaskObjective {
    /// The task's name (the model's head and the dataset's targets use the same name).
    public let name: String
    /// Computes the task's scalar loss from its output and the batch.
    public let loss: (Tensor, MultiTaskBatch) -> Tensor
    /// The metric's name ("accuracy", "mae", …), when there is a metric.
    public let metricName: String?
    /// Computes the metric from the task's output and the batch.
    public let metric: ((Tensor, MultiTaskBatch) -> Double)?

    /// An objective for task `name` with a `loss` and, optionally, a metric called `metricName`.
    public init(
        name: String, metricName: String? = nil, metric: ((Tensor, MultiTaskBatch) -> Double)? = nil,
        loss: @escaping (Tensor, MultiTaskBatch) -> Tensor
    ) {
        checkPrecondition((metricName == nil) == (metric == nil), "TaskObjective '\(name)' needs both a metric and its name, or neither.")
        self.name = name
        self.loss = loss
        self.metricName = metricName
        self.metric = metric
    }

    /// A classification task: cross-entropy on the logits (`[N, C]`, or `[N, C, d1, …]` for a dense
    /// task) against the task's labels, measured by accuracy.
    public static func classification(_ name: String) -> TaskObjective {
        TaskObjective(name: name, metricName: "accuracy", metric: { MultiTaskMetrics.accuracy($0, $1.labels(for: name)) }) { output, batch in
            crossEntropyLoss(output, batch.labels(for: name))
        }
    }

    /// A regression task: mean squared error against the task's targets, measured by mean absolute error.
    public static func regression(_ name: String) -> TaskObjective {
        TaskObjective(name: name, metricName: "mae", metric: { MultiTaskMetrics.meanAbsoluteError($0, $1.target(for: name)) }) { output, batch in
            mseLoss(output, batch.target(for: name).reshaped(output.shape))
        }
    }

    /// The standard objective for a configured task: ``classification(_:)`` or ``regression(_:)``.
    public static func standard(for configuration: TaskConfiguration) -> TaskObjective {
        switch configuration.kind {
        case .classification: classification(configuration.name)
        case .regression: regression(configuration.name)
        }
    }
}

/// The summary of one multi-task epoch.
public struct MultiTaskEpochReport: Sendable {
    /// 1-based epoch number.
    public let epoch: Int
    /// The mean training objective: the combined (weighted) task losses plus the regularizers.
    public let loss: Double
    /// Each task's mean (unweighted) training loss.
    public let taskLosses: [String: Double]
    /// Each regularizer's mean value.
    public let regularization: [String: Double]
    /// Each task's training metric, averaged over examples, by task name.
    public let metrics: [String: Double]
    /// The task weights at the end of the epoch (the weighting's last ``TaskWeighting/weightHistory`` entry).
    public let weights: [Double]
    /// Each task's validation loss, when a validation set was given.
    public let validationTaskLosses: [String: Double]
    /// Each task's validation metric.
    public let validationMetrics: [String: Double]
    /// The mean ``GradientConflictStatistics/penalty`` over the epoch's batches, when measured.
    public let gradientConflictPenalty: Double?
    /// The mean fraction of task pairs whose gradients conflicted, when measured.
    public let conflictingFraction: Double?
    /// The learning rate used during the epoch.
    public let learningRate: Double
    /// Seconds the epoch took.
    public let seconds: Double
}

/// Every multi-task epoch's report, in series ready to plot.
public struct MultiTaskHistory: Sendable {
    /// The task names, in the weighting's order.
    public let taskNames: [String]
    /// One report per epoch run.
    public var epochs: [MultiTaskEpochReport] = []

    /// A history for the tasks `taskNames`.
    public init(taskNames: [String]) { self.taskNames = taskNames }

    /// 1, 2, … as numbers, the x axis of every series.
    public var epochNumbers: [Double] { epochs.map { Double($0.epoch) } }
    /// The training objective of each epoch.
    public var losses: [Double] { epochs.map(\.loss) }
    /// The mean training loss of `task` in each epoch (NaN for an unknown task).
    public func taskLosses(_ task: String) -> [Double] { epochs.map { $0.taskLosses[task] ?? .nan } }
    /// The validation loss of `task` in each epoch (NaN where there was none).
    public func validationTaskLosses(_ task: String) -> [Double] { epochs.map { $0.validationTaskLosses[task] ?? .nan } }
    /// The training metric of `task` in each epoch (NaN where there was none).
    public func metric(for task: String) -> [Double] { epochs.map { $0.metrics[task] ?? .nan } }
    /// The validation metric of `task` in each epoch (NaN where there was none).
    public func validationMetric(for task: String) -> [Double] { epochs.map { $0.validationMetrics[task] ?? .nan } }
    /// The task weights of each epoch, one entry per epoch.
    public var weights: [[Double]] { epochs.map(\.weights) }
    /// The weight of `task` in each epoch.
    public func weights(for task: String) -> [Double] {
        guard let index = taskNames.firstIndex(of: task) else { return epochs.map { _ in .nan } }
        return epochs.map { index < $0.weights.count ? $0.weights[index] : .nan }
    }
    /// Every task's loss series, labelled by task, for one line each in a plot.
    public var taskLossSeries: [(name: String, values: [Double])] { taskNames.map { ($0, taskLosses($0)) } }
    /// Every task's weight series, labelled by task.
    public var weightSeries: [(name: String, values: [Double])] { taskNames.map { ($0, weights(for: $0)) } }
}
