// Reproducible randomness: a small seedable generator and a global default one, like
// `torch.manual_seed`. Every random function in LossKit draws from a generator you pass with
// `using:`, or else from the default generator, so a lesson that seeds it prints the same
// numbers on every run and every machine.

import Foundation
import Synchronization

/// A fast, seedable pseudo-random number generator: xoshiro256\*\*, seeded through SplitMix64.
///
/// The same seed always gives the same sequence, on every platform and Swift version, which is
/// what makes experiments repeatable. (Swift's `SystemRandomNumberGenerator` cannot be seeded.)
/// It is not suitable for cryptography.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let weights = Tensor.randomNormal([3, 2], using: &generator)
/// ```
///
/// - Note: The 256-bit state is filled from the seed with four outputs of SplitMix64, as the
///   authors recommend, so that similar seeds (0, 1, 2, …) still give unrelated sequences.
/// - Source: D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number Generators",
///   *ACM Transactions on Mathematical Software* 47(4), 2021; reference code at
///   <https://prng.di.unimi.it/xoshiro256starstar.c> and <https://prng.di.unimi.it/splitmix64.c>.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose sequence is determined by `seed`.
    ///
    /// - Parameter seed: Any number; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var splitMixState = seed
        func nextSplitMix() -> UInt64 {
            splitMixState &+= 0x9E37_79B9_7F4A_7C15
            var mixed = splitMixState
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// Returns the next 64 random bits and advances the generator.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// The seed the default generator starts from when ``manualSeed(_:)`` was never called.
///
/// It is fixed (the value PyTorch uses for its default CPU generator), so that even a program that
/// never seeds draws the same numbers on every run.
public let defaultRandomSeed: UInt64 = 67_280_421_310_721

/// The generator behind every random function called without `using:`. A mutex makes it safe to
/// use from several tasks (Swift 6 checks this), though the order of draws between tasks is then
/// up to the scheduler: seed and draw from one task when results must repeat.
let defaultGenerator = Mutex(SeededGenerator(seed: defaultRandomSeed))

/// Restarts the default random number generator from `seed`, like PyTorch's `torch.manual_seed`.
///
/// After `manualSeed(s)`, the random functions called without `using:` (``Tensor/randomNormal(_:mean:standardDeviation:requiresGrad:)``,
/// ``dropout(_:probability:training:)``, …) produce the same values as a fresh
/// `SeededGenerator(seed: s)` would.
///
/// - Parameter seed: Any number; the same seed repeats the same random values.
public func manualSeed(_ seed: UInt64) {
    defaultGenerator.withLock { $0 = SeededGenerator(seed: seed) }
}

/// Runs `body` with exclusive use of the default generator.
func withDefaultGenerator<Result: Sendable>(_ body: (inout SeededGenerator) -> Result) -> Result {
    defaultGenerator.withLock { generator in body(&generator) }
}

/// How LossKit turns random bits into numbers. The algorithms are written out here (rather than
/// using the standard library's `random(in:)`) so that the values never change with the Swift version.
enum RandomSampling {
    /// A uniform number in [0, 1) with 53 random bits: `(bits >> 11) · 2⁻⁵³`.
    @inline(__always)
    static func unit<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }

    /// `count` samples of the standard normal distribution, by the Box–Muller transform.
    ///
    /// Each pair of uniform numbers `u₁ ∈ (0, 1]`, `u₂ ∈ [0, 1)` gives two independent normal
    /// samples, `√(−2 ln u₁) · cos(2π u₂)` and `√(−2 ln u₁) · sin(2π u₂)`. Unlike Marsaglia's polar
    /// method it never rejects a draw, so every call uses exactly `2 · ⌈count / 2⌉` uniform numbers.
    ///
    /// - Source: G. E. P. Box and M. E. Muller, "A Note on the Generation of Random Normal Deviates",
    ///   *The Annals of Mathematical Statistics* 29(2), 1958.
    static func standardNormals<Generator: RandomNumberGenerator>(count: Int, using generator: inout Generator) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count + 1)
        while values.count < count {
            let u1 = 1 - unit(using: &generator)
            let u2 = unit(using: &generator)
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            let angle = 2 * Double.pi * u2
            values.append(radius * Foundation.cos(angle))
            values.append(radius * Foundation.sin(angle))
        }
        values.removeLast(values.count - count)
        return values
    }

    /// A uniform integer in `0..<bound` (bound > 0), without bias, by Lemire's multiply-and-reject method.
    ///
    /// - Source: D. Lemire, "Fast Random Integer Generation in an Interval",
    ///   *ACM Transactions on Modeling and Computer Simulation* 29(1), 2019.
    static func integer<Generator: RandomNumberGenerator>(below bound: UInt64, using generator: inout Generator) -> UInt64 {
        var product = generator.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = generator.next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
