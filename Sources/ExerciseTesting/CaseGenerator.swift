/// A small deterministic source of numbers in [0, 1) for exercise tests, so that generated
/// (hidden) cases are the same on every machine and in every Swift version.
///
/// It is a 64-bit linear congruential generator (Knuth's MMIX constants) that keeps the top 53
/// bits of its state. Good enough for test inputs; not for statistics.
public struct CaseGenerator {
    /// The generator's state; the sequence is fixed by its starting value.
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// The next number, uniform in [0, 1).
    public mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
