// Gradients of gradients against PyTorch (float64): Hessian-vector products of cross-entropy and
// MSE through small networks, penalties on gradients back-propagated through create_graph, the
// WGAN-GP penalty, the gradient-harmonisation penalty and a third derivative. Values and
// gradients agree within 1e-9, relative to each number (absolute near zero).

import LossKit
import Testing

@Suite("Second order against PyTorch (float64)")
struct SecondOrderGoldenTests {
    /// Relative (and, near zero, absolute) tolerance for every number.
    static let tolerance = 1e-9

    private func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(allClose(actual, expected, tolerance: Self.tolerance),
                "\(what): largest difference \(largestDifference(actual, expected))\n  LossKit: \(actual.prefix(6))…\n  PyTorch: \(expected.prefix(6))…",
                sourceLocation: sourceLocation)
    }

    /// The loss of each HVP case, from its parameters.
    private func hvpLoss(_ fixture: SecondOrderCase, _ parameters: [Tensor]) throws -> Tensor {
        switch fixture.id {
        case "hvp/cross-entropy/tanh-mlp":
            let x = try fixture.tensor("x")
            return crossEntropyLoss(linear(tanh(linear(x, parameters[0], parameters[1])), parameters[2], parameters[3]),
                                    try fixture.ints("labels"))
        case "hvp/cross-entropy/softplus-mlp-weighted-smoothed":
            let x = try fixture.tensor("x")
            let logits = linear(softplus(linear(x, parameters[0], parameters[1])), parameters[2], parameters[3])
            return crossEntropyLoss(logits, try fixture.ints("labels"), weight: try fixture.tensor("class_weight"), labelSmoothing: 0.1)
        case "hvp/mse/sigmoid-mlp":
            let x = try fixture.tensor("x")
            return mseLoss(linear(sigmoid(linear(x, parameters[0], parameters[1])), parameters[2], parameters[3]), try fixture.tensor("target"))
        case "hvp/mse/conv-gelu-maxpool":
            let features = maxPool2d(gelu(conv2d(try fixture.tensor("images"), weight: parameters[0], bias: parameters[1], padding: 1)), kernelSize: 2)
            return mseLoss(linear(features.reshaped([2, -1]), parameters[2], parameters[3]), try fixture.tensor("target"))
        default:
            throw FixtureError.missingParameter(caseID: fixture.id, name: "a loss for this case")
        }
    }

    @Test("Hessian-vector products of cross-entropy and MSE through small networks", arguments: [
        ("hvp/cross-entropy/tanh-mlp", ["w1", "b1", "w2", "b2"]),
        ("hvp/cross-entropy/softplus-mlp-weighted-smoothed", ["w1", "b1", "w2", "b2"]),
        ("hvp/mse/sigmoid-mlp", ["w1", "b1", "w2", "b2"]),
        ("hvp/mse/conv-gelu-maxpool", ["kernel", "kernel_bias", "w", "b"]),
    ])
    func hessianVectorProducts(id: String, names: [String]) throws {
        let fixture = try SecondOrderFixtures.named(id)
        let parameters = try names.map { try fixture.tensor($0, requiresGrad: true) }
        let vector = try names.map { try fixture.tensor("v_" + $0) }
        let loss = try hvpLoss(fixture, parameters)
        expectClose(loss.scalars, try fixture.output("loss"), "\(id): loss")
        let recorded = gradients(of: loss, withRespectTo: parameters, createGraph: true)
        let plain = gradients(of: loss, withRespectTo: parameters)
        for (index, name) in names.enumerated() {
            expectClose(recorded[index].scalars, try fixture.gradient(of: "loss", name), "\(id): gradient of \(name), with a graph")
            expectClose(plain[index].scalars, try fixture.gradient(of: "loss", name), "\(id): gradient of \(name), without")
        }
        // H·v by the analysis function, and by hand: (g · v).sum().backward().
        let products = hessianVectorProduct(of: loss, withRespectTo: parameters, vector: vector)
        var directional = Tensor(0.0)
        for (part, direction) in zip(recorded, vector) {
            directional = directional + (part * direction).sum()
        }
        directional.backward()
        for (index, name) in names.enumerated() {
            expectClose(products[index].scalars, try fixture.gradient(of: "hvp", name), "\(id): H·v for \(name)")
            expectClose(parameters[index].grad?.scalars ?? [], try fixture.gradient(of: "hvp", name), "\(id): H·v for \(name) by backward()")
        }
    }

    @Test("A penalty on the parameters' gradient norm, L + ½·Σ‖∂L/∂θ‖², back-propagated through createGraph")
    func parameterGradientPenalty() throws {
        let fixture = try SecondOrderFixtures.named("penalty/parameter-gradient-norm/tanh-mlp-mse")
        let names = ["w1", "b1", "w2", "b2"]
        let parameters = try names.map { try fixture.tensor($0, requiresGrad: true) }
        let loss = mseLoss(linear(tanh(linear(try fixture.tensor("x"), parameters[0], parameters[1])), parameters[2], parameters[3]),
                           try fixture.tensor("target"))
        let penalty = gradients(of: loss, withRespectTo: parameters, createGraph: true)
            .map { ($0 * $0).sum() }.reduce(Tensor(0.0), +)
        let total = loss + 0.5 * penalty
        total.backward()
        expectClose(loss.scalars, try fixture.output("loss"), "loss")
        expectClose(penalty.scalars, try fixture.output("penalty"), "penalty")
        expectClose(total.scalars, try fixture.output("total"), "total")
        for (parameter, name) in zip(parameters, names) {
            expectClose(parameter.grad?.scalars ?? [], try fixture.gradient(of: "total", name), "gradient of the total for \(name)")
        }
    }

    @Test("A penalty on the input gradient (double backpropagation), with respect to the parameters and the input")
    func inputGradientPenalty() throws {
        let fixture = try SecondOrderFixtures.named("penalty/input-gradient-norm/relu-mlp-cross-entropy")
        let names = ["w1", "b1", "w2", "b2"]
        let parameters = try names.map { try fixture.tensor($0, requiresGrad: true) }
        let x = try fixture.tensor("x", requiresGrad: true)
        let loss = crossEntropyLoss(linear(relu(linear(x, parameters[0], parameters[1])), parameters[2], parameters[3]),
                                    try fixture.ints("labels"))
        let inputGradient = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
        let penalty = (inputGradient * inputGradient).sum()
        let total = loss + 0.1 * penalty
        total.backward()
        expectClose(penalty.scalars, try fixture.output("penalty"), "penalty")
        expectClose(total.scalars, try fixture.output("total"), "total")
        for (tensor, name) in zip(parameters + [x], names + ["x"]) {
            expectClose(tensor.grad?.scalars ?? [], try fixture.gradient(of: "total", name), "gradient of the total for \(name)")
        }
    }

    @Test("The WGAN-GP penalty of a small critic, and the critic loss it joins")
    func wganGradientPenaltyMatches() throws {
        let fixture = try SecondOrderFixtures.named("wgan-gp/leaky-tanh-critic")
        let names = ["w1", "b1", "w2", "b2", "w3", "b3"]
        let weights = try names.map { try fixture.tensor($0, requiresGrad: true) }
        let real = try fixture.tensor("real")
        let fake = try fixture.tensor("fake", requiresGrad: true)
        func critic(_ samples: Tensor) -> Tensor {
            let hidden = tanh(linear(leakyRelu(linear(samples, weights[0], weights[1]), negativeSlope: 0.2), weights[2], weights[3]))
            return linear(hidden, weights[4], weights[5])
        }
        let penalty = wganGradientPenalty(critic: critic, real: real, fake: fake, lambda: 10,
                                          interpolationWeights: try fixture.tensor("epsilon"))
        expectClose(penalty.scalars, try fixture.output("penalty"), "penalty")
        let penaltyGradients = gradients(of: penalty, withRespectTo: weights + [fake])
        for (gradient, name) in zip(penaltyGradients, names + ["fake"]) {
            expectClose(gradient.scalars, try fixture.gradient(of: "penalty", name), "gradient of the penalty for \(name)")
        }
        let criticLoss = wassersteinCriticLoss(real: critic(real), fake: critic(fake)) + penalty
        expectClose(criticLoss.scalars, try fixture.output("critic_loss"), "critic loss")
        criticLoss.backward()
        for (tensor, name) in zip(weights + [fake], names + ["fake"]) {
            expectClose(tensor.grad?.scalars ?? [], try fixture.gradient(of: "critic_loss", name), "gradient of the critic loss for \(name)")
        }
    }

    @Test("The gradient-harmonisation penalty of three tasks on a shared layer, trained through")
    func harmonizationPenalty() throws {
        let fixture = try SecondOrderFixtures.named("harmonization/three-tasks-shared-tanh")
        let names = ["shared_weight", "shared_bias", "regression_weight", "regression_bias",
                     "class_weight", "class_bias", "binary_weight", "binary_bias"]
        let parameters = try names.map { try fixture.tensor($0, requiresGrad: true) }
        let hidden = tanh(linear(try fixture.tensor("x"), parameters[0], parameters[1]))
        let taskLosses = [
            mseLoss(linear(hidden, parameters[2], parameters[3]), try fixture.tensor("regression_target")),
            crossEntropyLoss(linear(hidden, parameters[4], parameters[5]), try fixture.ints("labels")),
            bceWithLogitsLoss(linear(hidden, parameters[6], parameters[7]), try fixture.tensor("binary_target")),
        ]
        expectClose(taskLosses.map(\.item), try fixture.output("task_losses"), "task losses")
        let shared = Array(parameters[0..<2])
        let penalty = gradientHarmonizationPenalty(taskLosses: taskLosses, shared: shared)
        expectClose(penalty.scalars, try fixture.output("penalty"), "penalty")
        // The monitoring version, from plain gradients, gives the same number.
        let plainGradients = taskLosses.map { gradients(of: $0, withRespectTo: shared).flatMap(\.scalars) }
        expectClose([gradientConflictPenalty(plainGradients)], try fixture.output("penalty"), "penalty from plain gradients")
        let harmonization = GradientHarmonizationLoss(tasks: 3, penaltyWeight: 0.5)
        let total = harmonization.backward(taskLosses: taskLosses, shared: shared)
        expectClose(total.scalars, try fixture.output("total"), "total")
        #expect(isClose(harmonization.lastPenalty, try fixture.output("penalty")[0], tolerance: Self.tolerance))
        for (parameter, name) in zip(parameters, names) {
            expectClose(parameter.grad?.scalars ?? [], try fixture.gradient(of: "total", name), "gradient of the total for \(name)")
        }
    }

    @Test("A third derivative: ∇⟨∇⟨∇f, v⟩, v⟩ of a log-softmax of tanh")
    func thirdOrder() throws {
        let fixture = try SecondOrderFixtures.named("third-order/log-softmax-tanh")
        let x = try fixture.tensor("x", requiresGrad: true)
        let (a, c, v) = (try fixture.tensor("a"), try fixture.tensor("c"), try fixture.tensor("v"))
        let f = (c * logSoftmax(matmul(tanh(x), a), dim: 1)).sum()
        let first = gradients(of: f, withRespectTo: [x], createGraph: true)[0]
        let second = gradients(of: (first * v).sum(), withRespectTo: [x], createGraph: true)[0]
        let third = gradients(of: (second * v).sum(), withRespectTo: [x])[0]
        expectClose(f.scalars, try fixture.output("f"), "f")
        expectClose(first.scalars, try fixture.gradient(of: "f", "x"), "first derivative")
        expectClose(second.scalars, try fixture.gradient(of: "hvp", "x"), "second derivative along v")
        expectClose(third.scalars, try fixture.gradient(of: "third", "x"), "third derivative along v, v")
    }

    @Test("The fixture file says where its numbers come from")
    func provenance() throws {
        let fixtures = try SecondOrderFixtures.load()
        #expect(fixtures.generator.contains("PyTorch") && fixtures.generator.contains("float64"))
        #expect(fixtures.cases.count == 9)
    }
}
