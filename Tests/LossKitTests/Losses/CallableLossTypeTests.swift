// The callable loss types: same values as the functional forms, names as in the fixtures,
// and a history with correct statistics.

import Foundation
import LossKit
import Testing

@Suite("Callable loss types")
struct CallableLossTypeTests {
    /// A type and its functional form run the same operations, so values must be identical.
    static var regressionInputs: (Tensor, Tensor) { (Tensor([0.3, -1.2, 2.5, 0.9]), Tensor([0, -1, 0.5, 1.4])) }
    static var logits: Tensor { Tensor([[1, -2, 0.5], [0.3, 0.2, 2], [-1, 1.5, 0]]) }
    static let classes: [Int] = [0, 2, 1]
    static var classTensor: Tensor { Tensor([0, 2, 1]) }

    @Test("Each regression type computes exactly its functional form")
    func regressionTypes() {
        let (prediction, target) = Self.regressionInputs
        let pairs: [(any Loss, Tensor)] = [
            (MSELoss(), mseLoss(prediction, target)),
            (L1Loss(reduction: .sum), l1Loss(prediction, target, reduction: .sum)),
            (HuberLoss(delta: 0.5), huberLoss(prediction, target, delta: 0.5)),
            (SmoothL1Loss(beta: 2), smoothL1Loss(prediction, target, beta: 2)),
            (LogCoshLoss(), logCoshLoss(prediction, target)),
            (AsymmetricMSELoss(overPenalty: 3), asymmetricMSELoss(prediction, target, overPenalty: 3)),
        ]
        for (loss, expected) in pairs {
            #expect(loss(prediction, target).scalars == expected.scalars, "\(loss.name)")
        }
    }

