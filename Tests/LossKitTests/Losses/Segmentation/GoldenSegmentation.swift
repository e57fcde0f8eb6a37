import LossKit

extension GoldenRegistry {
    /// How each segmentation golden case is computed with LossKit.
    static let segmentation: [String: GoldenComputation] = [
        "dice": { try diceLoss($0.tensor("prediction"), $0.tensor("target"), smooth: $0.number("smooth")) },
        "tversky": {
            try tverskyLoss(
                $0.tensor("prediction"), $0.tensor("target"),
                alpha: $0.number("alpha"), beta: $0.number("beta"), smooth: $0.number("smooth")
            )
        },
        "focal_tversky": {
            try focalTverskyLoss(
                $0.tensor("prediction"), $0.tensor("target"), alpha: $0.number("alpha"), beta: $0.number("beta"),
                gamma: $0.number("gamma"), smooth: $0.number("smooth")
            )
        },
        "multiclass_dice": {
            try multiclassDiceLoss($0.tensor("logits"), $0.ints("target"), smooth: $0.number("smooth"))
        },
        "ce_dice": {
            try ceDiceLoss(
                $0.tensor("logits"), $0.ints("target"),
                ceWeight: $0.number("ce_weight"), diceWeight: $0.number("dice_weight")
            )
        },
        "iou": { try iouLoss($0.tensor("pred_boxes"), $0.tensor("target_boxes")) },
        "giou": { try giouLoss($0.tensor("pred_boxes"), $0.tensor("target_boxes")) },
    ]
}
