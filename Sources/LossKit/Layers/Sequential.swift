/// Modules applied one after the other; parameters are named by position (`"0.weight"`).
public final class Sequential: Module {
    /// The modules, in order.
    public let layers: [any Module]
    /// Whether the module is in training mode.
    public var isTraining = true

    /// A chain of `layers`.
    public init(_ layers: [any Module]) {
        self.layers = layers
    }

    /// A chain of `layers`.
    public convenience init(_ layers: any Module...) {
        self.init(layers)
    }

    /// Each layer's output is the next one's input.
    public func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { $1.forward($0) }
    }

    /// The layers, named by their positions.
    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    /// Every layer's parameters, prefixed with its position.
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }
}

/// A multilayer perceptron: Linear → ReLU for each hidden size, then a final Linear.
public final class MLP: Module {
    /// The network.
    public let network: Sequential
    /// Whether the module is in training mode.
    public var isTraining = true

    /// An MLP from `input` features through `hidden` layers to `output` features.
    public init(input: Int, hidden: [Int], output: Int) {
        var layers: [any Module] = []
        var width = input
        for size in hidden {
            layers.append(Linear(inputs: width, outputs: size))
            layers.append(ReLU())
            width = size
        }
        layers.append(Linear(inputs: width, outputs: output))
        network = Sequential(layers)
    }

    /// The network's output for `input` ([N, input]).
    public func forward(_ input: Tensor) -> Tensor { network.forward(input) }

    /// The network's layers (as one child, `layers`).
    public var children: [(name: String, module: any Module)] { [("layers", network)] }

    /// Every parameter, named `layers.<position>.weight` / `.bias`.
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }
}

/// A small convolutional network for C×H×W images: two blocks of 3×3 convolution, ReLU and 2×2
/// max pooling, then a linear classifier. Sized for the 8×8 digits (H and W divisible by 4).
public final class SimpleCNN: Module {
    /// The network.
    public let network: Sequential
    /// Whether the module is in training mode.
    public var isTraining = true

    /// A CNN for `channels`×`height`×`width` inputs and `classes` outputs.
    public init(channels: Int = 1, height: Int = 8, width: Int = 8, classes: Int = 10, filters: Int = 16) {
        checkPrecondition(height % 4 == 0 && width % 4 == 0, "SimpleCNN needs a height and width divisible by 4, not \(height)×\(width).")
        network = Sequential(
            Conv2d(inputChannels: channels, outputChannels: filters, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(inputChannels: filters, outputChannels: 2 * filters, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
            Flatten(), Linear(inputs: 2 * filters * (height / 4) * (width / 4), outputs: classes))
    }

    /// Class scores (logits) for `input` ([N, C, H, W]).
    public func forward(_ input: Tensor) -> Tensor { network.forward(input) }

    /// The network's layers (as one child, `layers`).
    public var children: [(name: String, module: any Module)] { [("layers", network)] }

    /// Every parameter, named `layers.<position>.weight` / `.bias`.
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }
}
