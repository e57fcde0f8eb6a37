import LossKit

extension GoldenRegistry {
    /// How each multiTask golden case is computed with LossKit.
    /// `losses` is one scalar loss per task, shape [T]; both forms sum over the tasks.
    static let multiTask: [String: GoldenComputation] = [
        "uncertainty_weighting": {
            try uncertaintyWeightedLoss(losses: $0.tensor("losses"), logVariances: $0.tensor("log_vars"))
        },
        "uncertainty_weighting_kendall": {
            try kendallUncertaintyWeightedLoss(losses: $0.tensor("losses"), logSigmas: $0.tensor("log_sigma"))
        },
    ]
}
