import LossKit

extension GoldenRegistry {
    /// How each generative golden case is computed with LossKit.
    static let generative: [String: GoldenComputation] = [:]
}
