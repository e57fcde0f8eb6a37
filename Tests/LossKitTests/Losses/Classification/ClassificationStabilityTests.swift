// Classification losses: worked examples, logits of ±1000, probabilities of exactly 0 and 1,
// focal losses with γ < 1 at p_t → 1, ignored targets, and misuse.

import Foundation
import LossKit
import Testing

@Suite("Classification losses: worked examples and consistency")
struct ClassificationExampleTests {
    /// Hand-computed values are exact up to a few roundings; we allow 1e-12, absolute plus relative.
    static let tolerance = 1e-12

    @Test("The doc comments' examples, worked by hand")
    func workedExamples() {
        let logTwo = Foundation.log(2.0)
        #expect(isClose(bceLoss(Tensor([0.8]), Tensor([1])).item, -Foundation.log(0.8), tolerance: Self.tolerance))
        #expect(isClose(bceLoss(Tensor([0.8]), Tensor([0])).item, -Foundation.log(0.2), tolerance: Self.tolerance))
        #expect(isClose(bceWithLogitsLoss(Tensor([0, 0]), Tensor([0, 1])).item, logTwo, tolerance: Self.tolerance))
        let softplusOfMinusTwo = Foundation.log1p(Foundation.exp(-2.0))
        #expect(isClose(bceWithLogitsLoss(Tensor([2]), Tensor([1])).item, softplusOfMinusTwo, tolerance: Self.tolerance))
        #expect(isClose(crossEntropyLoss(Tensor([[2, 0]]), [0]).item, softplusOfMinusTwo, tolerance: Self.tolerance))
        let logProbabilities = Tensor([[Foundation.log(0.7), Foundation.log(0.3)]])
        #expect(isClose(nllLoss(logProbabilities, [0]).item, -Foundation.log(0.7), tolerance: Self.tolerance))
        #expect(isClose(labelSmoothingCrossEntropy(Tensor([[0, 0]]), [1], epsilon: 0.1).item, logTwo, tolerance: Self.tolerance))
        let miss = 1 - 1 / (1 + Foundation.exp(-2.0))
        #expect(isClose(focalLoss(Tensor([[2, 0]]), [0], alpha: 1, gamma: 2).item, miss * miss * softplusOfMinusTwo, tolerance: Self.tolerance))
        #expect(isClose(sigmoidFocalLoss(Tensor([0]), Tensor([1])).item, 0.25 * 0.25 * logTwo, tolerance: Self.tolerance))
        let kl = klDivLoss(Tensor([[Foundation.log(0.25), Foundation.log(0.75)]]), Tensor([[0.5, 0.5]]))
        #expect(isClose(kl.item, 0.5 * logTwo + 0.5 * Foundation.log(2.0 / 3.0), tolerance: Self.tolerance))
    }

    @Test("Cross-entropy of [N, C, d] logits equals that of the rows [N·d, C], targets in row-major order")
    func spatialCrossEntropy() {
        let logits = Tensor(shape: [2, 3, 2], scalars: [0.1, -1, 2, 0.5, -0.3, 1.2, 1, 0, -2, 0.7, 0.4, 0.4])
        let rows = logits.permuted([0, 2, 1]).reshaped([4, 3])
        let target = [2, -100, 0, 1]
        let weight = Tensor([0.5, 2, 1])
        for reduction in Reduction.allCases {
            let spatial = crossEntropyLoss(logits, target, weight: weight, labelSmoothing: 0.2, reduction: reduction)
            let flat = crossEntropyLoss(rows, target, weight: weight, labelSmoothing: 0.2, reduction: reduction)
            #expect(spatial.shape == (reduction == .none ? [2, 2] : []))
            #expect(allClose(spatial.scalars, flat.scalars, tolerance: Self.tolerance), "\(reduction)")
        }
    }

    @Test("nllLoss after logSoftmax is crossEntropyLoss; focal with α = 1, γ = 0 is cross-entropy")
    func crossEntropyIdentities() {
        let logits = Tensor([[1, -2, 0.5], [0.3, 0.3, 2], [-1, 4, 0]])
        let target = [0, 2, 1]
        let crossEntropy = crossEntropyLoss(logits, target).item
        #expect(isClose(nllLoss(logSoftmax(logits, dim: 1), target).item, crossEntropy, tolerance: Self.tolerance))
        #expect(isClose(focalLoss(logits, target, alpha: 1, gamma: 0).item, crossEntropy, tolerance: Self.tolerance))
        #expect(isClose(labelSmoothingCrossEntropy(logits, target, epsilon: 0).item, crossEntropy, tolerance: Self.tolerance))
    }

