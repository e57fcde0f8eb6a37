import LossKit

extension GoldenRegistry {
    /// How each regression golden case is computed with LossKit.
    static let regression: [String: GoldenComputation] = [
        "mse": { try mseLoss($0.tensor("prediction"), $0.tensor("target"), reduction: $0.reduction()) },
    ]
}
