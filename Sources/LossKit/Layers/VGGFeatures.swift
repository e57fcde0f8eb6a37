import Foundation

/// The convolutional part of VGG16 up to `relu4_3`, with a width factor for CPU speed, returning
/// the activations that perceptual losses compare: `relu1_2`, `relu2_2`, `relu3_3`, `relu4_3`.
///
/// Topology (channels × width factor): 64, 64, pool, 128, 128, pool, 256, 256, 256, pool, 512,
/// 512, 512 — 3×3 convolutions with padding 1, each followed by ReLU; 2×2 max pooling. Parameters
/// are named as in torchvision (`features.0.weight`, ...), so weights saved from a real VGG16 in
/// safetensors format can be loaded with ``Module/loadParameters(from:)`` at width factor 1.
///
/// **These are not ImageNet weights.** By default the network is initialised deterministically:
/// the first layer holds oriented edge detectors (derivatives of a Gaussian at evenly spaced
/// angles), deeper layers seeded random filters (He initialisation), biases zero. That makes the
/// features multi-scale and repeatable, which is what the course's exercises need; a perceptual
/// loss for real images would load pretrained weights.
///
/// - Source: Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
///   Recognition", ICLR 2015; Johnson, Alahi & Fei-Fei, "Perceptual Losses for Real-Time Style
///   Transfer and Super-Resolution", ECCV 2016.
public final class VGGFeatures: Module {
    /// The layers whose activations ``features(_:)`` returns, in depth order.
    public static let tapNames = ["relu1_2", "relu2_2", "relu3_3", "relu4_3"]

    /// The convolutions, by torchvision index.
    public let convolutions: [(index: Int, layer: Conv2d)]
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    private static let plan: [[Int]] = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512]]

    /// A VGG16 feature extractor for `inputChannels`-channel images, with every channel count
    /// multiplied by `widthFactor` (at least 1), initialised from `seed`.
    public init(inputChannels: Int = 3, widthFactor: Double = 1.0 / 16, seed: UInt64 = 0) {
        checkPrecondition(inputChannels > 0 && widthFactor > 0, "VGGFeatures needs positive input channels and width factor.")
        var generator = SeededGenerator(seed: seed)
        var layers: [(Int, Conv2d)] = []
        var channels = inputChannels, index = 0
        for (block, widths) in Self.plan.enumerated() {
            for width in widths {
                let outputs = max(1, Int((Double(width) * widthFactor).rounded()))
                let layer = Conv2d(inputChannels: channels, outputChannels: outputs, kernelSize: 3, padding: 1)
                let values = layers.isEmpty
                    ? Self.orientedFilters(outputs: outputs, inputs: channels)
                    : (0..<layer.weight.count).map { _ in SyntheticData.normal(&generator) * (2 / Double(channels * 9)).squareRoot() }
                layer.weight.update { $0 = values }
                layer.bias?.update { $0 = Array(repeating: 0, count: outputs) }
                layers.append((index, layer))
                channels = outputs
                index += 2  // a convolution and its ReLU
            }
            if block < Self.plan.count - 1 { index += 1 }  // the pooling layer
        }
        convolutions = layers
    }

    /// Derivative-of-Gaussian edge filters at `outputs` evenly spaced angles, shared across input
    /// channels, each with unit norm.
    static func orientedFilters(outputs: Int, inputs: Int) -> [Double] {
        var values: [Double] = []
        for filter in 0..<outputs {
            let angle = Double.pi * Double(filter) / Double(outputs)
            var kernel: [Double] = []
            for y in -1...1 {
                for x in -1...1 {
                    let along = Double(x) * cos(angle) + Double(y) * sin(angle)
                    kernel.append(along * exp(-Double(x * x + y * y) / 2))
                }
            }
            let norm = kernel.reduce(0) { $0 + $1 * $1 }.squareRoot() * Double(inputs).squareRoot()
            for _ in 0..<inputs { values += kernel.map { $0 / norm } }
        }
        return values
    }

    /// The activations at ``tapNames`` for images `input` ([N, C, H, W], H and W divisible by 8).
    public func features(_ input: Tensor) -> [String: Tensor] {
        checkPrecondition(input.rank == 4 && input.shape[2] % 8 == 0 && input.shape[3] % 8 == 0,
                          "VGGFeatures needs images [N, C, H, W] with H and W divisible by 8, not \(input.shape).")
        var taps: [String: Tensor] = [:]
        var x = input
        var position = 0
        for (block, widths) in Self.plan.enumerated() {
            for _ in widths {
                x = relu(convolutions[position].layer(x))
                position += 1
            }
            taps[Self.tapNames[block]] = x
            if block < Self.plan.count - 1 { x = maxPool2d(x, kernelSize: 2) }
        }
        return taps
    }

    /// The deepest activation, `relu4_3`.
    public func forward(_ input: Tensor) -> Tensor {
        features(input)["relu4_3"] ?? input
    }

    /// `features.<index>.weight` and `.bias` for each convolution, as torchvision names them.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        convolutions.flatMap { entry in entry.layer.namedParameters.map { ("features.\(entry.index).\($0.name)", $0.tensor) } }
    }
}