    @Test("klDivLoss reductions: batchMean is the sum over the batch size, mean over every element")
    func klReductions() {
        let input = logSoftmax(Tensor([[0.2, 1, -1], [2, 0, 0]]), dim: 1)
        let target = Tensor([[0.2, 0.5, 0.3], [0.6, 0.4, 0]])
        let total = klDivLoss(input, target, reduction: .sum).item
        #expect(isClose(klDivLoss(input, target).item, total / 2, tolerance: Self.tolerance))
        #expect(isClose(klDivLoss(input, target, reduction: .mean).item, total / 6, tolerance: Self.tolerance))
        #expect(isClose(klDivLoss(input, log(target + 1e-300), reduction: .sum, logTarget: true).item, total, tolerance: 1e-9))
        #expect(klDivLoss(input, target, reduction: .none).shape == [2, 3])
    }

    @Test("Gradients match central differences: weighted, smoothed cross-entropy; focal; KL")
    func gradientsMatchFiniteDifferences() {
        let logits = Tensor([[1, -2, 0.5], [0.3, 0.2, 2], [-1, 1.5, 0], [0.4, 0.1, -0.6]], requiresGrad: true)
        let weight = Tensor([0.5, 2, 1.5])
        GradientCheck.expectGradientsMatch(inputs: [logits]) {
            crossEntropyLoss($0[0], [0, 2, -100, 1], weight: weight, labelSmoothing: 0.3)
        }
        GradientCheck.expectGradientsMatch(inputs: [logits]) { labelSmoothingCrossEntropy($0[0], [0, 2, 1, 1], epsilon: 0.2) }
        for gamma in [0.0, 0.5, 1, 2] {
            GradientCheck.expectGradientsMatch(inputs: [logits]) { focalLoss($0[0], [0, 2, 1, 1], alpha: 0.5, gamma: gamma) }
        }
        let target = Tensor([[1, 0, 0.3], [0, 1, 0.5], [1, 1, 0], [0, 0, 0.9]], requiresGrad: true)
        for gamma in [0.5, 1, 2] {
            GradientCheck.expectGradientsMatch(inputs: [logits, target]) { sigmoidFocalLoss($0[0], $0[1], alpha: 0.25, gamma: gamma) }
        }
        GradientCheck.expectGradientsMatch(inputs: [logits, target]) {
            bceWithLogitsLoss($0[0], $0[1], posWeight: Tensor([1, 3, 0.5]))
        }
        let distribution = Tensor([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], requiresGrad: true)
        let input = Tensor([[-1.2, -0.9, -1.3], [-0.4, -1.5, -2.2]], requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [input, distribution]) { klDivLoss($0[0], $0[1]) }
    }
}

@Suite("Classification losses: extreme inputs")
struct ClassificationStabilityTests {
    @Test("bceWithLogits at logits ±1000: exact limits 0 and 1000, gradients (σ(x) − t)/n")
    func bceWithLogitsExtremeLogits() {
        let logits = Tensor([1000, 1000, -1000, -1000], requiresGrad: true)
        let target = Tensor([1, 0, 1, 0])
        let loss = bceWithLogitsLoss(logits, target, reduction: .none)
        #expect(loss.scalars == [0, 1000, 1000, 0])
        bceWithLogitsLoss(logits, target).backward()
        #expect(gradientValues(of: logits) == [0, 0.25, -0.25, 0])
        let weighted = bceWithLogitsLoss(logits, target, posWeight: Tensor([3]), reduction: .none)
        #expect(weighted.scalars == [0, 1000, 3000, 0])
    }

