import LossKit

extension GoldenRegistry {
    /// How each multiTask golden case is computed with LossKit.
    static let multiTask: [String: GoldenComputation] = [:]
}
