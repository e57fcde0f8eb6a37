// Gradients of gradients of every loss, against finite differences of the first-order gradient.
// Several losses run on fused operations (cross-entropy rows, the overlap counts of Tversky,
// binary cross-entropy, focal modulation); these check their differentiable rules.

import LossKit
import Testing

@Suite("Second order: regression and classification losses")
struct SecondOrderRegressionClassificationTests {
    private let prediction = Tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], requiresGrad: true)
    private let target = Tensor([[1.0, -0.5, 0.2], [2.5, 0.1, -1.9]], requiresGrad: true)

    @Test("MSE, L1, Huber, smooth L1, log-cosh and asymmetric MSE, with every reduction")
    func regression() {
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { mseLoss($0[0], $0[1]) * mseLoss($0[0], $0[1], reduction: .sum) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { l1Loss($0[0] * $0[0], $0[1], reduction: .none) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { huberLoss($0[0], $0[1], delta: 1, reduction: .none) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { smoothL1Loss($0[0], $0[1], beta: 0.5) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { logCoshLoss($0[0], $0[1], reduction: .none) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { asymmetricMSELoss($0[0], $0[1], overPenalty: 2.5) }
    }

    @Test("cross-entropy with weights, ignored targets and label smoothing; nll; label-smoothing CE; images")
    func crossEntropies() {
        let logits = Tensor([[1, -2, 0.5], [0.3, 0.2, 2], [-1, 1.5, 0], [0.4, 0.1, -0.6]], requiresGrad: true)
        let weight = Tensor([0.5, 2, 1.5])
        SecondOrderCheck.expectMatch(inputs: [logits]) { crossEntropyLoss($0[0], [0, 2, 1, 1]) }
        SecondOrderCheck.expectMatch(inputs: [logits]) {
            crossEntropyLoss($0[0], [0, 2, -100, 1], weight: weight, labelSmoothing: 0.3)
        }
        SecondOrderCheck.expectMatch(inputs: [logits]) { crossEntropyLoss($0[0] * $0[0], [2, 0, 1, 0], reduction: .none) }
        SecondOrderCheck.expectMatch(inputs: [logits]) { nllLoss(logSoftmax($0[0], dim: 1), [0, 2, 1, 1], weight: weight) }
        SecondOrderCheck.expectMatch(inputs: [logits]) { labelSmoothingCrossEntropy($0[0], [0, 2, 1, 1], epsilon: 0.2) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2, 2]]) { crossEntropyLoss($0[0], [0, 1, 2, 2, 1, 0, 0, 1], labelSmoothing: 0.1) }
    }

    @Test("focal losses for several γ, BCE on probabilities and on logits, and KL divergence")
    func probabilisticLosses() {
        let logits = Tensor([[1, -2, 0.5], [0.3, 0.2, 2], [-1, 1.5, 0], [0.4, 0.1, -0.6]], requiresGrad: true)
        for gamma in [0.0, 0.5, 1, 2] {
            SecondOrderCheck.expectMatch(inputs: [logits]) { focalLoss($0[0], [0, 2, 1, 1], alpha: 0.5, gamma: gamma) }
        }
        let soft = Tensor([[1, 0, 0.3], [0, 1, 0.5], [1, 1, 0], [0, 0, 0.9]], requiresGrad: true)
        for gamma in [0.5, 2.0] {
            SecondOrderCheck.expectMatch(inputs: [logits, soft]) { sigmoidFocalLoss($0[0], $0[1], alpha: 0.25, gamma: gamma) }
        }
        SecondOrderCheck.expectMatch(inputs: [logits, soft]) { bceWithLogitsLoss($0[0], $0[1], posWeight: Tensor([1, 3, 0.5])) }
        let probabilities = Tensor([[0.2, 0.7, 0.5], [0.9, 0.35, 0.6]], requiresGrad: true)
        let labels = Tensor([[1, 0, 0.25], [0, 1, 1]], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [probabilities, labels]) { bceLoss($0[0], $0[1], weight: Tensor([2, 1, 0.5])) }
        let distribution = Tensor([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], requiresGrad: true)
        let input = Tensor([[-1.2, -0.9, -1.3], [-0.4, -1.5, -2.2]], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [input, distribution]) { klDivLoss($0[0], $0[1]) * klDivLoss($0[0], $0[1]) }
        SecondOrderCheck.expectMatch(inputs: [input, distribution]) { klDivLoss($0[0], log($0[1]), reduction: .sum, logTarget: true) }
    }
}

@Suite("Second order: metric-learning, segmentation, detection and generative losses")
struct SecondOrderOtherLossTests {
    private let embeddings = Tensor(
        [[0.9, -0.2, 0.4], [1.1, 0.1, 0.3], [-0.5, 1.2, 0.2], [-0.7, 0.8, -0.4], [0.2, -1.0, 1.3], [0.6, 0.5, -1.1]],
        requiresGrad: true)
    private let others = Tensor(
        [[0.7, -0.1, 0.6], [1.3, 0.4, 0.2], [-0.2, 1.0, 0.5], [-0.9, 0.6, -0.2], [0.1, -1.3, 0.9], [0.8, 0.2, -0.8]],
        requiresGrad: true)

    @Test("contrastive, triplet margin, batch-hard and batch-all triplet, InfoNCE, NT-Xent, SupCon, cosine embedding")
    func metricLearning() {
        let same = Tensor([1, 0, 1, 0, 0, 1])
        SecondOrderCheck.expectMatch(inputs: [embeddings, others]) { contrastiveLoss($0[0], $0[1], label: same, margin: 2) }
        SecondOrderCheck.expectMatch(inputs: [embeddings, others]) { x in
            tripletMarginLoss(anchor: x[0], positive: x[1], negative: x[0].flip(), margin: 3, swap: true)
        }
        let labels = [0, 0, 1, 1, 2, 2]
        SecondOrderCheck.expectMatch(inputs: [embeddings]) { batchHardTripletLoss($0[0], labels: labels, margin: 1) }
        SecondOrderCheck.expectMatch(inputs: [embeddings]) { batchAllTripletLoss($0[0], labels: labels, margin: 1) }
        SecondOrderCheck.expectMatch(inputs: [embeddings, others]) { infoNCELoss($0[0], $0[1], temperature: 0.5) }
        SecondOrderCheck.expectMatch(inputs: [embeddings, others]) { ntXentLoss($0[0], $0[1], temperature: 0.5) }
        SecondOrderCheck.expectMatch(inputs: [embeddings]) { supConLoss($0[0], labels: labels, temperature: 0.5) }
        SecondOrderCheck.expectMatch(inputs: [embeddings, others]) {
            cosineEmbeddingLoss($0[0], $0[1], Tensor([1, -1, 1, -1, 1, -1]), margin: -0.5)
        }
    }

    @Test("Dice, multi-class Dice, Tversky and focal Tversky (the fused overlap counts), CE + Dice")
    func segmentation() {
        let masks = Tensor(shape: [1, 1, 3, 3], scalars: [0.9, 0.2, 0.7, 0.4, 0.6, 0.1, 0.3, 0.8, 0.5], requiresGrad: true)
        let truth = Tensor(shape: [1, 1, 3, 3], scalars: [1, 0, 1, 0, 1, 0, 0, 1, 1], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [masks, truth]) { diceLoss($0[0], $0[1]) }
        SecondOrderCheck.expectMatch(inputs: [masks, truth]) { tverskyLoss($0[0] * $0[0], $0[1], alpha: 0.4, beta: 0.6) }
        SecondOrderCheck.expectMatch(inputs: [masks, truth]) { focalTverskyLoss($0[0], $0[1], gamma: 0.75) }
        let logits = Tensor(shape: [1, 3, 2, 2], scalars: [1, -2, 0.5, 0.3, 0.2, 2, -1, 1.5, 0, 0.4, 0.1, -0.6], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [logits]) { multiclassDiceLoss($0[0], [0, 2, 1, 1]) }
        SecondOrderCheck.expectMatch(inputs: [logits]) { ceDiceLoss($0[0], [0, 2, 1, 1]) }
    }

    @Test("IoU and GIoU losses of overlapping boxes")
    func detection() {
        let prediction = Tensor([[10, 10, 50, 45], [0, 0, 4, 3]], requiresGrad: true)
        let target = Tensor([[12, 8, 48, 52], [1, 1, 5, 2.5]], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { iouLoss($0[0], $0[1]) }
        SecondOrderCheck.expectMatch(inputs: [prediction, target]) { giouLoss($0[0], $0[1]) }
    }

    @Test("GAN, Wasserstein and VAE losses")
    func generative() {
        let real = Tensor([1.5, -0.3, 0.8], requiresGrad: true)
        let fake = Tensor([-1.2, 0.4, 2.1], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [real, fake]) { ganDiscriminatorLoss(real: $0[0], fake: $0[1]) }
        SecondOrderCheck.expectMatch(inputs: [fake]) { ganGeneratorLoss(fake: $0[0]) }
        SecondOrderCheck.expectMatch(inputs: [real, fake]) { wassersteinCriticLoss(real: $0[0] * $0[0], fake: $0[1]) }
        SecondOrderCheck.expectMatch(inputs: [fake]) { wassersteinGeneratorLoss(fake: exp($0[0])) }
        let reconstruction = Tensor([0.2, 0.7, 0.55, 0.9], requiresGrad: true)
        let mu = Tensor([0.3, -0.8], requiresGrad: true)
        let logVar = Tensor([-0.2, 0.5], requiresGrad: true)
        SecondOrderCheck.expectMatch(inputs: [reconstruction, mu, logVar]) {
            vaeLoss(reconstruction: $0[0], input: Tensor([0, 1, 0.5, 1]), mu: $0[1], logVar: $0[2], beta: 2)
        }
    }
}

private extension Tensor {
    /// The rows in reverse order (a fixed permutation), to make negatives from the anchors.
    func flip() -> Tensor { self[rows: Array((0..<shape[0]).reversed())] }
}
