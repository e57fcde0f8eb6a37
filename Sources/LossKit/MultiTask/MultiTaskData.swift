// Data for multi-task learning: one input per example and one target per task (class labels,
// a mask of labels, values to regress), served in seeded batches by `MultiTaskDataLoader`
// (a `DataLoader`, see Data/DataLoader.swift).

/// The targets of one task for every example, stored as numbers: class indices for
/// classification tasks (read them with ``MultiTaskBatch/labels(for:)``), values for regression.
public struct TaskTargets: Sendable {
    /// The task's name, as the model's head and the trainer's objective call it.
    public let name: String
    /// The targets, row-major, shape ``shape``.
    public let values: Tensor.Values
    /// The shape of the targets, `[N, ...]` (for example `[N]` labels, `[N, H, W]` mask labels,
    /// `[N, 4]` values).
    public let shape: [Int]

    /// The targets `values` of shape `shape` for the task `name`.
    public init(name: String, values: [Double], shape: [Int]) {
        checkPrecondition(!shape.isEmpty && values.count == shape.reduce(1, *),
                          "The targets of task '\(name)' have \(values.count) values, but shape \(shape) needs \(shape.reduce(1, *)).")
        self.name = name
        self.values = Tensor.Values(values)
        self.shape = shape
    }

    /// Class labels (one per example, or one per position) for the task `name`; `shape` defaults to `[labels.count]`.
    public init(name: String, labels: [Int], shape: [Int]? = nil) {
        self.init(name: name, values: labels.map(Double.init), shape: shape ?? [labels.count])
    }
}

/// Examples with one input and one target per task.
public struct MultiTaskDataset: Sendable {
    /// The inputs, row-major, shape ``featureShape``.
    public let features: Tensor.Values
    /// The shape of the inputs, `[N, ...]`.
    public let featureShape: [Int]
    /// Each task's targets, in a fixed order.
    public let tasks: [TaskTargets]

    /// A dataset from inputs of shape `featureShape` and the targets of each task (each with `N` rows).
    public init(features: [Double], shape featureShape: [Int], tasks: [TaskTargets]) {
        checkPrecondition(!featureShape.isEmpty && features.count == featureShape.reduce(1, *),
                          "MultiTaskDataset features have \(features.count) values, but shape \(featureShape) needs \(featureShape.reduce(1, *)).")
        for task in tasks {
            checkPrecondition(task.shape.first == featureShape.first,
                              "MultiTaskDataset has \(featureShape[0]) examples, but task '\(task.name)' has targets of shape \(task.shape).")
        }
        checkPrecondition(Set(tasks.map(\.name)).count == tasks.count, "MultiTaskDataset task names must differ: \(tasks.map(\.name)).")
        self.features = Tensor.Values(features)
        self.featureShape = featureShape
        self.tasks = tasks
    }

    /// How many examples there are.
    public var count: Int { featureShape.first ?? 0 }

    /// The task names, in order.
    public var taskNames: [String] { tasks.map(\.name) }

    /// All inputs as one tensor, `[N, ...]`.
    public var inputs: Tensor { Tensor(shape: featureShape, scalars: features.values) }

    /// The examples at `indices`, as a batch.
    public func batch(_ indices: [Int]) -> MultiTaskBatch {
        var targets: [String: Tensor] = [:]
        for task in tasks {
            targets[task.name] = Tensor(shape: [indices.count] + task.shape.dropFirst(), scalars: rows(task.values.values, task.shape, indices))
        }
        let inputs = Tensor(shape: [indices.count] + featureShape.dropFirst(), scalars: rows(features.values, featureShape, indices))
        return MultiTaskBatch(inputs: inputs, targets: targets)
    }

    /// The examples at `indices`, as a dataset.
    public func subset(_ indices: [Int]) -> MultiTaskDataset {
        MultiTaskDataset(
            features: rows(features.values, featureShape, indices), shape: [indices.count] + featureShape.dropFirst(),
            tasks: tasks.map { TaskTargets(name: $0.name, values: rows($0.values.values, $0.shape, indices), shape: [indices.count] + $0.shape.dropFirst()) })
    }

    /// Splits into a training part (the first `fraction`, after a seeded shuffle) and the rest.
    public func split(trainingFraction fraction: Double, seed: UInt64 = 0) -> (training: MultiTaskDataset, test: MultiTaskDataset) {
        checkPrecondition((0...1).contains(fraction), "trainingFraction must be in [0, 1], not \(fraction).")
        var generator = SeededGenerator(seed: seed)
        let order = Array(0..<count).shuffled(using: &generator)
        let cut = Int((Double(count) * fraction).rounded())
        return (subset(Array(order[..<cut])), subset(Array(order[cut...])))
    }

    private func rows(_ values: [Double], _ shape: [Int], _ indices: [Int]) -> [Double] {
        let size = shape.dropFirst().reduce(1, *)
        var result: [Double] = []
        result.reserveCapacity(indices.count * size)
        for index in indices { result += values[(index * size)..<((index + 1) * size)] }
        return result
    }
}

/// A group of examples: their inputs and each task's targets.
public struct MultiTaskBatch {
    /// The inputs, `[B, ...]`.
    public let inputs: Tensor
    /// Each task's targets, by task name.
    public let targets: [String: Tensor]

    /// A batch of `inputs` with `targets` by task name.
    public init(inputs: Tensor, targets: [String: Tensor]) {
        self.inputs = inputs
        self.targets = targets
    }

    /// How many examples the batch holds.
    public var count: Int { inputs.shape.first ?? 1 }

    /// The targets of `task`, `[B, ...]`.
    public func target(for task: String) -> Tensor {
        guard let target = targets[task] else {
            fatalError("The batch has no targets for task '\(task)'; its tasks are \(targets.keys.sorted()).")
        }
        return target
    }

    /// The class labels of `task`, in row-major order (one per example, or one per position of a mask).
    public func labels(for task: String) -> [Int] {
        target(for: task).scalars.map { Int($0.rounded()) }
    }
}
