import LossKit
import Testing

@Suite("Seeded random numbers")
struct RandomTests {
    @Test("SeededGenerator reproduces the reference xoshiro256** seeded by SplitMix64")
    func referenceSequence() {
        // From the authors' C code (prng.di.unimi.it: xoshiro256starstar.c, splitmix64.c),
        // state filled with four splitmix64 outputs.
        var zero = SeededGenerator(seed: 0)
        #expect((0..<5).map { _ in zero.next() } == [
            0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59,
        ])
        var fortyTwo = SeededGenerator(seed: 42)
        #expect((0..<5).map { _ in fortyTwo.next() } == [
            0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64,
        ])
    }

    @Test("Uniform and normal values follow the documented formulas")
    func documentedFormulas() {
        // u = (bits >> 11) · 2⁻⁵³; Box–Muller pairs (u₁ = 1 − first, u₂ = second), computed in Python.
        var generator = SeededGenerator(seed: 42)
        let uniform = Tensor.randomUniform([4], using: &generator)
        #expect(allClose(uniform.scalars, [0.08386297105988216, 0.3789802506626686, 0.6800434110281394, 0.9246929453253876], tolerance: 1e-16))
        generator = SeededGenerator(seed: 42)
        let normal = Tensor.randomNormal([4], using: &generator)
        #expect(allClose(normal.scalars, [-0.303263064678738, 0.28846173882942383, 1.3438117634372806, -0.6879751798977497], tolerance: 1e-14))
    }

    @Test("The same seed gives the same tensors; different seeds give different ones")
    func reproducibility() {
        func draw(seed: UInt64) -> [[Double]] {
            var generator = SeededGenerator(seed: seed)
            return [
                Tensor.randomNormal([3, 4], mean: 1, standardDeviation: 2, using: &generator).scalars,
                Tensor.randomUniform([5], in: -1...1, using: &generator).scalars,
                Tensor.randomIntegers([6], in: 0..<10, using: &generator).scalars,
            ]
        }
        #expect(draw(seed: 7) == draw(seed: 7))
        #expect(draw(seed: 7) != draw(seed: 8))
        #expect(draw(seed: 0) != draw(seed: 1))
    }

    @Test("Normal samples have the requested mean and standard deviation")
    func normalMoments() {
        var generator = SeededGenerator(seed: 3)
        let samples = Tensor.randomNormal([100_000], mean: 2, standardDeviation: 0.5, using: &generator)
        // Standard errors: 0.5 / √100000 ≈ 0.0016 for the mean; about 0.0011 for the standard deviation.
        #expect(abs(samples.mean().item - 2) < 0.01)
        #expect(abs(samples.standardDeviation().item - 0.5) < 0.01)
        // An odd count uses the cosine of the last pair only.
        #expect(Tensor.randomNormal([3, 3], using: &generator).shape == [3, 3])
    }

    @Test("Uniform samples stay in the range and fill it evenly")
    func uniformRange() {
        var generator = SeededGenerator(seed: 4)
        let samples = Tensor.randomUniform([50_000], in: -3...5, using: &generator)
        #expect(samples.scalars.allSatisfy { $0 >= -3 && $0 < 5 })
        #expect(abs(samples.mean().item - 1) < 0.05)
        let constant = Tensor.randomUniform([3], in: 2...2, using: &generator)
        #expect(constant.scalars == [2, 2, 2])
    }

    @Test("Random integers cover the range, upper bound excluded, without bias")
    func integers() {
        var generator = SeededGenerator(seed: 5)
        let samples = Tensor.randomIntegers([60_000], in: -2..<4, using: &generator).scalars
        #expect(Set(samples) == [-2, -1, 0, 1, 2, 3])
        for value in -2...3 {
            let frequency = Double(samples.filter { $0 == Double(value) }.count) / Double(samples.count)
            #expect(abs(frequency - 1.0 / 6.0) < 0.01, "value \(value) drawn with frequency \(frequency)")
        }
        #expect(!Tensor.randomIntegers([2], in: 0..<3, using: &generator).requiresGrad)
    }

    @Test("requiresGrad makes a random leaf parameter")
    func randomParameter() {
        var generator = SeededGenerator(seed: 6)
        let weight = Tensor.randomNormal([2, 2], requiresGrad: true, using: &generator)
        #expect(weight.requiresGrad && weight.isLeaf)
        #expect(Tensor.randomUniform([2], requiresGrad: true, using: &generator).requiresGrad)
    }
}

// The only suite that touches the default generator; `.serialized` keeps its own tests in order,
// and every other test passes its own generator, so parallel tests cannot interleave draws.
@Suite("The default generator and manualSeed", .serialized)
struct DefaultGeneratorTests {
    @Test("manualSeed(s) makes the default generator draw what SeededGenerator(seed: s) draws")
    func manualSeedMatchesSeededGenerator() {
        manualSeed(123)
        let fromDefault = Tensor.randomNormal([4, 3]).scalars
        var generator = SeededGenerator(seed: 123)
        #expect(fromDefault == Tensor.randomNormal([4, 3], using: &generator).scalars)
    }

    @Test("Seeding again repeats the same values, for every random function")
    func seedingRepeats() {
        func draw() -> [[Double]] {
            [
                Tensor.randomNormal([5]).scalars,
                Tensor.randomUniform([5], in: 1...2).scalars,
                Tensor.randomIntegers([5], in: 0..<100).scalars,
                dropout(Tensor.ones([8]), probability: 0.5).scalars,
            ]
        }
        manualSeed(2024)
        let first = draw()
        manualSeed(2024)
        #expect(draw() == first)
        manualSeed(2025)
        #expect(draw() != first)
    }

    @Test("The default seed is fixed, like PyTorch's")
    func defaultSeed() {
        #expect(defaultRandomSeed == 67_280_421_310_721)
        manualSeed(defaultRandomSeed)
        var generator = SeededGenerator(seed: defaultRandomSeed)
        #expect(Tensor.randomUniform([3]).scalars == Tensor.randomUniform([3], using: &generator).scalars)
    }
}
