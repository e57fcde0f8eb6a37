// Generative and multi-task losses: worked examples, extreme scores and identities.

import Foundation
import LossKit
import Testing

@Suite("GAN, WGAN and VAE losses")
struct GenerativeTests {
    /// Hand-computed values are exact up to a few roundings; we allow 1e-12, absolute plus relative.
    static let tolerance = 1e-12

    @Test("The doc comments' examples, worked by hand")
    func workedExamples() {
        let logTwo = Foundation.log(2.0)
        #expect(isClose(ganDiscriminatorLoss(real: Tensor([0]), fake: Tensor([0])).item, 2 * logTwo, tolerance: Self.tolerance))
        #expect(isClose(ganGeneratorLoss(fake: Tensor([0])).item, logTwo, tolerance: Self.tolerance))
        #expect(isClose(ganGeneratorLoss(fake: Tensor([2])).item, Foundation.log1p(Foundation.exp(-2.0)), tolerance: Self.tolerance))
        #expect(wassersteinCriticLoss(real: Tensor([1, 3]), fake: Tensor([0, -2])).item == -3)
        #expect(wassersteinGeneratorLoss(fake: Tensor([0, -2])).item == 1)
        let vae = vaeLoss(reconstruction: Tensor([[0.5]]), input: Tensor([[1]]), mu: Tensor([[0]]), logVar: Tensor([[0]]), beta: 3)
        #expect(isClose(vae.item, logTwo, tolerance: Self.tolerance))
    }

    @Test("GAN losses from scores of ±1000: exact limits and finite gradients")
    func extremeScores() {
        let real = Tensor([1000, -1000], requiresGrad: true)
        let fake = Tensor([-1000, 1000], requiresGrad: true)
        let discriminator = ganDiscriminatorLoss(real: real, fake: fake)
        // Means: (0 + 1000) / 2 for the real scores and (0 + 1000) / 2 for the fakes.
        #expect(discriminator.item == 1000)
        discriminator.backward()
        #expect(gradientValues(of: real) == [0, -0.5])
        #expect(gradientValues(of: fake) == [0, 0.5])
        let generator = ganGeneratorLoss(fake: Tensor([-1000, 1000]))
        #expect(generator.item == 500)
    }

    @Test("The generator and discriminator losses are binary cross-entropies on logits")
    func ganAsBinaryCrossEntropy() {
        let real = Tensor([[0.3], [-1.2], [2]])
        let fake = Tensor([[-0.4], [0.9], [0.1]])
        let expected = bceWithLogitsLoss(real, Tensor.ones(like: real)).item + bceWithLogitsLoss(fake, Tensor.zeros(like: fake)).item
        #expect(isClose(ganDiscriminatorLoss(real: real, fake: fake).item, expected, tolerance: Self.tolerance))
        let probabilities = sigmoid(fake)
        #expect(isClose(ganGeneratorLoss(fake: fake).item, -log(probabilities).mean().item, tolerance: Self.tolerance))
    }

    @Test("VAE: the KL term is 0 at the prior and grows as β·KL; perfect 0/1 reconstructions are finite")
    func vaeTerms() {
        let input = Tensor([[0, 1, 1, 0]])
        let exact = vaeLoss(reconstruction: input, input: input, mu: Tensor([[0, 0]]), logVar: Tensor([[0, 0]]))
        #expect(exact.item == 0)
        let reconstruction = Tensor([[0.2, 0.9, 0.6, 0.1]])
        let mu = Tensor([[0.5, -1]])
        let logVar = Tensor([[0.2, -0.3]])
        // KL = −½ Σ (1 + logVar − mu² − exp(logVar)).
        let kl = -0.5 * ((1 + 0.2 - 0.25 - Foundation.exp(0.2)) + (1 - 0.3 - 1 - Foundation.exp(-0.3)))
        let one = vaeLoss(reconstruction: reconstruction, input: input, mu: mu, logVar: logVar, beta: 1).item
        let four = vaeLoss(reconstruction: reconstruction, input: input, mu: mu, logVar: logVar, beta: 4).item
        #expect(isClose(four - one, 3 * kl, tolerance: 1e-12))
        let wrong = vaeLoss(reconstruction: Tensor([[1, 0]]), input: Tensor([[0, 1]]), mu: mu, logVar: logVar, beta: 0)
        #expect(wrong.item == 200)
    }

