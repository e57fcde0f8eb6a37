import Foundation
import LossKit
import Testing

@Suite("Datasets, loaders and analysis tools")
struct DataAndAnalysisTests {
    @Test("synthetic datasets repeat for a seed and differ between seeds")
    func reproducible() {
        #expect(SyntheticData.twoMoons(seed: 4).features.values == SyntheticData.twoMoons(seed: 4).features.values)
        #expect(SyntheticData.twoMoons(seed: 4).features.values != SyntheticData.twoMoons(seed: 5).features.values)
        let blobs = SyntheticData.gaussianBlobs(samples: 90, centers: 3, dimensions: 4, seed: 1)
        #expect(blobs.featureShape == [90, 4] && Set(blobs.labels) == [0, 1, 2])
        let imbalanced = SyntheticData.imbalancedBinary(samples: 200, positiveFraction: 0.05)
        #expect(imbalanced.labels.filter { $0 == 1 }.count == 10)
        let shapes = SyntheticData.segmentationShapes(count: 4, size: 16)
        #expect(shapes.featureShape == [4, 1, 16, 16] && shapes.targetShape == [4, 1, 16, 16])
        let foreground = (shapes.targets?.values.reduce(0, +) ?? 0) / 1024
        #expect(foreground > 0.005 && foreground < 0.3, "foreground is present but rare: \(foreground)")
        #expect(SyntheticData.spirals(samples: 300, classes: 3).count == 300)
        #expect(SyntheticData.boxes(count: 5).targetShape == [5, 4])
    }

    @Test("the digits data has 1,797 images of 64 pixels in 0...1 and labels 0–9")
    func digits() throws {
        let digits = try SyntheticData.digits()
        #expect(digits.featureShape == [1797, 64])
        #expect(Set(digits.labels) == Set(0...9))
        #expect(digits.features.values.allSatisfy { (0...1).contains($0) })
    }

    @Test("a loader serves every example once per epoch, reshuffled each epoch, the same for a seed")
    func loader() {
        let data = SyntheticData.gaussianBlobs(samples: 50, centers: 5, seed: 2)
        var loader = DataLoader(data, batchSize: 16, seed: 9)
        let first = loader.epoch(), second = loader.epoch()
        #expect(first.map { $0.inputs.shape[0] } == [16, 16, 16, 2])
        #expect(first.flatMap(\.labels).sorted() == data.labels.sorted())
        #expect(first.flatMap(\.labels) != second.flatMap(\.labels))
        var again = DataLoader(data, batchSize: 16, seed: 9)
        #expect(again.epoch().flatMap(\.labels) == first.flatMap(\.labels))
    }

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

    @Test("gradient clipping by global norm and by value")
    func clipping() {
        let a = Tensor([3.0], requiresGrad: true), b = Tensor([4.0], requiresGrad: true)
        (a * a / 2 + b * b / 2).sum().backward()
        #expect(abs(clipGradientNorm([a, b], maxNorm: 1) - 5) < 1e-12)
        #expect(abs((a.grad?.item ?? 0) - 0.6) < 1e-6 && abs((b.grad?.item ?? 0) - 0.8) < 1e-6)
        clipGradientValue([a, b], limit: 0.7)
        #expect(b.grad?.item == 0.7)
    }
}
