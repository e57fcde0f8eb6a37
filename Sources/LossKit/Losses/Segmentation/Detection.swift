// Losses for object detection: predicted boxes against true boxes, scored by how much they overlap.
//
// Boxes are rows `[x1, y1, x2, y2]` (top-left and bottom-right corners, x2 ≥ x1 and y2 ≥ y1), and
// row `i` of the prediction is compared with row `i` of the target. Gradients reach both.

/// Computes the IoU loss of matched boxes: one minus their intersection over union.
///
/// `loss = mean over boxes of (1 − I / (U + 1e-6))`, where `I` is the area of the intersection
/// (`max(0, min(x2) − max(x1)) · max(0, min(y2) − max(y1))`) and `U = area(pred) + area(target) − I`.
///
/// Use it for box regression: unlike an L1 loss on coordinates, it does not depend on the boxes'
/// scale. Its weakness: boxes that do not overlap all cost 1 and give no gradient (see
/// ``giouLoss(_:_:)``). Worked example: `[0, 0, 2, 2]` against `[1, 1, 3, 3]`: `I = 1`,
/// `U = 4 + 4 − 1 = 7`, so the loss is `1 − 1/7 ≈ 0.8571`.
///
/// - Parameters:
///   - prediction: Predicted boxes, shape `[N, 4]`, as `[x1, y1, x2, y2]`.
///   - target: True boxes, shape `[N, 4]`.
/// - Returns: A scalar tensor, between 0 (identical boxes, up to `1e-6 / area`) and 1.
/// - Source: the `1 − IoU` form of H. Rezatofighi et al., "Generalized Intersection over Union:
///   A Metric and A Loss for Bounding Box Regression", CVPR 2019. The first IoU loss, J. Yu et
///   al., "UnitBox: An Advanced Object Detection Network", ACM Multimedia 2016, is `−ln IoU`.
public func iouLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    let boxes = BoxPair(prediction, target, loss: "iouLoss")
    return (1 - boxes.intersection / (boxes.union + BoxPair.epsilon)).mean()
}

/// Computes the generalized IoU (GIoU) loss of matched boxes: the IoU loss plus a penalty for the
/// empty space of the smallest box enclosing both.
///
/// `GIoU = I / (U + 1e-6) − (C − U) / (C + 1e-6)` and `loss = mean over boxes of (1 − GIoU)`,
/// with `I` and `U` as in ``iouLoss(_:_:)`` and `C` the area of the smallest box enclosing both.
/// The loss lies between 0 and 2; disjoint boxes cost more than 1, the more the farther apart.
///
/// Use it instead of ``iouLoss(_:_:)`` so that boxes that do not overlap yet still get a gradient
/// pulling them together. Worked example: `[0, 0, 1, 1]` against `[2, 0, 3, 1]`: `I = 0`, `U = 2`,
/// `C = 3`, so `GIoU = 0 − 1/3` and the loss is `≈ 1.3333`.
///
/// - Parameters:
///   - prediction: Predicted boxes, shape `[N, 4]`, as `[x1, y1, x2, y2]`.
///   - target: True boxes, shape `[N, 4]`.
/// - Returns: A scalar tensor.
/// - Source: H. Rezatofighi et al., "Generalized Intersection over Union: A Metric and A Loss for
///   Bounding Box Regression", CVPR 2019.
public func giouLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    let boxes = BoxPair(prediction, target, loss: "giouLoss")
    let iou = boxes.intersection / (boxes.union + BoxPair.epsilon)
    let enclosing = boxes.enclosingArea
    return (1 - (iou - (enclosing - boxes.union) / (enclosing + BoxPair.epsilon))).mean()
}

/// Matched predicted and true boxes, split into coordinate columns, with the areas the box losses need.
struct BoxPair {
    /// Added to the denominators, as in the reference implementation.
    static let epsilon = 1e-6

    /// The columns x1, y1, x2, y2 of the predicted boxes, each of shape `[N]`.
    let predicted: [Tensor]
    /// The columns x1, y1, x2, y2 of the true boxes, each of shape `[N]`.
    let target: [Tensor]
    /// The area of the intersection of each pair, 0 for disjoint boxes.
    let intersection: Tensor
    /// The area of the union of each pair.
    let union: Tensor

    /// Checks that both are `[N, 4]`, splits them into columns and computes intersections and unions.
    init(_ prediction: Tensor, _ target: Tensor, loss: String) {
        checkPrecondition(
            prediction.rank == 2 && prediction.shape[1] == 4 && prediction.shape == target.shape,
            "\(loss) needs prediction and target boxes of the same shape [N, 4] (x1, y1, x2, y2), but got prediction \(prediction.shape) and target \(target.shape)."
        )
        let count = prediction.shape[0]
        let columns = { (boxes: Tensor) in (0..<4).map { boxes.slice(dim: 1, range: $0..<($0 + 1)).reshaped([count]) } }
        let (p, t) = (columns(prediction), columns(target))
        let width = clamp(minimum(p[2], t[2]) - maximum(p[0], t[0]), min: 0)
        let height = clamp(minimum(p[3], t[3]) - maximum(p[1], t[1]), min: 0)
        predicted = p
        self.target = t
        intersection = width * height
        union = (p[2] - p[0]) * (p[3] - p[1]) + (t[2] - t[0]) * (t[3] - t[1]) - intersection
    }

    /// The area of the smallest box enclosing each pair.
    var enclosingArea: Tensor {
        let width = maximum(predicted[2], target[2]) - minimum(predicted[0], target[0])
        let height = maximum(predicted[3], target[3]) - minimum(predicted[1], target[1])
        return width * height
    }
}