    @Test("VAE gradients match central differences")
    func vaeGradients() {
        let reconstruction = Tensor([[0.2, 0.9, 0.6], [0.3, 0.5, 0.7]], requiresGrad: true)
        let input = Tensor([[0, 1, 0.5], [1, 0, 0.2]])
        let mu = Tensor([[0.5, -1], [0.1, 0.3]], requiresGrad: true)
        let logVar = Tensor([[0.2, -0.3], [0.7, -1.1]], requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [reconstruction, mu, logVar]) {
            vaeLoss(reconstruction: $0[0], input: input, mu: $0[1], logVar: $0[2], beta: 2)
        }
    }
}

@Suite("Multi-task weighting by uncertainty")
struct UncertaintyWeightingTests {
    @Test("The doc comments' examples, worked by hand")
    func workedExamples() {
        #expect(uncertaintyWeightedLoss(losses: Tensor([2, 0.5]), logVariances: Tensor([0, 0])).item == 2.5)
        let learned = uncertaintyWeightedLoss(losses: Tensor([2, 0.5]), logVariances: Tensor([Foundation.log(2.0), 0])).item
        #expect(isClose(learned, 1.5 + Foundation.log(2.0), tolerance: 1e-15))
        #expect(kendallUncertaintyWeightedLoss(losses: Tensor([2]), logSigmas: Tensor([0])).item == 1)
    }

    @Test("A list of scalar losses gives the same value and gradients as a tensor of them")
    func listOfLosses() {
        let first = Tensor(1.5, requiresGrad: true)
        let second = Tensor(0.25, requiresGrad: true)
        let logVariances = Tensor([0.3, -0.2], requiresGrad: true)
        let loss = uncertaintyWeightedLoss(losses: [first, second], logVariances: logVariances)
        #expect(loss.item == uncertaintyWeightedLoss(losses: Tensor([1.5, 0.25]), logVariances: Tensor([0.3, -0.2])).item)
        loss.backward()
        #expect(gradientValues(of: first) == [Foundation.exp(-0.3)])
        #expect(gradientValues(of: second) == [Foundation.exp(0.2)])
        let kendall = kendallUncertaintyWeightedLoss(losses: [first, second], logSigmas: Tensor([0.3, -0.2]))
        #expect(kendall.item == kendallUncertaintyWeightedLoss(losses: Tensor([1.5, 0.25]), logSigmas: Tensor([0.3, -0.2])).item)
    }

    @Test("At the optimum exp(s) = L the gradient with respect to s vanishes; Kendall's form is half at s = 2 log σ")
    func optimumAndRelation() {
        let losses = Tensor([2, 0.5, 1.2])
        let logVariances = Tensor(shape: [3], scalars: [2, 0.5, 1.2].map { Foundation.log($0) }, requiresGrad: true)
        uncertaintyWeightedLoss(losses: losses, logVariances: logVariances).backward()
        #expect(gradientValues(of: logVariances).allSatisfy { Swift.abs($0) < 1e-15 })
        let logSigmas = Tensor([0.3, -0.7, 0.1])
        let kendall = kendallUncertaintyWeightedLoss(losses: losses, logSigmas: logSigmas).item
        let doubled = uncertaintyWeightedLoss(losses: losses, logVariances: 2 * logSigmas).item
        #expect(isClose(kendall, doubled / 2, tolerance: 1e-15))
    }

    @Test("Losses and parameters of different shapes name both shapes")
    func mismatchedShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = uncertaintyWeightedLoss(losses: Tensor([1, 2, 3]), logVariances: Tensor([0, 0]))
        }
        #expect(misuseMessage(of: result).contains("uncertaintyWeightedLoss needs losses of shape [T] (one per task) and logVariances of the same shape, but got losses [3] and logVariances [2]."))
    }
}
