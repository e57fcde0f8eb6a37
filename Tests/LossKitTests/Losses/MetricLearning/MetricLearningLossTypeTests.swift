// The metric-learning loss types compute what their functional forms compute, and remember it.

import LossKit
import Testing

@Suite("Metric-learning loss types")
struct MetricLearningLossTypeTests {
    let x1 = LossExtremes.sample([6, 4], seed: 11)
    let x2 = LossExtremes.sample([6, 4], seed: 12)
    let x3 = LossExtremes.sample([6, 4], seed: 13)

    @Test("Names match the golden fixtures")
    func names() {
        let losses: [any Loss] = [ContrastiveLoss(), TripletLoss(), InfoNCELoss(), NTXentLoss(), SupConLoss()]
        #expect(losses.map(\.name) == ["contrastive", "triplet_margin", "info_nce", "nt_xent", "supcon"])
    }

    @Test("ContrastiveLoss: both calls equal contrastiveLoss, and both are recorded")
    func contrastive() {
        let label = Tensor([1, 0, 1, 0, 0, 1])
        let loss = ContrastiveLoss(margin: 2)
        let expected = contrastiveLoss(x1, x2, label: label, margin: 2).item
        #expect(loss(x1, x2, label: label).item == expected)
        #expect(loss(stack([x1, x2]), label).item == expected)
        #expect(loss.history.values == [expected, expected])
    }

    @Test("TripletLoss: both calls equal tripletMarginLoss, and both are recorded")
    func triplet() {
        let loss = TripletLoss(margin: 3, p: 1, swap: true)
        let expected = tripletMarginLoss(anchor: x1, positive: x2, negative: x3, margin: 3, p: 1, swap: true).item
        #expect(expected > 0)
        #expect(loss(anchor: x1, positive: x2, negative: x3).item == expected)
        #expect(loss(x1, stack([x2, x3])).item == expected)
        #expect(loss.history.values == [expected, expected])
    }

    @Test("InfoNCELoss and NTXentLoss equal their functions; compute alone records nothing")
    func contrastiveRepresentation() {
        let infoNCE = InfoNCELoss(temperature: 0.2)
        let ntXent = NTXentLoss(temperature: 0.3)
        #expect(infoNCE(x1, x2).item == infoNCELoss(x1, x2, temperature: 0.2).item)
        #expect(ntXent(x1, x2).item == ntXentLoss(x1, x2, temperature: 0.3).item)
        _ = infoNCE.compute(x1, x3)
        #expect(infoNCE.history.values.count == 1 && ntXent.history.values.count == 1)
    }

    @Test("SupConLoss: labels as integers or as a tensor, both recorded; gradients flow")
    func supCon() {
        let labels = [0, 1, 0, 1, 2, 2]
        let loss = SupConLoss(temperature: 0.5)
        let expected = supConLoss(x1, labels: labels, temperature: 0.5).item
        let value = loss(x1, labels: labels)
        #expect(value.item == expected)
        #expect(loss(x1, Tensor(labels.map(Double.init))).item == expected)
        #expect(loss.history.values == [expected, expected])
        #expect(loss.history.statistics.count == 2)
        value.backward()
        LossExtremes.expectFiniteGradients([x1])
    }
}
