/// The order in which a loader serves examples: all indices once per epoch, shuffled with a
/// seeded generator when asked, cut into batches of `batchSize` (the last may be smaller).
struct BatchOrder {
    let count: Int
    let batchSize: Int
    let shuffle: Bool
    private var generator: SeededGenerator

    init(count: Int, batchSize: Int, shuffle: Bool, seed: UInt64, loader: String) {
        checkPrecondition(batchSize > 0, "\(loader) needs a positive batch size, not \(batchSize).")
        self.count = count
        self.batchSize = batchSize
        self.shuffle = shuffle
        generator = SeededGenerator(seed: seed)
    }

    /// The example indices of each batch of the next epoch.
    mutating func nextEpoch() -> [[Int]] {
        var order = Array(0..<count)
        if shuffle { order.shuffle(using: &generator) }
        return stride(from: 0, to: order.count, by: batchSize).map { start in
            Array(order[start..<Swift.min(start + batchSize, order.count)])
        }
    }

    /// Batches per epoch.
    var batchCount: Int { (count + batchSize - 1) / batchSize }
}