    @Test("Each classification type computes exactly its functional form; class targets come as a tensor")
    func classificationTypes() {
        let logits = Self.logits
        let binaryTarget = Tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0]])
        let probabilities = sigmoid(logits)
        let weight = Tensor([0.5, 2, 1])
        let distribution = softmax(Tensor([[0.1, 0.2, 0.3], [1, 0, -1], [0, 0, 2]]), dim: 1)
        let pairs: [(any Loss, Tensor, Tensor, Tensor)] = [
            (BCELoss(), probabilities, binaryTarget, bceLoss(probabilities, binaryTarget)),
            (BCEWithLogitsLoss(posWeight: weight), logits, binaryTarget, bceWithLogitsLoss(logits, binaryTarget, posWeight: weight)),
            (
                CrossEntropyLoss(weight: weight, labelSmoothing: 0.1), logits, Self.classTensor,
                crossEntropyLoss(logits, Self.classes, weight: weight, labelSmoothing: 0.1)
            ),
            (NLLLoss(), logSoftmax(logits, dim: 1), Self.classTensor, nllLoss(logSoftmax(logits, dim: 1), Self.classes)),
            (
                LabelSmoothingCrossEntropy(epsilon: 0.2), logits, Self.classTensor,
                labelSmoothingCrossEntropy(logits, Self.classes, epsilon: 0.2)
            ),
            (FocalLoss(alpha: 0.5, gamma: 1.5), logits, Self.classTensor, focalLoss(logits, Self.classes, alpha: 0.5, gamma: 1.5)),
            (SigmoidFocalLoss(alpha: -1), logits, binaryTarget, sigmoidFocalLoss(logits, binaryTarget, alpha: -1)),
            (KLDivLoss(), logSoftmax(logits, dim: 1), distribution, klDivLoss(logSoftmax(logits, dim: 1), distribution)),
            (GANDiscriminatorLoss(), logits, binaryTarget, ganDiscriminatorLoss(real: logits, fake: binaryTarget)),
            (WassersteinCriticLoss(), logits, binaryTarget, wassersteinCriticLoss(real: logits, fake: binaryTarget)),
        ]
        for (loss, prediction, target, expected) in pairs {
            #expect(loss(prediction, target).scalars == expected.scalars, "\(loss.name)")
            #expect(loss.history.values == [expected.item], "\(loss.name)")
        }
    }

    @Test("Class targets for [N, C, d] scores come as a tensor [N, d]")
    func spatialClassTargets() {
        let logits = Tensor(shape: [1, 3, 2], scalars: [0.1, -1, 2, 0.5, -0.3, 1.2])
        let value = CrossEntropyLoss()(logits, Tensor(shape: [1, 2], scalars: [2, 0]))
        #expect(value.item == crossEntropyLoss(logits, [2, 0]).item)
    }

    @Test("The one-sided generative losses and the VAE loss record their values too")
    func generativeTypes() {
        let fake = Tensor([[0.3], [-1.2]])
        let generator = GANGeneratorLoss()
        let wasserstein = WassersteinGeneratorLoss()
        #expect(generator(fake: fake).item == ganGeneratorLoss(fake: fake).item)
        #expect(wasserstein(fake: fake).item == wassersteinGeneratorLoss(fake: fake).item)
        #expect(generator.history.values.count == 1 && wasserstein.history.values.count == 1)
        #expect(isClose(wasserstein.history.values.first ?? .nan, 0.45, tolerance: 1e-15))
        let vae = VAELoss(beta: 2)
        let arguments = (Tensor([[0.2, 0.7]]), Tensor([[0, 1]]), Tensor([[0.1]]), Tensor([[-0.2]]))
        let value = vae(reconstruction: arguments.0, input: arguments.1, mu: arguments.2, logVar: arguments.3)
        #expect(value.item == vaeLoss(reconstruction: arguments.0, input: arguments.1, mu: arguments.2, logVar: arguments.3, beta: 2).item)
        #expect(vae.history.values == [value.item])
    }

    @Test("Names are the fixtures' loss names")
    func namesMatchFixtures() throws {
        let fixtureNames = Set(try LossFixtures.load().cases.map(\.loss))
        let names = [
            MSELoss().name, L1Loss().name, HuberLoss().name, SmoothL1Loss().name, LogCoshLoss().name,
            AsymmetricMSELoss().name, BCELoss().name, BCEWithLogitsLoss().name, CrossEntropyLoss().name,
            NLLLoss().name, LabelSmoothingCrossEntropy().name, FocalLoss().name, SigmoidFocalLoss().name,
            KLDivLoss().name, GANDiscriminatorLoss().name, WassersteinCriticLoss().name,
            GANGeneratorLoss().name, WassersteinGeneratorLoss().name, VAELoss().name,
        ]
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy(fixtureNames.contains), "\(names.filter { !fixtureNames.contains($0) })")
    }

    @Test("History statistics of the series 9, 4, 4, 1: mean 4.5, std √11, min 1, max 9, trend −2.4")
    func historyStatistics() {
        let loss = MSELoss()
        for error in [3.0, 2, 2, 1] {
            _ = loss(Tensor([error]), Tensor([0]))
        }
        #expect(loss.history.values == [9, 4, 4, 1])
        let statistics = loss.history.statistics
        #expect(statistics.count == 4)
        #expect(statistics.mean == 4.5)
        // Deviations 4.5, −0.5, −0.5, −3.5: squares add to 33; 33 / (4 − 1) = 11.
        #expect(isClose(statistics.standardDeviation, Foundation.sqrt(11), tolerance: 1e-15))
        #expect(statistics.minimum == 1 && statistics.maximum == 9)
        // Σ (i − 1.5)(vᵢ − 4.5) = −12 and Σ (i − 1.5)² = 5.
        #expect(isClose(statistics.trend, -2.4, tolerance: 1e-15))
    }

    @Test("Values with more than one element (reduction .none) are returned but not recorded")
    func unreducedValuesAreNotRecorded() {
        let loss = L1Loss(reduction: .none)
        let value = loss(Tensor([1, 2]), Tensor([0, 0]))
        #expect(value.scalars == [1, 2])
        #expect(loss.history.values.isEmpty)
        #expect(loss.history.statistics.count == 0)
    }

    @Test("A loss of one's own made with CallableLoss(name:formula:) computes its formula and records like the library's types")
    func ownCallableLoss() {
        let (prediction, target) = Self.regressionInputs
        let pinball = CallableLoss(name: "pinball") { prediction, target in
            let error = target - prediction
            return maximum(0.9 * error, (0.9 - 1) * error).mean()
        }
        let error = target - prediction
        let expected = maximum(0.9 * error, (0.9 - 1) * error).mean()
        #expect(pinball.name == "pinball")
        #expect(pinball.compute(prediction, target).scalars == expected.scalars)
        #expect(pinball.history.values.isEmpty)
        let losses: [any Loss] = [pinball, MSELoss()]
        for loss in losses { _ = loss(prediction, target) }
        #expect(pinball.history.values == [expected.item])
    }

    @Test("Settings stay readable on the loss value, as they were given")
    func settingsAreInspectable() {
        let tversky = TverskyLoss(alpha: 0.2, beta: 0.8)
        #expect((tversky.alpha, tversky.beta, tversky.smooth) == (0.2, 0.8, 1))
        let crossEntropy = CrossEntropyLoss(ignoreIndex: 3, labelSmoothing: 0.1, reduction: .sum)
        #expect(crossEntropy.ignoreIndex == 3 && crossEntropy.labelSmoothing == 0.1 && crossEntropy.reduction == .sum)
        #expect(TripletLoss(margin: 0.5, p: 1, swap: true).swap && HuberLoss(delta: 2).delta == 2 && VAELoss(beta: 4).beta == 4)
    }

    @Test("compute does not record; calling does")
    func computeDoesNotRecord() {
        let loss = FocalLoss()
        _ = loss.compute(Self.logits, Self.classTensor)
        #expect(loss.history.values.isEmpty)
        _ = loss(Self.logits, Self.classTensor)
        #expect(loss.history.values.count == 1)
    }

    @Test("Class targets that are not whole numbers stop with a message naming the loss")
    func fractionalClassTargets() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CrossEntropyLoss()(Tensor([[1, 2], [3, 4]]), Tensor([0, 0.5]))
        }
        #expect(misuseMessage(of: result).contains("CrossEntropyLoss needs class indices (whole numbers) as targets, but element 1 of target [2] is 0.5."))
    }

    @Test("Class targets of the wrong shape name both shapes")
    func classTargetShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = FocalLoss()(Tensor([[1, 2], [3, 4]]), Tensor([[0], [1]]))
        }
        #expect(misuseMessage(of: result).contains("FocalLoss needs scores of shape [N, C, …] and class indices of shape [N, …], but got scores [2, 2] and target [2, 1]."))
    }
}
