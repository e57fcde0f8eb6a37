// Metric-learning and contrastive losses at their extremes (tiny temperatures, batches without a
// valid triplet, pairs at distance zero), the worked examples of their doc comments, and misuse.

import Foundation
import LossKit
import Testing

/// Helpers shared by the stability tests of the metric-learning and segmentation losses.
enum LossExtremes {
    /// Seeded values in ±[0.5, 2] with the given shape, as a tensor that requires gradients.
    static func sample(_ shape: [Int], seed: UInt64) -> Tensor {
        var sampler = SampleValues(seed: seed)
        return Tensor(shape: shape, scalars: sampler.next(count: shape.reduce(1, *)), requiresGrad: true)
    }

    /// Expects a gradient on every tensor, with only finite values.
    static func expectFiniteGradients(_ tensors: [Tensor], sourceLocation: SourceLocation = #_sourceLocation) {
        for tensor in tensors {
            let values = gradientValues(of: tensor, sourceLocation: sourceLocation)
            #expect(!values.isEmpty && values.allSatisfy(\.isFinite), "gradient \(values)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Metric-learning losses stay finite at the extremes")
struct MetricLearningStabilityTests {
    @Test("infoNCE at temperature 0.001: finite value and gradients")
    func infoNCETinyTemperature() {
        let (z1, z2) = (LossExtremes.sample([8, 5], seed: 1), LossExtremes.sample([8, 5], seed: 2))
        let loss = infoNCELoss(z1, z2, temperature: 0.001)
        #expect(loss.item.isFinite && loss.item >= 0)
        loss.backward()
        LossExtremes.expectFiniteGradients([z1, z2])
    }

    @Test("NT-Xent at temperature 0.001: finite value and gradients")
    func ntXentTinyTemperature() {
        let (z1, z2) = (LossExtremes.sample([8, 5], seed: 3), LossExtremes.sample([8, 5], seed: 4))
        let loss = ntXentLoss(z1, z2, temperature: 0.001)
        #expect(loss.item.isFinite && loss.item >= 0)
        loss.backward()
        LossExtremes.expectFiniteGradients([z1, z2])
    }

    @Test("SupCon at temperature 0.001: finite value and gradients")
    func supConTinyTemperature() {
        let features = LossExtremes.sample([10, 4], seed: 5)
        let loss = supConLoss(features, labels: [2, 2, 0, 1, 1, 1, 1, 2, 1, 2], temperature: 0.001)
        #expect(loss.item.isFinite && loss.item >= 0)
        loss.backward()
        LossExtremes.expectFiniteGradients([features])
    }

    @Test("Batches without a valid triplet or positive pair give 0, not NaN", arguments: [
        [0, 1, 2, 3, 4, 5], [7, 7, 7, 7, 7, 7],
    ])
    func noValidTriplet(labels: [Int]) {
        let losses: [(String, (Tensor) -> Tensor)] = [
            ("batch hard", { batchHardTripletLoss($0, labels: labels, margin: 0.2) }),
            ("batch all", { batchAllTripletLoss($0, labels: labels, margin: 0.2) }),
        ]
        for (name, loss) in losses {
            let embeddings = LossExtremes.sample([6, 3], seed: 6)
            let value = loss(embeddings)
            #expect(value.shape == [] && value.item == 0, "\(name): \(value.scalars)")
            value.backward()
            LossExtremes.expectFiniteGradients([embeddings])
        }
        let features = LossExtremes.sample([6, 3], seed: 7)
        if Set(labels).count == labels.count {
            let value = supConLoss(features, labels: labels)
            #expect(value.item == 0)
            value.backward()
            LossExtremes.expectFiniteGradients([features])
        }
    }

    @Test("Batch-all averages over the active triplets only; easy batches cost 0")
    func batchAllCountsActiveTriplets() {
        // Two tight, far-apart clusters: every triplet satisfies a margin of 1.
        let embeddings = Tensor([[0, 0], [0, 0.1], [10, 0], [10, 0.1]], requiresGrad: true)
        let easy = batchAllTripletLoss(embeddings, labels: [0, 0, 1, 1], margin: 1)
        #expect(easy.item == 0)
        easy.backward()
        LossExtremes.expectFiniteGradients([embeddings])
        // Points 0, 1 (label 0) at distance 2; point 2 (label 1) at distance 1.5 from 0 and 3.5 from 1.
        // Triplets: (0,1,2): 0.2 + 2 − 1.5 = 0.7; (1,0,2): 0.2 + 2 − 3.5 < 0. Mean over the one active: 0.7.
        let line = Tensor([[0], [2], [-1.5]])
        #expect(abs(batchAllTripletLoss(line, labels: [0, 0, 1], margin: 0.2).item - 0.7) < 1e-12)
        // Batch hard, anchor 0: 0.7; anchor 1: max(0, 0.2 + 2 − 3.5) = 0; anchor 2 has no positive.
        #expect(abs(batchHardTripletLoss(line, labels: [0, 0, 1], margin: 0.2).item - 0.35) < 1e-12)
    }

    @Test("Contrastive loss of identical pairs: finite gradients for similar and dissimilar labels")
    func contrastiveZeroDistance() {
        let x1 = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
        let x2 = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
        let loss = contrastiveLoss(x1, x2, label: Tensor([1, 0]), margin: 1)
        // d = ‖(1e-6, 1e-6, 1e-6)‖ = √3·1e-6: similar pair d² = 3e-12, dissimilar pair (1 − d)².
        let distance = 3.0.squareRoot() * 1e-6
        #expect(abs(loss.item - (distance * distance + (1 - distance) * (1 - distance)) / 2) < 1e-15)
        loss.backward()
        LossExtremes.expectFiniteGradients([x1, x2])
        let tripletAnchor = Tensor([[1, 2]], requiresGrad: true)
        let triplet = tripletMarginLoss(anchor: tripletAnchor, positive: Tensor([[1, 2]]), negative: Tensor([[1, 2]]))
        triplet.backward()
        LossExtremes.expectFiniteGradients([tripletAnchor])
    }
}

@Suite("Metric-learning doc comments: the worked examples")
struct MetricLearningWorkedExampleTests {
    @Test("cosineEmbeddingLoss: cos = 0.7071 gives 0.2929 (target 1) and 0.2071 (target −1, margin 0.5)")
    func cosineEmbedding() {
        let loss = cosineEmbeddingLoss(Tensor([[1, 0], [1, 0]]), Tensor([[1, 1], [1, 1]]), Tensor([1, -1]), margin: 0.5, reduction: .none)
        let cosine = 1 / 2.0.squareRoot()
        #expect(allClose(loss.scalars, [1 - cosine, cosine - 0.5], tolerance: 1e-11))
    }

    @Test("tripletMarginLoss: d(a, p) = 1, d(a, n) = 1.5, margin 1 gives 0.5")
    func triplet() {
        let loss = tripletMarginLoss(anchor: Tensor([0]), positive: Tensor([1]), negative: Tensor([-1.5]), eps: 0)
        #expect(abs(loss.item - 0.5) < 1e-12)
        let swapped = tripletMarginLoss(anchor: Tensor([0]), positive: Tensor([1]), negative: Tensor([1.5]), eps: 0, swap: true)
        // d(a, n) = 1.5 but d(p, n) = 0.5 is harder: 1 + 1 − 0.5.
        #expect(abs(swapped.item - 1.5) < 1e-12)
    }

    @Test("infoNCE with S = [[1, 0], [0, 1]] and τ = 1 is log(e + 1) − 1; NT-Xent of one item is 0")
    func contrastiveRepresentation() {
        let identity = Tensor([[1, 0], [0, 1]])
        #expect(abs(infoNCELoss(identity, identity, temperature: 1).item - (log(exp(1.0) + 1) - 1)) < 1e-12)
        #expect(abs(ntXentLoss(Tensor([[1, 2]]), Tensor([[3, -1]]), temperature: 0.5).item) < 1e-12)
    }

    @Test("supConLoss, labels [0, 0, 1], τ = 1: anchors 0 and 1 cost log(e + 1) − 1 each")
    func supCon() {
        // Unit vectors: 0 and 1 have cosine 1, both orthogonal to 2.
        let features = Tensor([[1, 0], [2, 0], [0, 3]])
        #expect(abs(supConLoss(features, labels: [0, 0, 1], temperature: 1).item - (log(exp(1.0) + 1) - 1)) < 1e-12)
    }
}

@Suite("Metric-learning losses refuse misuse, naming the loss and the shapes")
struct MetricLearningMisuseTests {
    @Test("tripletMarginLoss with a negative of another shape")
    func tripletShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = tripletMarginLoss(anchor: Tensor([[1, 2]]), positive: Tensor([[1, 2]]), negative: Tensor([[1, 2, 3]]))
        }
        #expect(standardError(of: result).contains("tripletMarginLoss needs anchor, positive and negative of the same shape [N, D] (or [D]), but got anchor [1, 2], positive [1, 2] and negative [1, 3]."))
    }

    @Test("batchHardTripletLoss with fewer labels than embeddings")
    func labelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = batchHardTripletLoss(Tensor([[1, 2], [3, 4], [5, 6]]), labels: [0, 1])
        }
        #expect(standardError(of: result).contains("batchHardTripletLoss needs embeddings of shape [N, D] and N labels, but got embeddings [3, 2] and 2 labels."))
    }

    @Test("contrastiveLoss with −1 for dissimilar pairs")
    func contrastiveLabels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = contrastiveLoss(Tensor([[1, 2]]), Tensor([[1, 3]]), label: Tensor([-1]))
        }
        #expect(standardError(of: result).contains("contrastiveLoss needs every label to be 1 (similar) or 0 (dissimilar)"))
    }
}
