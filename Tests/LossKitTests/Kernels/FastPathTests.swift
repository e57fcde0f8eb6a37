// The fast paths added for speed (fused cross-entropy, the vectorized exponential, cdist by
// matrix products, one-pass overlap counts, in-place Adam) against the plain formulas they
// replace, on inputs large enough to take the multi-threaded paths (more than 65,536 elements).

import Foundation
import Testing

@testable import LossKit

@Suite("Fast paths agree with the plain formulas")
struct FastPathTests {
    /// Logits [rows, classes] with values in −8…8, from a fixed seed.
    func logits(rows: Int, classes: Int, seed: UInt64) -> Tensor {
        var sampler = SampleValues(seed: seed)
        return Tensor(shape: [rows, classes], scalars: sampler.next(count: rows * classes).map { $0 * 4 }, requiresGrad: true)
    }

    @Test("cross-entropy on 300×300 logits (threaded) equals −mean(logSoftmax picked), values and gradients to 1e-12")
    func crossEntropyMatchesComposition() throws {
        let fused = logits(rows: 300, classes: 300, seed: 5)
        let composed = Tensor(shape: fused.shape, scalars: fused.scalars, requiresGrad: true)
        let targets = (0..<300).map { ($0 * 37) % 300 }
        let fast = crossEntropyLoss(fused, targets)
        let plain = -logSoftmax(composed, dim: 1).gather(dim: 1, index: targets, shape: [300, 1]).mean()
        #expect(isClose(fast.item, plain.item, tolerance: 1e-12))
        fast.backward()
        plain.backward()
        let difference = largestDifference(try #require(fused.grad).scalars, try #require(composed.grad).scalars)
        #expect(difference < 1e-15, "largest gradient difference \(difference)")
    }

    @Test("weighted, smoothed cross-entropy with ignored rows: gradients match central differences (step 1e-6, tolerance 1e-6)")
    func weightedSmoothedGradients() {
        let weight = Tensor([0.5, 2, 1, 3])
        GradientCheck.expectGradientsMatch(shapes: [[6, 4]], seed: 17) { inputs in
            crossEntropyLoss(inputs[0], [0, 3, -100, 2, 1, 3], weight: weight, labelSmoothing: 0.2)
        }
        GradientCheck.expectGradientsMatch(shapes: [[5, 3]], seed: 19) { inputs in
            labelSmoothingCrossEntropy(inputs[0], [0, 2, 1, 1, 0], epsilon: 0.3)
        }
    }

    @Test("the vectorized exponential is within 4e-16 relative of Foundation.exp over −745…710 and exact at the edges")
    func vectorExponentialAccuracy() {
        var inputs = stride(from: -745.0, through: 710, by: 0.0137).map { $0 }
        inputs += [0, -0.0, 1e-300, -1e-300, 0.5 * M_LN2, -0.5 * M_LN2, 708.9, -707.9, -800, 800, .infinity, -.infinity, .nan]
        var outputs = [Double](repeating: 0, count: inputs.count)
        let total = inputs.withUnsafeBufferPointer { source in
            outputs.withUnsafeMutableBufferPointer { output in
                guard let source = source.baseAddress, let output = output.baseAddress else { return 0.0 }
                return VectorExp.exponentials(of: source, minus: 0, into: output, count: inputs.count)
            }
        }
        var worst = 0.0
        for (x, y) in zip(inputs, outputs) {
            let expected = Foundation.exp(x)
            if expected.isNaN {
                #expect(y.isNaN)
            } else if expected == 0 || expected.isInfinite {
                #expect(y == expected, "exp(\(x)) = \(y), expected \(expected)")
            } else {
                worst = max(worst, abs(y - expected) / expected)
            }
        }
        #expect(worst < 4e-16, "largest relative error \(worst)")
        #expect(total.isNaN, "the sum over inputs containing NaN is NaN")
    }

    @Test("cdist with 40 rows (matrix-product form) equals the pairwise loop to 1e-12; gradients match central differences")
    func cdistProductForm() throws {
        var sampler = SampleValues(seed: 23)
        let a = Tensor(shape: [40, 5], scalars: sampler.next(count: 200), requiresGrad: true)
        let b = Tensor(shape: [30, 5], scalars: sampler.next(count: 150), requiresGrad: true)
        let distances = cdist(a, b)
        var worst = 0.0
        for i in 0..<40 {
            for j in 0..<30 {
                let direct = (0..<5).map { pow(a.scalars[i * 5 + $0] - b.scalars[j * 5 + $0], 2) }.reduce(0, +).squareRoot()
                worst = max(worst, abs(distances.scalars[i * 30 + j] - direct))
            }
        }
        #expect(worst < 1e-12, "largest difference from the pairwise loop \(worst)")
        let weights = Tensor(shape: [40, 30], scalars: sampler.next(count: 1200))
        GradientCheck.expectGradientsMatch(inputs: [a, b]) { inputs in
            (cdist(inputs[0], inputs[1]) * weights).sum()
        }
    }

    @Test("cdist(x, x) with 30 rows: the diagonal is exactly 0 and sends no gradient")
    func cdistSelfDistance() throws {
        var sampler = SampleValues(seed: 29)
        let x = Tensor(shape: [30, 4], scalars: sampler.next(count: 120).map { $0 + 100 }, requiresGrad: true)
        let distances = cdist(x, x)
        #expect((0..<30).allSatisfy { distances.scalars[$0 * 30 + $0] == 0 })
        distances.sum().backward()
        let gradient = try #require(x.grad).scalars
        #expect(gradient.allSatisfy { $0.isFinite })
    }

    @Test("Tversky on 1×1×300×300 masks (threaded) equals the composed formula; gradients for both inputs match central differences")
    func tverskyOverlapCounts() throws {
        var sampler = SampleValues(seed: 31)
        let count = 300 * 300
        let p = Tensor(shape: [1, 1, 300, 300], scalars: sampler.nextPositive(count: count).map { $0 / 2 }, requiresGrad: true)
        let g = Tensor(shape: [1, 1, 300, 300], scalars: sampler.next(count: count).map { $0 > 0.8 ? 1 : 0 })
        let fast = tverskyLoss(p, g, alpha: 0.3, beta: 0.7)
        let plain = 1 - ((p * g).sum() + 1) / ((p * g).sum() + 0.3 * (p * (1 - g)).sum() + 0.7 * ((1 - p) * g).sum() + 1)
        #expect(isClose(fast.item, plain.item, tolerance: 1e-12))
        GradientCheck.expectGradientsMatch(shapes: [[2, 1, 3, 3], [2, 1, 3, 3]], seed: 37, positive: true) { inputs in
            tverskyLoss(inputs[0], inputs[1], alpha: 0.4, beta: 0.9)
        }
    }

    @Test("Adam on 100,000 parameters (threaded) gives bit-for-bit the values of two 50,000-parameter halves")
    func adamThreadedEqualsSequential() {
        var sampler = SampleValues(seed: 41)
        let values = sampler.next(count: 100_000), gradients = sampler.next(count: 100_000)
        let whole = Tensor(values, requiresGrad: true)
        let halves = [Tensor(Array(values[..<50_000]), requiresGrad: true), Tensor(Array(values[50_000...]), requiresGrad: true)]
        let wholeAdam = Adam([whole], learningRate: 0.01, weightDecay: 0.1, amsgrad: true)
        let halvesAdam = Adam(halves, learningRate: 0.01, weightDecay: 0.1, amsgrad: true)
        for step in 0..<3 {
            let scaled = gradients.map { $0 * Double(step + 1) }
            whole.grad = Tensor(scaled)
            halves[0].grad = Tensor(Array(scaled[..<50_000]))
            halves[1].grad = Tensor(Array(scaled[50_000...]))
            wholeAdam.step()
            halvesAdam.step()
        }
        #expect(whole.scalars == halves[0].scalars + halves[1].scalars)
    }
}
