// Serving examples in seeded batches, whatever a batch holds: one loader for plain datasets
// (`DataLoader(dataset, batchSize:)`) and multi-task ones (`MultiTaskDataLoader`), around the
// order of `BatchOrder`.

/// Examples that a ``DataLoader`` can serve in batches: how many there are, and the batch made of
/// any of them.
public protocol BatchSource {
    /// What one batch holds: ``Batch`` for a ``Dataset``, ``MultiTaskBatch`` for a ``MultiTaskDataset``.
    associatedtype Batch
    /// How many examples there are.
    var count: Int { get }
    /// The examples at `indices`, in that order, as one batch.
    func batch(_ indices: [Int]) -> Batch
}

extension Dataset: BatchSource {}
extension MultiTaskDataset: BatchSource {}

/// Serves a dataset in batches, shuffled with a seed each epoch so that runs repeat exactly.
///
/// ```swift
/// var loader = DataLoader(training, batchSize: 32, seed: 1)
/// for batch in loader.epoch() { … }   // each call to epoch() reshuffles
/// ```
///
/// The loader is the same for every kind of dataset (any ``BatchSource``): a ``Dataset`` gives
/// batches of ``Batch``, a ``MultiTaskDataset`` batches of ``MultiTaskBatch``
/// (``MultiTaskDataLoader`` names that loader).
public struct DataLoader<Examples: BatchSource>: Sequence {
    /// The dataset served.
    public let dataset: Examples
    /// Examples per batch (the last batch may be smaller).
    public let batchSize: Int
    /// Whether to shuffle each epoch.
    public var shuffle: Bool { order.shuffle }
    private var order: BatchOrder

    /// A loader over `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: The examples to serve.
    ///   - batchSize: Examples per batch, at least 1.
    ///   - shuffle: Whether each epoch serves the examples in a new random order (`true` by default).
    ///   - seed: The seed of those orders, so that a run repeats exactly.
    public init(_ dataset: Examples, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0) {
        self.dataset = dataset
        self.batchSize = batchSize
        order = BatchOrder(count: dataset.count, batchSize: batchSize, shuffle: shuffle, seed: seed, loader: "\(Self.self)")
    }

    /// The batches of one epoch; each call reshuffles with the next seeded order.
    public mutating func epoch() -> [Examples.Batch] {
        order.nextEpoch().map { dataset.batch($0) }
    }

    /// Iterates over one epoch's batches (a copy of the loader's generator is used, so iterating
    /// twice gives the same order; call ``epoch()`` on a `var` loader to advance).
    public func makeIterator() -> IndexingIterator<[Examples.Batch]> {
        var copy = self
        return copy.epoch().makeIterator()
    }

    /// Batches per epoch.
    public var batchCount: Int { order.batchCount }
}

/// Serves a ``MultiTaskDataset`` in batches of ``MultiTaskBatch``, shuffled with a seed each epoch
/// so that runs repeat: `MultiTaskDataLoader(data, batchSize: 16, seed: 5)`.
public typealias MultiTaskDataLoader = DataLoader<MultiTaskDataset>
