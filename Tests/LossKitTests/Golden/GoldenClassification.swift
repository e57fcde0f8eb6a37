import LossKit

extension GoldenRegistry {
    /// How each classification golden case is computed with LossKit.
    static let classification: [String: GoldenComputation] = [:]
}