    @Test("crossEntropy at logits ±1000: losses 0 and 2000, gradient softmax − one-hot")
    func crossEntropyExtremeLogits() {
        let logits = Tensor([[1000, -1000], [-1000, 1000]], requiresGrad: true)
        let loss = crossEntropyLoss(logits, [0, 0], reduction: .none)
        #expect(loss.scalars == [0, 2000])
        crossEntropyLoss(logits, [0, 0], labelSmoothing: 0.1).backward()
        let gradient = gradientValues(of: logits)
        #expect(gradient.allSatisfy { $0.isFinite })
        // Row 0: softmax [1, 0] − smoothed target [0.95, 0.05]; row 1: [0, 1] − [0.95, 0.05]; mean over 2.
        #expect(allClose(gradient, [0.025, -0.025, -0.475, 0.475], tolerance: 1e-15))
    }

    @Test("focal at logits ±1000, for γ in {0, 0.5, 2}: values α·0 and α·2000, finite gradients")
    func focalExtremeLogits() {
        for gamma in [0.0, 0.5, 2] {
            let logits = Tensor([[1000, -1000], [-1000, 1000]], requiresGrad: true)
            let loss = focalLoss(logits, [0, 0], alpha: 0.25, gamma: gamma, reduction: .none)
            #expect(loss.scalars == [0, 500], "γ = \(gamma)")
            loss.sum().backward()
            // The wrong row gets α · ∂CE = α · (softmax − one-hot) = ±0.25; the right row 0 (γ > 0) or α · 0.
            #expect(gradientValues(of: logits) == [0, 0, -0.25, 0.25], "γ = \(gamma)")
        }
    }

    @Test("focal with γ < 1 as p_t → 1: finite gradients that vanish with 1 − p_t")
    func focalSmallGammaNearCertainty() {
        for margin in [5.0, 20, 50, 400, 1000] {
            let logits = Tensor([[margin, 0, -margin]], requiresGrad: true)
            let loss = focalLoss(logits, [0], alpha: 1, gamma: 0.5)
            loss.backward()
            let gradient = gradientValues(of: logits)
            #expect(loss.item.isFinite && gradient.allSatisfy { $0.isFinite }, "margin \(margin): \(gradient)")
            // |∂ℓ/∂x| ≤ (1 + γ) (1 − p_t)^γ, and 1 − p_t < 2 e^(−margin).
            let bound = 1.5 * (2 * Foundation.exp(-margin)).squareRoot()
            #expect(gradient.allSatisfy { Swift.abs($0) <= bound }, "margin \(margin): \(gradient)")
        }
    }

    @Test("sigmoid focal at logits ±1000, for γ in {0.5, 1, 2}: finite values and gradients, exact limits")
    func sigmoidFocalExtremeLogits() {
        for gamma in [0.5, 1, 2] {
            let logits = Tensor([1000, 1000, -1000, -1000], requiresGrad: true)
            let target = Tensor([1, 0, 1, 0])
            let loss = sigmoidFocalLoss(logits, target, alpha: 0.25, gamma: gamma, reduction: .none)
            #expect(loss.scalars == [0, 750, 250, 0], "γ = \(gamma)")
            loss.sum().backward()
            #expect(gradientValues(of: logits) == [0, 0.75, -0.25, 0], "γ = \(gamma)")
        }
    }

    @Test("bceLoss at probabilities exactly 0 and 1: logs clamped at −100, finite gradients")
    func bceClampedLogs() {
        let probabilities = Tensor([0, 1, 0, 1], requiresGrad: true)
        let target = Tensor([0, 1, 1, 0])
        #expect(bceLoss(probabilities, target, reduction: .none).scalars == [0, 0, 100, 100])
        bceLoss(probabilities, target, reduction: .sum).backward()
        // PyTorch: (p − t) / max(p (1 − p), 1e-12).
        #expect(allClose(gradientValues(of: probabilities), [0, 0, -1e12, 1e12], tolerance: 1e-12))
        let weighted = bceLoss(Tensor([[0.5, 1]]), Tensor([[1, 0]]), weight: Tensor([2, 0.5]), reduction: .none)
        #expect(allClose(weighted.scalars, [2 * Foundation.log(2.0), 50], tolerance: 1e-15))
    }

