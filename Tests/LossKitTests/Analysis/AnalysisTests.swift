import Foundation
import LossKit
import Testing

@Suite("Analysis tools: landscapes, gradient flow, convergence")
struct AnalysisTests {
    @Test("the landscape tool returns the analytic Rosenbrock values")
    func rosenbrockLandscape() {
        let surface = LossLandscape.grid(x: -2...2, y: -1...3, steps: 9) { rosenbrock($0) }
        for (row, y) in surface.ys.enumerated() {
            for (column, x) in surface.xs.enumerated() {
                let valley: Double = y - x * x
                let analytic: Double = (1 - x) * (1 - x) + 100 * valley * valley
                let difference: Double = Swift.abs(surface.values[row][column] - analytic)
                #expect(difference <= 1e-12 * Swift.max(1, analytic))
            }
        }
        #expect(surface.values[4][6] == 0, "the minimum at (1, 1)")
    }

    @Test("the landscape around a model is centred on its loss and leaves the parameters unchanged")
    func modelLandscape() {
        manualSeed(1)
        let data = SyntheticData.gaussianBlobs(samples: 40, centers: 2, seed: 1)
        let model = MLP(input: 2, hidden: [4], output: 2)
        let before = model.parameters.map(\.scalars)
        let loss = { crossEntropyFromLogits(model(data.inputs), data.labels) }
        let centre = loss().item
        let surface = LossLandscape.around(model, range: -1...1, steps: 5) { loss() }
        #expect(abs(surface.values[2][2] - centre) < 1e-12)
        #expect(model.parameters.map(\.scalars) == before)
        #expect(Set(surface.values.flatMap { $0 }).count > 1)
    }

    @Test("gradient flow names each parameter and flags dead or missing gradients")
    func flow() {
        let model = MLP(input: 2, hidden: [3], output: 1)
        #expect(gradientFlow(model).allSatisfy { $0.missing })
        model(Tensor([[1, 2]])).sum().backward()
        let statistics = gradientFlow(model)
        #expect(statistics.map(\.name) == model.namedParameters.map(\.name))
        #expect(statistics.allSatisfy { !$0.missing && !$0.hasNonFinite })
    }

    @Test("convergence verdicts with reasons", arguments: [
        ([10.0, 5, 3, 2, 1.5, 1.2, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5], ConvergenceVerdict.Status.improving),
        ([5.0, 1, 0.5] + Array(repeating: 0.2, count: 10), .converged),
        ([1.0, 0.5, 0.4, 0.5, 0.6, 0.8, 1.2, 2, 4, 8, 16, 32], .diverging),
        ([1.0, 0.5, 0.45, 0.5, 0.47, 0.52, 0.46, 0.5, 0.48, 0.51, 0.47, 0.5], .plateaued),
        ([1.0, 0.5, .nan], .invalid),
    ])
    func convergence(losses: [Double], expected: ConvergenceVerdict.Status) {
        let verdict = checkConvergence(losses, patience: 5, tolerance: 1e-3)
        #expect(verdict.status == expected, "\(verdict.reason)")
        #expect(!verdict.reason.isEmpty)
    }
}
