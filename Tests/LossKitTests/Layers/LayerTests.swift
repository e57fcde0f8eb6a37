import Foundation
import LossKit
import Testing

@Suite("Layers")
struct LayerTests {
    @Test("Linear computes x·Wᵀ + b and names its parameters")
    func linear() {
        let layer = Linear(inputs: 3, outputs: 2)
        layer.weight.update { $0 = [1, 2, 3, 4, 5, 6] }
        layer.bias?.update { $0 = [0.5, -1] }
        let expected: [Double] = [1 - 3 + 0.5, 4 - 6 - 1]
        let output = layer(Tensor([[1, 0, -1]])).scalars
        #expect(output == expected)
        #expect(layer.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(layer.parameterCount == 8)
    }

    @Test("initialisation is reproducible with manualSeed and bounded by 1/√inputs")
    func initialisation() {
        manualSeed(5)
        let first = Linear(inputs: 16, outputs: 4).weight.scalars
        manualSeed(5)
        let second = Linear(inputs: 16, outputs: 4).weight.scalars
        #expect(first == second)
        #expect(first.allSatisfy { abs($0) <= 0.25 })
    }

    @Test("BatchNorm normalises with batch statistics in training and running ones in evaluation")
    func batchNorm() {
        let norm = BatchNorm(channels: 2)
        let input = Tensor([[1, 10], [3, 20], [5, 60]])
        let output = norm(input)
        for channel in 0..<2 {
            let column = (0..<3).map { output.scalars[$0 * 2 + channel] }
            #expect(abs(column.reduce(0, +)) < 1e-12)
            let variance = column.map { $0 * $0 }.reduce(0, +) / 3
            #expect(abs(variance - 1) < 1e-4, "unit variance up to ε")
        }
        // running mean = 0.9·0 + 0.1·batch mean; running variance uses the unbiased estimate.
        #expect(abs(norm.runningMean[0] - 0.3) < 1e-12)
        #expect(abs(norm.runningVariance[0] - (0.9 + 0.1 * 4)) < 1e-12)
        norm.eval()
        let evaluated = norm(Tensor([[0.3, 3]]))
        #expect(abs(evaluated.scalars[0]) < 1e-12, "the running mean maps to 0 in evaluation")
    }

    @Test("BatchNorm, GELU and Conv2d pass gradient checks", arguments: ["batchnorm", "gelu", "conv"])
    func gradients(_ which: String) {
        manualSeed(7)
        let result: GradientCheckResult
        switch which {
        case "batchnorm":
            let norm = BatchNorm(channels: 3)
            result = gradientCheck({ norm($0[0]) }, inputs: [Tensor.randomNormal([4, 3, 2, 2], requiresGrad: true)])
        case "gelu":
            result = gradientCheck({ gelu($0[0]) }, inputs: [Tensor.randomNormal([7], requiresGrad: true)])
        default:
            let conv = Conv2d(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1)
            result = gradientCheck({ conv($0[0]) }, inputs: [Tensor.randomNormal([1, 2, 5, 5], requiresGrad: true)])
        }
        #expect(result.passed, "\(result)")
    }

    @Test("Dropout is active in training and the identity in evaluation")
    func dropoutModes() {
        let layer = Dropout(probability: 0.5)
        let input = Tensor.ones([1000])
        let trained = layer(input).scalars
        #expect(trained.contains(0) && trained.contains(2))
        layer.eval()
        #expect(layer(input).scalars == input.scalars)
    }

    @Test("SimpleCNN maps digit images to ten scores; Sequential and MLP name parameters by position")
    func networks() {
        let cnn = SimpleCNN()
        #expect(cnn(Tensor.zeros([5, 1, 8, 8])).shape == [5, 10])
        let mlp = MLP(input: 4, hidden: [8], output: 3)
        #expect(mlp.namedParameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"])
        mlp.eval()
        #expect(mlp.network.layers.allSatisfy { !$0.isTraining })
    }
}

@Suite("VGG16 features")
struct VGGFeaturesTests {
    @Test("the taps have VGG16's shapes at the width factor, and the initialisation repeats for a seed")
    func shapes() {
        let network = VGGFeatures(inputChannels: 3, widthFactor: 1.0 / 16, seed: 1)
        let taps = network.features(Tensor.zeros([2, 3, 32, 32]))
        #expect(taps["relu1_2"]?.shape == [2, 4, 32, 32])
        #expect(taps["relu2_2"]?.shape == [2, 8, 16, 16])
        #expect(taps["relu3_3"]?.shape == [2, 16, 8, 8])
        #expect(taps["relu4_3"]?.shape == [2, 32, 4, 4])
        #expect(network.namedParameters.map(\.name).prefix(4) == ["features.0.weight", "features.0.bias", "features.2.weight", "features.2.bias"])
        #expect(network.namedParameters.last?.name == "features.21.bias", "conv4_3 is torchvision's features.21")
        #expect(VGGFeatures(seed: 1).parameters[2].scalars == network.parameters[2].scalars)
        #expect(VGGFeatures(seed: 2).parameters[2].scalars != network.parameters[2].scalars)
    }

    @Test("the first layer's oriented filters respond to edges of their orientation")
    func edges() {
        let network = VGGFeatures(inputChannels: 1, widthFactor: 1.0 / 16, seed: 0)
        // A vertical edge: left half 0, right half 1.
        let image = Tensor(shape: [1, 1, 8, 8], scalars: (0..<64).map { $0 % 8 >= 4 ? 1 : 0 })
        // Away from the border, where zero padding makes edges of its own.
        let first = relu(network.convolutions[0].layer(image)).slice(dim: 2, range: 1..<7)
        let horizontalDerivative = first.slice(dim: 1, range: 0..<1).sum().item  // angle 0: d/dx
        let verticalDerivative = first.slice(dim: 1, range: 2..<3).sum().item    // angle π/2: d/dy
        #expect(horizontalDerivative > 1 && abs(verticalDerivative) < 1e-9, "\(horizontalDerivative), \(verticalDerivative)")
    }

    @Test("weights saved in safetensors load into a fresh extractor")
    func loads() throws {
        let source = VGGFeatures(seed: 3), target = VGGFeatures(seed: 4)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vgg-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try source.saveParameters(to: file)
        try target.loadParameters(from: file)
        let image = Tensor.randomNormal([1, 3, 16, 16])
        #expect(target(image).scalars == source(image).scalars)
    }
}
