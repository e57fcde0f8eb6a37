// Segmentation and box losses at their extremes (empty masks, identical and disjoint boxes), the
// worked examples of their doc comments, and misuse.

import Foundation
import LossKit
import Testing

@Suite("Segmentation and box losses stay finite at the extremes")
struct SegmentationStabilityTests {
    static var overlapLosses: [(String, (Tensor, Tensor) -> Tensor)] { [
        ("dice", { diceLoss($0, $1) }),
        ("tversky", { tverskyLoss($0, $1, alpha: 0.3, beta: 0.7) }),
        ("focal tversky γ = 0.75", { focalTverskyLoss($0, $1, gamma: 0.75) }),
        ("focal tversky γ = 2", { focalTverskyLoss($0, $1, gamma: 2) }),
    ] }

    @Test("Empty prediction and empty target: value 0 and finite gradients")
    func emptyMasks() {
        for (name, loss) in Self.overlapLosses {
            let prediction = Tensor.zeros([2, 1, 4, 4], requiresGrad: true)
            let value = loss(prediction, Tensor.zeros([2, 1, 4, 4]))
            #expect(value.shape == [] && value.item == 0, "\(name): \(value.scalars)")
            value.backward()
            LossExtremes.expectFiniteGradients([prediction])
        }
    }

    @Test("A perfect prediction: focal Tversky is 0 with finite gradients even for γ < 1")
    func perfectPrediction() {
        let mask = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1])
        let prediction = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1], requiresGrad: true)
        let value = focalTverskyLoss(prediction, mask, gamma: 0.5)
        #expect(value.item == 0)
        value.backward()
        LossExtremes.expectFiniteGradients([prediction])
    }

    @Test("Identical boxes: IoU and GIoU losses are 0 (up to eps / area), with finite gradients")
    func identicalBoxes() {
        for loss in [iouLoss, giouLoss] {
            let prediction = Tensor([[10, 10, 50, 50], [0, 0, 1, 2]], requiresGrad: true)
            let value = loss(prediction, Tensor([[10, 10, 50, 50], [0, 0, 1, 2]]))
            #expect(value.item >= 0 && value.item < 1e-6, "\(value.item)")
            value.backward()
            LossExtremes.expectFiniteGradients([prediction])
        }
    }

    @Test("Disjoint boxes: IoU loss is 1 without gradient; GIoU loss exceeds 1 and pulls the boxes together")
    func disjointBoxes() {
        let prediction = Tensor([[0, 0, 10, 10]], requiresGrad: true)
        let target = Tensor([[20, 20, 30, 40]])
        let iou = iouLoss(prediction, target)
        #expect(iou.item == 1)
        iou.backward()
        #expect(gradientValues(of: prediction) == [0, 0, 0, 0])
        prediction.zeroGrad()
        let giou = giouLoss(prediction, target)
        #expect(giou.item > 1)
        giou.backward()
        let gradient = gradientValues(of: prediction)
        // Moving the right and bottom edges towards the target lowers the loss.
        #expect(gradient.allSatisfy(\.isFinite) && gradient[2] < 0 && gradient[3] < 0)
    }

    @Test("Multi-class Dice and CE + Dice at huge logits stay finite")
    func hugeLogits() {
        let logits = Tensor(shape: [1, 3, 1, 2], scalars: [800, -800, 0, 0, -800, 800], requiresGrad: true)
        let value = ceDiceLoss(logits, [0, 2]) + multiclassDiceLoss(logits, [1, 1])
        #expect(value.item.isFinite)
        value.backward()
        LossExtremes.expectFiniteGradients([logits])
    }
}

@Suite("Segmentation doc comments: the worked examples")
struct SegmentationWorkedExampleTests {
    let prediction = Tensor([0.9, 0.2])
    let target = Tensor([1, 0])

