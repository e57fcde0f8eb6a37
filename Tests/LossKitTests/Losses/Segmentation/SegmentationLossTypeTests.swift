// The segmentation loss types compute what their functional forms compute, and remember it.

import LossKit
import Testing

@Suite("Segmentation loss types")
struct SegmentationLossTypeTests {
    let prediction = sigmoid(LossExtremes.sample([2, 1, 3, 3], seed: 21))
    let target = Tensor(shape: [2, 1, 3, 3], scalars: [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0])

    @Test("Names match the golden fixtures")
    func names() {
        let losses: [any Loss] = [DiceLoss(), TverskyLoss(), FocalTverskyLoss()]
        #expect(losses.map(\.name) == ["dice", "tversky", "focal_tversky"])
    }

    @Test("Each type equals its function and records every call")
    func valuesAndHistory() {
        let pairs: [(any Loss, Double)] = [
            (DiceLoss(smooth: 0.5), diceLoss(prediction, target, smooth: 0.5).item),
            (TverskyLoss(alpha: 0.2, beta: 0.8, smooth: 2), tverskyLoss(prediction, target, alpha: 0.2, beta: 0.8, smooth: 2).item),
            (
                FocalTverskyLoss(alpha: 0.4, beta: 0.6, gamma: 1.5, smooth: 1),
                focalTverskyLoss(prediction, target, alpha: 0.4, beta: 0.6, gamma: 1.5, smooth: 1).item
            ),
        ]
        for (loss, expected) in pairs {
            #expect(loss(prediction, target).item == expected, "\(loss.name)")
            #expect(loss(prediction, target).item == expected, "\(loss.name)")
            #expect(loss.history.values == [expected, expected], "\(loss.name)")
            #expect(loss.history.statistics.trend == 0, "\(loss.name)")
        }
    }

    @Test("Default hyperparameters are those of the functions")
    func defaults() {
        #expect(DiceLoss()(prediction, target).item == diceLoss(prediction, target).item)
        #expect(TverskyLoss()(prediction, target).item == tverskyLoss(prediction, target).item)
        #expect(FocalTverskyLoss()(prediction, target).item == focalTverskyLoss(prediction, target).item)
        let loss = FocalTverskyLoss()
        #expect((loss.alpha, loss.beta, loss.gamma, loss.smooth) == (0.3, 0.7, 0.75, 1))
    }
}
