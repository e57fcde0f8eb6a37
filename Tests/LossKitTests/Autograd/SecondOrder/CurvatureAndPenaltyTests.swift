// The tools built on gradients of gradients: Hessian-vector products, the top Hessian eigenvalue,
// sharpness along a direction, the WGAN-GP penalty and gradient harmonisation, on problems whose
// answers are known in closed form.

import Foundation
import LossKit
import Testing

@Suite("Curvature: Hessian-vector products, top eigenvalue, sharpness")
struct CurvatureTests {
    /// ½·xᵀAx for a symmetric A with eigenvalues 5, 2 and 0.5 (A = Q·diag·Qᵀ, Q a rotation).
    private static let matrix: [[Double]] = {
        let (c, s) = (cos(0.3), sin(0.3))
        let rotation = [[c, -s, 0], [s, c, 0], [0, 0, 1]]
        let eigenvalues = [5.0, 2.0, 0.5]
        return (0..<3).map { i in
            (0..<3).map { j in (0..<3).reduce(0) { $0 + rotation[i][$1] * eigenvalues[$1] * rotation[j][$1] } }
        }
    }()

    private func quadratic(_ x: Tensor) -> Tensor {
        0.5 * (x * matmul(Tensor(Self.matrix), x)).sum()
    }

    @Test("H·v of a quadratic is A·v, for any point and any v")
    func hessianVectorProductOfQuadratic() {
        let x = Tensor([0.3, -1.2, 0.8], requiresGrad: true)
        let v = [1.0, 2.0, -0.5]
        let product = hessianVectorProduct(of: quadratic(x), withRespectTo: [x], vector: [Tensor(v)])[0]
        let expected = Self.matrix.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(allClose(product.scalars, expected, tolerance: 1e-14))
        #expect(x.grad == nil)
    }

    @Test("Power iteration finds the top eigenvalue 5, reports its iterations and a small residual")
    func topEigenvalueOfQuadratic() throws {
        let x = Tensor([0.3, -1.2, 0.8], requiresGrad: true)
        let result = topHessianEigenvalue(of: quadratic(x), withRespectTo: [x], maxIterations: 200, tolerance: 1e-10)
        #expect(result.converged)
        #expect(isClose(result.value, 5, tolerance: 1e-9), "\(result)")
        #expect(result.residual <= 1e-10 * 5)
        #expect(result.iterations > 1 && result.iterations <= 200)
        // The eigenvector: (cos 0.3, sin 0.3, 0) up to sign.
        let vector = result.eigenvector[0].scalars
        #expect(isClose(abs(vector[0]), cos(0.3), tolerance: 1e-5) && abs(vector[2]) < 1e-5, "\(vector)")
        // With one iteration allowed it reports that it has not converged.
        let short = topHessianEigenvalue(of: quadratic(x), withRespectTo: [x], maxIterations: 1, tolerance: 1e-10)
        #expect(!short.converged && short.iterations == 1 && short.residual > 0)
    }

    @Test("The top eigenvalue of an MLP's loss agrees with the largest curvature over many directions")
    func topEigenvalueBoundsSharpness() {
        manualSeed(4)
        let model = MLP(input: 3, hidden: [6], output: 2)
        let inputs = Tensor.randomNormal([8, 3])
        let targets = Tensor.randomNormal([8, 2])
        let loss = mseLoss(model(inputs), targets)
        let top = topHessianEigenvalue(of: loss, withRespectTo: model.parameters, maxIterations: 500, tolerance: 1e-8)
        #expect(top.converged && top.value > 0)
        // Along the eigenvector the curvature is λ; along random directions it is no larger.
        #expect(isClose(sharpness(of: loss, withRespectTo: model.parameters, along: top.eigenvector), top.value, tolerance: 1e-7))
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<10 {
            let direction = model.parameters.map { Tensor.randomNormal($0.shape, using: &generator) }
            #expect(sharpness(of: loss, withRespectTo: model.parameters, along: direction) <= top.value * (1 + 1e-9))
        }
    }

    @Test("Sharpness along a direction is the second derivative along the line, by finite differences")
    func sharpnessIsSecondDerivative() {
        let x = Tensor([0.4, -0.3], requiresGrad: true)
        func loss(_ point: Tensor) -> Tensor { (exp(point) * point * point).sum() + (point[0] * point[1]) }
        let direction = Tensor([3.0, 4.0])    // length 5
        let curvature = sharpness(of: loss(x), withRespectTo: [x], along: [direction])
        let step = 1e-4
        let unit = direction.scalars.map { $0 / 5 }
        func along(_ t: Double) -> Double {
            withoutGradients { loss(Tensor(zip(x.scalars, unit).map { $0 + t * $1 })).item }
        }
        let numeric = (along(step) - 2 * along(0) + along(-step)) / (step * step)
        #expect(isClose(curvature, numeric, tolerance: 1e-6), "\(curvature) against \(numeric)")
    }
}

