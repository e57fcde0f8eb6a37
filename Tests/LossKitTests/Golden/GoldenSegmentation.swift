import LossKit

extension GoldenRegistry {
    /// How each segmentation golden case is computed with LossKit.
    static let segmentation: [String: GoldenComputation] = [:]
}
