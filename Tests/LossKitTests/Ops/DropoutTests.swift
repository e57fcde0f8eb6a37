import LossKit
import Testing

@Suite("Dropout")
struct DropoutTests {
    @Test("Inverted dropout zeroes about p of the elements and scales the rest by 1/(1 − p)")
    func training() {
        var generator = SeededGenerator(seed: 101)
        let output = dropout(Tensor.ones([100_000]), probability: 0.3, using: &generator).scalars
        let kept = output.filter { $0 != 0 }
        #expect(kept.allSatisfy { isClose($0, 1 / 0.7, tolerance: 1e-15) })
        #expect(abs(Double(kept.count) / 100_000 - 0.7) < 0.01)
        // The expected value is unchanged.
        #expect(abs(output.reduce(0, +) / 100_000 - 1) < 0.02)
    }

    @Test("Evaluation mode and p = 0 pass the input through; p = 1 drops everything")
    func edgeProbabilities() {
        var generator = SeededGenerator(seed: 102)
        let x = Tensor([1, 2, 3], requiresGrad: true)
        #expect(dropout(x, probability: 0.5, training: false, using: &generator) === x)
        #expect(dropout(x, probability: 0, using: &generator) === x)
        let dropped = dropout(x, probability: 1, using: &generator)
        #expect(dropped.scalars == [0, 0, 0])
        #expect(dropped.requiresGrad)
    }

    @Test("The same seed drops the same elements")
    func reproducible() {
        var first = SeededGenerator(seed: 103)
        var second = SeededGenerator(seed: 103)
        let x = Tensor.ones([4, 8])
        #expect(dropout(x, probability: 0.5, using: &first).scalars == dropout(x, probability: 0.5, using: &second).scalars)
        #expect(dropout(x, probability: 0.5, using: &first).scalars != dropout(x, probability: 0.5, using: &first).scalars)
    }

    @Test("The gradient is the mask that was applied")
    func gradientIsTheMask() throws {
        var generator = SeededGenerator(seed: 104)
        let x = Tensor([1, 2, 3, 4, 5, 6], requiresGrad: true)
        let output = dropout(x, probability: 0.5, using: &generator)
        output.sum().backward()
        let mask = output.scalars.enumerated().map { $1 / x.scalars[$0] }
        #expect(try #require(x.grad).scalars == mask)
        #expect(Set(mask).isSubset(of: [0, 2]))
        // And central differences agree, with a generator re-seeded inside the function.
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 105) { inputs in
            var fixed = SeededGenerator(seed: 106)
            return dropout(inputs[0], probability: 0.25, using: &fixed)
        }
    }
}
