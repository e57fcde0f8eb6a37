import Foundation
import LossKit
import Testing

@Suite("Multi-task architectures")
struct SharedArchitectureTests {
    /// A Linear(2 → 1) layer with the given weights and bias.
    func linear(_ weights: [Double], _ bias: Double) -> Linear {
        let layer = Linear(inputs: 2, outputs: 1)
        layer.weight.update { $0 = weights }
        layer.bias?.update { $0 = [bias] }
        return layer
    }

    @Test("soft sharing: the penalty of tiny networks by hand, λ·Σ pairs Σ parameters ‖θa − θb‖²")
    func softPenaltyByHand() throws {
        let model = SoftParameterSharing(
            networks: [("a", linear([1, 2], 0)), ("b", linear([0, 4], 1)), ("c", linear([1, 1], -1))], sharingStrength: 0.5)
        // a–b: 1 + 4 + 1 = 6; a–c: 0 + 1 + 1 = 2; b–c: 1 + 9 + 4 = 14 → 0.5 · 22 = 11.
        #expect(abs(model.sharingPenalty().item - 11) < 1e-12)
        let two = SoftParameterSharing(networks: [("a", linear([1, 2], 0)), ("b", linear([0, 4], 0))], sharingStrength: 0.5)
        #expect(abs(two.sharingPenalty().item - 2.5) < 1e-12, "the documented example")
        #expect(SoftParameterSharing(networks: [("a", linear([1, 2], 0))], sharingStrength: 3).sharingPenalty().item == 0)
        // The gradient on network a's weight: 2λ·((θa − θb) + (θa − θc)) = (1 − 0) + (1 − 1), (2 − 4) + (2 − 1) → [1, −1].
        model.sharingPenalty().backward()
        let gradient = try #require(model.networks[0].module.parameters[0].grad)
        #expect(gradient.scalars == [1, -1])
    }

    @Test("soft sharing of trunks: heads of different shapes, only the trunks enter the penalty")
    func softSharingOfTrunks() throws {
        let model = SoftParameterSharing(
            trunks: [("a", linear([1, 2], 0)), ("b", linear([0, 4], 1))],
            heads: [Linear(inputs: 1, outputs: 3), Linear(inputs: 1, outputs: 1)], sharingStrength: 0.5)
        // Trunks only: 0.5 · ((1 − 0)² + (2 − 4)² + (0 − 1)²) = 3, whatever the heads hold.
        #expect(abs(model.sharingPenalty().item - 3) < 1e-12)
        #expect(model.namedParameters.map(\.name) == [
            "a.trunk.weight", "a.trunk.bias", "a.head.weight", "a.head.bias",
            "b.trunk.weight", "b.trunk.bias", "b.head.weight", "b.head.bias"])
        let outputs = model.outputs(Tensor([[1.0, 1.0]]))
        #expect(outputs["a"]?.shape == [1, 3] && outputs["b"]?.shape == [1, 1])
        model.sharingPenalty().backward()
        #expect(model.networks[0].module.parameters[2].grad == nil, "the head is not tied")
        let trunkGradient = try #require(model.networks[0].module.parameters[0].grad)
        #expect(trunkGradient.scalars == [1, -2], "2λ·(θa − θb)")
    }

    @Test("soft sharing: the penalty's gradient matches central differences (tolerance 1e-6)")
    func softPenaltyGradientCheck() {
        var generator = SeededGenerator(seed: 12)
        let inputs = (0..<6).map { index in
            Tensor.randomNormal(index % 2 == 0 ? [3, 2] : [3], requiresGrad: true, using: &generator)
        }
        let result = gradientCheck({ parameters in
            SoftParameterSharing.penalty([Array(parameters[0..<2]), Array(parameters[2..<4]), Array(parameters[4..<6])], strength: 0.3)
        }, inputs: inputs)
        #expect(result.passed, "\(result)")
    }

    @Test("soft sharing: one network per task, named outputs, and a large λ pulls the networks together")
    func softSharingTraining() {
        var generator = SeededGenerator(seed: 4)
        let model = SoftParameterSharing(networks: [("first", Linear(inputs: 2, outputs: 1)), ("second", Linear(inputs: 2, outputs: 1))],
                                         sharingStrength: 10)
        for parameter in model.parameters {
            let values = Tensor.randomNormal(parameter.shape, using: &generator).scalars
            parameter.update { $0 = values }
        }
        let input = Tensor([[1.0, 2.0]])
        #expect(Set(model.outputs(input).keys) == ["first", "second"] && model.forward(input).shape == [1, 2])
        #expect(model.namedParameters.map(\.name) == ["first.weight", "first.bias", "second.weight", "second.bias"])
        #expect(model.lastSharedLayerParameters.isEmpty && model.taskParameters(for: "second").count == 2)
        let before = model.sharingPenalty().item
        let optimizer = SGD(model.parameters, learningRate: 0.01)
        for _ in 0..<20 {
            optimizer.zeroGrad()
            model.sharingPenalty().backward()
            optimizer.step()
        }
        #expect(model.sharingPenalty().item < 0.01 * before, "penalty \(before) → \(model.sharingPenalty().item)")
    }

    @Test("hard sharing: named outputs, parameters in a fixed order, shared and task parameters")
    func hardSharing() {
        let model = HardParameterSharing(
            inputs: 4, sharedHidden: [6, 5],
            tasks: [TaskConfiguration(name: "kind", kind: .classification(classes: 3)),
                    TaskConfiguration(name: "size", kind: .regression(outputs: 2), hidden: [4])],
            seed: 1)
        let input = Tensor(shape: [2, 4], scalars: (0..<8).map(Double.init))
        let outputs = model.outputs(input)
        #expect(outputs["kind"]?.shape == [2, 3] && outputs["size"]?.shape == [2, 2])
        #expect(model.forward(input).shape == [2, 5])
        #expect(model.namedParameters.map(\.name) == [
            "backbone.0.weight", "backbone.0.bias", "backbone.2.weight", "backbone.2.bias",
            "heads.kind.network.weight", "heads.kind.network.bias",
            "heads.size.network.layers.0.weight", "heads.size.network.layers.0.bias",
            "heads.size.network.layers.2.weight", "heads.size.network.layers.2.bias",
        ])
        #expect(model.sharedParameters.count == 4)
        #expect(model.lastSharedLayerParameters.map(\.shape) == [[5, 6], [5]])
        #expect(model.lastSharedLayerParameters[0] === model.parameters[2])
        #expect(model.taskParameters(for: "size").count == 4)
        #expect(model.taskNames == ["kind", "size"] && model.configurations.count == 2)
        // The same seed gives the same model, whatever the default generator has done.
        let again = HardParameterSharing(inputs: 4, sharedHidden: [6, 5], tasks: model.configurations, seed: 1)
        #expect(again.parameters.map(\.scalars) == model.parameters.map(\.scalars))
        let bound = 1 / 6.0.squareRoot()
        #expect(model.lastSharedLayerParameters.allSatisfy { $0.scalars.allSatisfy { abs($0) <= bound } })
        model.eval()
        #expect(model.children.allSatisfy { !$0.module.isTraining })
    }

    @Test("a task head reshapes a dense output, and goes through hidden layers when asked")
    func taskHead() {
        let head = TaskHead(inputs: 3, outputShape: [2, 2, 2])
        #expect(head(Tensor.zeros([5, 3])).shape == [5, 2, 2, 2])
        #expect(TaskHead(inputs: 3, outputs: 4, hidden: [8]).network is MLP)
        #expect(TaskHead(inputs: 3, outputs: 4).network is Linear)
    }
}