    @Test("diceLoss([0.9, 0.2], [1, 0]) = 1 − 2.8/3.1")
    func dice() {
        #expect(abs(diceLoss(prediction, target).item - (1 - 2.8 / 3.1)) < 1e-12)
    }

    @Test("tverskyLoss with α = 0.3, β = 0.7 is 1 − 1.9/2.03; with α = β = 0.5 it is the Dice loss with smooth doubled")
    func tversky() {
        #expect(abs(tverskyLoss(prediction, target).item - (1 - 1.9 / 2.03)) < 1e-12)
        #expect(abs(tverskyLoss(prediction, target, alpha: 0.5, beta: 0.5, smooth: 1).item - diceLoss(prediction, target, smooth: 2).item) < 1e-12)
    }

    @Test("focalTverskyLoss is the Tversky loss to the power γ")
    func focalTversky() {
        let tversky = tverskyLoss(prediction, target).item
        #expect(abs(focalTverskyLoss(prediction, target, gamma: 0.75).item - pow(tversky, 0.75)) < 1e-12)
        #expect(abs(focalTverskyLoss(prediction, target, gamma: 1).item - tversky) < 1e-12)
    }

    @Test("multiclassDiceLoss averages the per-class Dice losses; ceDiceLoss mixes it with cross-entropy")
    func multiclass() {
        // One sample, two classes, two pixels; logits 0 everywhere give probabilities ½.
        let logits = Tensor.zeros([1, 2, 2])
        // Class 0 has pixel 0, class 1 pixel 1: each Dice = (2·½ + 1) / (1 + 1 + 1) = 2/3.
        #expect(abs(multiclassDiceLoss(logits, [0, 1]).item - 1.0 / 3.0) < 1e-12)
        #expect(abs(ceDiceLoss(logits, [0, 1], ceWeight: 1, diceWeight: 0).item - log(2.0)) < 1e-12)
        #expect(abs(ceDiceLoss(logits, [0, 1]).item - (0.5 * log(2.0) + 0.5 / 3.0)) < 1e-12)
    }

    @Test("iouLoss([0, 0, 2, 2], [1, 1, 3, 3]) ≈ 1 − 1/7; giouLoss([0, 0, 1, 1], [2, 0, 3, 1]) ≈ 4/3")
    func boxes() {
        #expect(abs(iouLoss(Tensor([[0, 0, 2, 2]]), Tensor([[1, 1, 3, 3]])).item - (1 - 1 / (7 + 1e-6))) < 1e-12)
        #expect(abs(giouLoss(Tensor([[0, 0, 1, 1]]), Tensor([[2, 0, 3, 1]])).item - (1 + 1 / (3 + 1e-6))) < 1e-12)
    }
}

@Suite("Segmentation and box losses refuse misuse, naming the loss and the shapes")
struct SegmentationMisuseTests {
    @Test("diceLoss with a mask of another shape")
    func diceShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = diceLoss(Tensor.zeros([2, 1, 4, 4]), Tensor.zeros([2, 4, 4]))
        }
        #expect(standardError(of: result).contains("diceLoss needs prediction and target of the same shape, but got prediction [2, 1, 4, 4] and target [2, 4, 4]."))
    }

    @Test("iouLoss with boxes that are not [N, 4]")
    func boxShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = iouLoss(Tensor([[0, 0, 1, 1, 9]]), Tensor([[0, 0, 1, 1, 9]]))
        }
        #expect(standardError(of: result).contains("iouLoss needs prediction and target boxes of the same shape [N, 4] (x1, y1, x2, y2), but got prediction [1, 5] and target [1, 5]."))
    }

    @Test("multiclassDiceLoss with one target too few")
    func targetCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = multiclassDiceLoss(Tensor.zeros([2, 3, 2, 2]), [0, 1, 2, 0, 1, 2, 0])
        }
        #expect(standardError(of: result).contains("multiclassDiceLoss needs logits of shape [N, C, …] and one class per element of [N, …], but got logits [2, 3, 2, 2] and 7 targets."))
    }
}