    @Test("KL divergence with zero target probabilities: the terms count 0 and the gradients are finite")
    func klZeroTargets() {
        let input = Tensor([[-0.5, -1.5, -2]], requiresGrad: true)
        let target = Tensor([[0.7, 0.3, 0]], requiresGrad: true)
        let loss = klDivLoss(input, target, reduction: .sum)
        #expect(isClose(loss.item, 0.7 * (Foundation.log(0.7) + 0.5) + 0.3 * (Foundation.log(0.3) + 1.5), tolerance: 1e-12))
        loss.backward()
        #expect(gradientValues(of: input) == [-0.7, -0.3, -0.0])
        #expect(gradientValues(of: target)[2] == 0)
    }

    @Test("Every target ignored: crossEntropy's mean is 0 (PyTorch gives NaN), with zero gradients")
    func allTargetsIgnored() {
        let logits = Tensor([[1, 2, 3], [0.5, -1, 0]], requiresGrad: true)
        for smoothing in [0.0, 0.2] {
            for weight in [nil, Tensor([1, 2, 3])] {
                let loss = crossEntropyLoss(logits, [-100, -100], weight: weight, labelSmoothing: smoothing)
                #expect(loss.item == 0, "ε = \(smoothing)")
                loss.backward()
            }
        }
        #expect(gradientValues(of: logits).allSatisfy { $0 == 0 })
        #expect(crossEntropyLoss(logits, [7, 7], ignoreIndex: 7, reduction: .sum).item == 0)
        #expect(crossEntropyLoss(logits, [-100, -100], reduction: .none).scalars.allSatisfy { $0 == 0 })
        #expect(nllLoss(logits, [-100, -100]).item == 0)
    }

    @Test("Some targets ignored: the mean divides by the weights of the others only")
    func someTargetsIgnored() {
        let logits = Tensor([[1, 2, 3], [0.5, -1, 0], [2, 2, 2]])
        let weight = Tensor([1, 2, 4])
        let perRow = crossEntropyLoss(logits, [2, -100, 1], weight: weight, reduction: .none).scalars
        #expect(perRow[1] == 0)
        let mean = crossEntropyLoss(logits, [2, -100, 1], weight: weight).item
        #expect(isClose(mean, (perRow[0] + perRow[2]) / (4 + 2), tolerance: 1e-12))
    }
}

@Suite("Classification losses: misuse stops with a message")
struct ClassificationMisuseTests {
    @Test("A label out of range names the loss, the label, the shape and the valid range")
    func labelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropyLoss(Tensor([[1, 2, 3], [0, 0, 0]]), [1, 3])
        }
        #expect(misuseMessage(of: result).contains("crossEntropyLoss got target 3 at position 1, but logits [2, 3] have 3 classes: targets must be in 0..<3 (or ignoreIndex -100)."))
    }

    @Test("Logits of the wrong rank name the loss and the shape")
    func wrongRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = focalLoss(Tensor([1, 2, 3]), [0])
        }
        #expect(misuseMessage(of: result).contains("focalLoss needs logits of shape [N, C] or [N, C, d1, …] (classes along dimension 1), but got logits [3]."))
    }

    @Test("Too few targets name the loss, the positions and the count")
    func targetCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = nllLoss(Tensor(shape: [2, 3, 2], scalars: Array(repeating: -1, count: 12)), [0, 1])
        }
        #expect(misuseMessage(of: result).contains("nllLoss needs one target per position of [2, 2] (4 in all) for logProbabilities [2, 3, 2], but got 2 targets."))
    }

    @Test("Logits and targets of different shapes name the loss and both shapes")
    func binaryShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = bceWithLogitsLoss(Tensor([[1], [2]]), Tensor([1, 0]))
        }
        #expect(misuseMessage(of: result).contains("bceWithLogitsLoss needs logits and target of the same shape, but got logits [2, 1] and target [2]."))
    }

    @Test("Probabilities outside [0, 1] in bceLoss point to bceWithLogitsLoss")
    func logitsPassedAsProbabilities() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = bceLoss(Tensor([0.5, 1.7]), Tensor([1, 0]))
        }
        #expect(misuseMessage(of: result).contains("element 1 of probabilities [2] is 1.7. For raw scores (logits), use bceWithLogitsLoss."))
    }

    @Test("Class weights of the wrong shape name the expected shape")
    func weightShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropyLoss(Tensor([[1, 2, 3]]), [0], weight: Tensor([1, 2]))
        }
        #expect(misuseMessage(of: result).contains("need one weight per class, shape [3], but got weight [2]"))
    }
}
