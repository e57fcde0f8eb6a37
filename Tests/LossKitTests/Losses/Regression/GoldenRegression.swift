import LossKit

extension GoldenRegistry {
    /// How each regression golden case is computed with LossKit.
    static let regression: [String: GoldenComputation] = [
        "mse": { try mseLoss($0.tensor("prediction"), $0.tensor("target"), reduction: $0.reduction()) },
        "l1": { try l1Loss($0.tensor("prediction"), $0.tensor("target"), reduction: $0.reduction()) },
        "huber": {
            try huberLoss($0.tensor("prediction"), $0.tensor("target"), delta: $0.number("delta"), reduction: $0.reduction())
        },
        "smooth_l1": {
            try smoothL1Loss($0.tensor("prediction"), $0.tensor("target"), beta: $0.number("beta"), reduction: $0.reduction())
        },
        "log_cosh": { try logCoshLoss($0.tensor("prediction"), $0.tensor("target"), reduction: $0.reduction()) },
        // The fixture weights squared errors by over_penalty where prediction > target.
        "asymmetric_mse": {
            try asymmetricMSELoss($0.tensor("prediction"), $0.tensor("target"), overPenalty: $0.number("over_penalty"))
        },
    ]
}