@Suite("WGAN-GP and gradient harmonisation")
struct PenaltyTests {
    @Test("A critic of slope 3 pays λ·(3 − 1)² = 40, and one of slope 1 pays nothing, wherever the samples are")
    func wganPenaltyOfLinearCritic() {
        let real = Tensor([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
        let fake = Tensor([[-1.0, 0.0], [2.0, 2.0], [0.0, 0.0]])
        let steep = Tensor([[1.8], [2.4]], requiresGrad: true)      // ‖(1.8, 2.4)‖ = 3
        let penalty = wganGradientPenalty(critic: { matmul($0, steep) }, real: real, fake: fake)
        #expect(isClose(penalty.item, 40, tolerance: 1e-12))
        // d/dw of 10·(‖w‖ − 1)² = 20·(‖w‖ − 1)·w/‖w‖.
        penalty.backward()
        let expected: [Double] = [40 * 1.8 / 3, 40 * 2.4 / 3]
        #expect(allClose(steep.grad?.scalars ?? [], expected, tolerance: 1e-12))
        let gentle = Tensor([[0.6], [0.8]])
        #expect(wganGradientPenalty(critic: { matmul($0, gentle) }, real: real, fake: fake, lambda: 5).item < 1e-24)
    }

    @Test("The interpolation weights are drawn from the default generator when not given, one per sample")
    func wganPenaltyDrawsWeights() {
        let critic = Tensor([[1.0], [-2.0]], requiresGrad: true)
        func curved(_ x: Tensor) -> Tensor { tanh(matmul(x, critic)) }
        let real = Tensor([[1.0, 2.0], [0.5, -1.0]])
        let fake = Tensor([[-1.0, 0.0], [2.0, 2.0]])
        manualSeed(3)
        let drawn = wganGradientPenalty(critic: curved, real: real, fake: fake).item
        manualSeed(3)
        let weights = Tensor.randomUniform([2])
        let given = wganGradientPenalty(critic: curved, real: real, fake: fake, interpolationWeights: weights).item
        #expect(drawn == given)
    }

    @Test("Harmonisation: the worked example, and no penalty for agreeing or zero gradients")
    func harmonizationExamples() {
        let w = Tensor([0.0, 0.0], requiresGrad: true)
        // Gradients [1, 0] and [−1, 1] on the shared w: cos = −1/√2.
        let conflicting = gradientHarmonizationPenalty(
            taskLosses: [(w * Tensor([1.0, 0.0])).sum(), (w * Tensor([-1.0, 1.0])).sum()], shared: [w])
        #expect(isClose(conflicting.item, 1 / 2.0.squareRoot(), tolerance: 1e-15))
        let agreeing = gradientHarmonizationPenalty(
            taskLosses: [(w * Tensor([1.0, 0.0])).sum(), (w * Tensor([2.0, 1.0])).sum()], shared: [w])
        #expect(agreeing.item == 0)
        let zero = gradientHarmonizationPenalty(taskLosses: [(w * Tensor([1.0, 0.0])).sum(), Tensor(0.0)], shared: [w])
        #expect(zero.item == 0)
    }

    @Test("Training through the penalty lowers the conflict between two tasks on a shared layer")
    func harmonizationReducesConflict() {
        manualSeed(11)
        let trunk = Linear(inputs: 3, outputs: 4)
        let heads = [Linear(inputs: 4, outputs: 1), Linear(inputs: 4, outputs: 1)]
        let inputs = Tensor.randomNormal([16, 3])
        let targets = [inputs.sum(dim: 1, keepDims: true), -inputs.sum(dim: 1, keepDims: true) + 0.5]
        let shared = trunk.parameters
        func taskLosses() -> [Tensor] {
            let hidden = tanh(trunk(inputs))
            return zip(heads, targets).map { mseLoss($0(hidden), $1) }
        }
        func conflict() -> Double {
            gradientConflictPenalty(taskLosses().map { gradients(of: $0, withRespectTo: shared).flatMap(\.scalars) })
        }
        let before = conflict()
        let harmonization = GradientHarmonizationLoss(tasks: 2, penaltyWeight: 1)
        let optimizer = SGD(shared + heads.flatMap(\.parameters), learningRate: 0.05)
        for _ in 0..<60 {
            optimizer.zeroGrad()
            harmonization.backward(taskLosses: taskLosses(), shared: shared)
            optimizer.step()
        }
        #expect(before > 0.1)
        #expect(conflict() < before / 2, "conflict \(before) → \(conflict())")
        #expect(harmonization.name == "harmonization" && harmonization.weights == [1, 1])
    }
}

@Suite("Second order: layers")
struct SecondOrderLayerTests {
    @Test("Linear, BatchNorm in training mode, dropout with a fixed mask, GELU")
    func layers() {
        let norm = BatchNorm(channels: 4)
        SecondOrderCheck.expectMatch(shapes: [[5, 3], [4, 3], [4]]) { x in
            var generator = SeededGenerator(seed: 1)
            let hidden = dropout(gelu(norm(linear(x[0], x[1], x[2]))), probability: 0.3, using: &generator)
            return (hidden * hidden).sum(dim: 1)
        }
    }
}
