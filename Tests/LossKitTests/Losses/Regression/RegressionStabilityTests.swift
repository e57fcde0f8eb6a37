// Regression losses: the worked examples of the doc comments, large and tiny errors, and misuse.

import Foundation
import LossKit
import Testing

@Suite("Regression losses: worked examples, stability and misuse")
struct RegressionStabilityTests {
    /// Hand-computed values are exact up to a few roundings; we allow 1e-12, absolute plus relative.
    static let tolerance = 1e-12

    @Test("The doc comments' examples, worked by hand")
    func workedExamples() {
        let prediction = Tensor([1, 2, 3])
        let target = Tensor([1, 4, 0])
        #expect(isClose(l1Loss(prediction, target).item, 5.0 / 3.0, tolerance: Self.tolerance))
        #expect(l1Loss(prediction, target, reduction: .none).scalars == [0, 2, 3])
        // Errors 0.5 and 3 with δ = β = 1: 0.125 and 2.5.
        let errors = Tensor([0.5, 3])
        let zeros = Tensor([0, 0])
        #expect(huberLoss(errors, zeros, reduction: .none).scalars == [0.125, 2.5])
        #expect(smoothL1Loss(errors, zeros, reduction: .none).scalars == [0.125, 2.5])
        #expect(isClose(logCoshLoss(Tensor([1]), Tensor([0])).item, Foundation.log(Foundation.cosh(1)), tolerance: Self.tolerance))
        // overPenalty 2: prediction [3, 1], target [2, 2] → (2 · 1 + 1) / 2.
        #expect(asymmetricMSELoss(Tensor([3, 1]), Tensor([2, 2]), overPenalty: 2).item == 1.5)
    }

    @Test("Huber with δ is δ times smooth L1 with β = δ; smooth L1 with β = 0 is L1")
    func huberAndSmoothL1Agree() {
        let prediction = Tensor([-3, -0.7, 0, 0.2, 1.4, 5])
        let target = Tensor([0, 0.1, 0.3, -0.2, 0, 1])
        for delta in [0.5, 1, 2.5] {
            let huber = huberLoss(prediction, target, delta: delta, reduction: .none).scalars
            let smooth = smoothL1Loss(prediction, target, beta: delta, reduction: .none).scalars.map { $0 * delta }
            #expect(allClose(huber, smooth, tolerance: Self.tolerance), "δ = \(delta)")
        }
        #expect(smoothL1Loss(prediction, target, beta: 0).item == l1Loss(prediction, target).item)
    }

    @Test("asymmetricMSELoss with overPenalty 1 is the MSE; the penalty falls on over-predictions")
    func asymmetricConvention() {
        let prediction = Tensor([0.5, -1, 2])
        let target = Tensor([0, 0, 0])
        #expect(asymmetricMSELoss(prediction, target, overPenalty: 1).item == mseLoss(prediction, target).item)
        #expect(asymmetricMSELoss(prediction, target, overPenalty: 3, reduction: .none).scalars == [0.75, 1, 12])
    }

    @Test("log-cosh of errors 1e3 and 1e5 is finite and equals |x| − log 2, with gradient ±1/n")
    func logCoshLargeErrors() {
        let prediction = Tensor([1e3, -1e3, 1e5, -1e5], requiresGrad: true)
        let loss = logCoshLoss(prediction, Tensor([0, 0, 0, 0]), reduction: .none)
        let expected = [1e3, 1e3, 1e5, 1e5].map { $0 - Foundation.log(2.0) }
        #expect(loss.scalars.allSatisfy { $0.isFinite })
        #expect(allClose(loss.scalars, expected, tolerance: 1e-15))
        loss.sum().backward()
        #expect(gradientValues(of: prediction) == [1, -1, 1, -1])
    }

    @Test("log-cosh keeps every digit of tiny errors: log cosh x = x²/2 − x⁴/12 + x⁶/45 − …")
    func logCoshTinyErrors() {
        for x in [1e-8, 1e-4, 0.01] {
            let value = logCoshLoss(Tensor([x]), Tensor([0])).item
            let series = x * x / 2 - pow(x, 4) / 12 + pow(x, 6) / 45
            #expect(isClose(value, series, tolerance: 1e-12), "x = \(x): \(value)")
        }
        #expect(logCoshLoss(Tensor([0]), Tensor([0])).item == 0)
    }

    @Test("log-cosh gradients match central differences on both sides of the switch at |e| = 1")
    func logCoshGradients() {
        let prediction = Tensor([-2.5, -1.0001, -0.9999, 0.3, 0.9999, 1.0001, 4], requiresGrad: true)
        let target = Tensor(shape: [7], scalars: [0, 0, 0, 0, 0, 0, 0], requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [prediction, target]) { logCoshLoss($0[0], $0[1], reduction: .none) }
    }

    @Test("Huber, smooth L1 and asymmetric MSE gradients match central differences away from their kinks")
    func piecewiseGradients() {
        let prediction = Tensor([-3, -0.7, 0.2, 1.4, 5], requiresGrad: true)
        let target = Tensor([0, 0.1, -0.25, 0, 1], requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [prediction, target]) { huberLoss($0[0], $0[1], delta: 1, reduction: .none) }
        GradientCheck.expectGradientsMatch(inputs: [prediction, target]) { smoothL1Loss($0[0], $0[1], beta: 0.5) }
        GradientCheck.expectGradientsMatch(inputs: [prediction, target]) { asymmetricMSELoss($0[0], $0[1], overPenalty: 2.5) }
    }

    @Test("Shapes that differ stop with the loss and both shapes named")
    func mismatchedShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = huberLoss(Tensor(shape: [4, 1], scalars: [1, 2, 3, 4]), Tensor([1, 2, 3, 4]))
        }
        #expect(misuseMessage(of: result).contains("huberLoss needs prediction and target of the same shape, but got prediction [4, 1] and target [4]"))
    }

    @Test("A non-positive δ stops with a message")
    func nonPositiveDelta() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = huberLoss(Tensor([1]), Tensor([0]), delta: 0)
        }
        #expect(misuseMessage(of: result).contains("huberLoss needs delta > 0"))
    }
}
