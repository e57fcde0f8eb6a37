import LossKit
import Testing

@Suite("Self-paced curriculum loss")
struct CurriculumTests {
    @Test("the documented example: the mean of the losses below λ, the gradient only on them")
    func documentedExample() throws {
        let losses = Tensor([0.2, 1.5, 0.4, 3.0], requiresGrad: true)
        let value = selfPacedLoss(losses, threshold: 1)
        #expect(abs(value.item - 0.3) < 1e-12)
        value.backward()
        #expect(try #require(losses.grad).scalars == [0.5, 0, 0.5, 0])
        #expect(selfPacedFraction([0.2, 1.5, 0.4, 3.0], threshold: 1) == 0.5)
    }

    @Test("λ above every loss is the plain mean; λ below every loss selects nothing and gives 0 with a zero gradient")
    func extremes() throws {
        let losses = Tensor([0.2, 1.5, 0.4, 3.0], requiresGrad: true)
        #expect(abs(selfPacedLoss(losses, threshold: 10).item - losses.mean().item) < 1e-12)
        let none = selfPacedLoss(losses, threshold: 0.1)
        #expect(none.item == 0)
        none.backward()
        #expect(try #require(losses.grad).scalars == [0, 0, 0, 0])
    }

    @Test("through a per-example cross-entropy, the gradient matches central differences (tolerance 1e-6)")
    func gradientCheckThroughCrossEntropy() {
        var generator = SeededGenerator(seed: 5)
        let logits = Tensor.randomNormal([6, 4], requiresGrad: true, using: &generator)
        let labels = [0, 1, 2, 3, 0, 1]
        // A threshold between the 3rd and 4th smallest per-example losses, far from all of them.
        let perExample = crossEntropyLoss(logits, labels, reduction: .none).scalars.sorted()
        let threshold = (perExample[2] + perExample[3]) / 2
        let result = gradientCheck({ inputs in
            selfPacedLoss(crossEntropyLoss(inputs[0], labels, reduction: .none), threshold: threshold)
        }, inputs: [logits])
        #expect(result.passed, "\(result)")
    }
}
