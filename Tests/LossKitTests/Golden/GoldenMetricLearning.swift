import LossKit

extension GoldenRegistry {
    /// How each metricLearning golden case is computed with LossKit.
    static let metricLearning: [String: GoldenComputation] = [:]
}
