import Foundation

/// Examples for supervised learning: a feature row per example and an integer label per example
/// (plus, for dense tasks, a target tensor such as a mask).
public struct Dataset: Sendable {
    /// The inputs, shape [N, ...].
    public let features: Tensor.Values
    /// The shape of the features, [N, ...].
    public let featureShape: [Int]
    /// One class label per example (empty when the dataset has only dense targets).
    public let labels: [Int]
    /// Dense targets (masks, boxes), shape [N, ...], when the task has them.
    public let targets: Tensor.Values?
    /// The shape of the dense targets.
    public let targetShape: [Int]?

    /// A dataset from feature values of shape `featureShape` and labels.
    public init(features: [Double], shape featureShape: [Int], labels: [Int], targets: [Double]? = nil, targetShape: [Int]? = nil) {
        checkPrecondition(features.count == featureShape.reduce(1, *),
                          "Dataset features have \(features.count) values, but shape \(featureShape) needs \(featureShape.reduce(1, *)).")
        checkPrecondition(labels.isEmpty || labels.count == featureShape.first,
                          "Dataset has \(featureShape.first ?? 0) examples but \(labels.count) labels.")
        self.features = Tensor.Values(features)
        self.featureShape = featureShape
        self.labels = labels
        self.targets = targets.map(Tensor.Values.init)
        self.targetShape = targetShape
    }

    /// How many examples there are.
    public var count: Int { featureShape.first ?? 0 }

    /// The features as a tensor, [N, ...].
    public var inputs: Tensor { Tensor(shape: featureShape, scalars: features.values) }

    /// The examples at `indices`, as a batch.
    public func batch(_ indices: [Int]) -> Batch {
        let rowSize = featureShape.dropFirst().reduce(1, *)
        var rows: [Double] = []
        rows.reserveCapacity(indices.count * rowSize)
        for index in indices { rows += features.values[(index * rowSize)..<((index + 1) * rowSize)] }
        var target: Tensor?
        if let targets, let targetShape {
            let targetSize = targetShape.dropFirst().reduce(1, *)
            var values: [Double] = []
            for index in indices { values += targets.values[(index * targetSize)..<((index + 1) * targetSize)] }
            target = Tensor(shape: [indices.count] + targetShape.dropFirst(), scalars: values)
        }
        return Batch(
            inputs: Tensor(shape: [indices.count] + featureShape.dropFirst(), scalars: rows),
            labels: labels.isEmpty ? [] : indices.map { labels[$0] }, targets: target)
    }

    /// Splits into a training part (the first `fraction`, after a seeded shuffle) and the rest.
    public func split(trainingFraction fraction: Double, seed: UInt64 = 0) -> (training: Dataset, test: Dataset) {
        var generator = SeededGenerator(seed: seed)
        let order = Array(0..<count).shuffled(using: &generator)
        let cut = Int((Double(count) * fraction).rounded())
        return (subset(Array(order[..<cut])), subset(Array(order[cut...])))
    }

    /// The examples at `indices`, as a dataset.
    public func subset(_ indices: [Int]) -> Dataset {
        let batch = batch(indices)
        return Dataset(
            features: batch.inputs.scalars, shape: batch.inputs.shape, labels: batch.labels,
            targets: batch.targets?.scalars, targetShape: batch.targets?.shape)
    }
}

/// A group of examples to train on at once.
public struct Batch {
    /// The inputs, [B, ...].
    public let inputs: Tensor
    /// Their class labels.
    public let labels: [Int]
    /// Dense targets, when the dataset has them.
    public let targets: Tensor?
}

extension Tensor {
    /// Plain values that can be shared between threads (tensors themselves are references).
    public struct Values: Sendable {
        /// The numbers, row-major.
        public let values: [Double]
        /// Wraps `values`.
        public init(_ values: [Double]) { self.values = values }
    }
}
