// Layers as modules, in the style of PyTorch's nn.Module: a module maps a tensor to a tensor,
// owns named parameters (leaf tensors that require gradients), and may behave differently in
// training and in evaluation (dropout, batch normalisation).

/// A layer or a network: call it on a tensor; its parameters are what optimizers update.
public protocol Module: AnyObject {
    /// Computes the module's output for `input`.
    func forward(_ input: Tensor) -> Tensor
    /// The module's own parameters and those of its submodules, with dotted names
    /// (`"0.weight"`, `"layers.2.bias"`), in a fixed order.
    var namedParameters: [(name: String, tensor: Tensor)] { get }
    /// The modules this one contains, with their names (empty for a plain layer).
    var children: [(name: String, module: any Module)] { get }
    /// Whether the module is in training mode (dropout active, batch statistics used).
    var isTraining: Bool { get set }
}

extension Module {
    /// Computes the module's output for `input`.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// The parameters, in the order of ``namedParameters``.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The total number of scalar parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// A plain layer has no submodules.
    public var children: [(name: String, module: any Module)] { [] }

    /// The parameters of the children, prefixed with their names.
    public var childParameters: [(name: String, tensor: Tensor)] {
        children.flatMap { child in child.module.namedParameters.map { ("\(child.name).\($0.name)", $0.tensor) } }
    }

    /// Puts this module and every submodule in training mode.
    public func train() { setTraining(true) }

    /// Puts this module and every submodule in evaluation mode.
    public func eval() { setTraining(false) }

    func setTraining(_ training: Bool) {
        isTraining = training
        for child in children { child.module.setTraining(training) }
    }
}

/// A module without parameters: only `forward` (and `init()`) to write.
public protocol ParameterFreeModule: Module {}

extension ParameterFreeModule {
    /// Always empty.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}

/// The rectified linear unit as a module: `max(0, x)`.
public final class ReLU: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// A ReLU layer.
    public init() {}
    /// `max(0, x)` elementwise.
    public func forward(_ input: Tensor) -> Tensor { relu(input) }
}

/// The leaky rectified linear unit as a module: `x` for x > 0, `slope·x` otherwise.
public final class LeakyReLU: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// The slope for negative inputs.
    public let negativeSlope: Double
    /// A leaky ReLU layer.
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    /// `x` or `slope·x` elementwise.
    public func forward(_ input: Tensor) -> Tensor { leakyRelu(input, negativeSlope: negativeSlope) }
}

/// The logistic sigmoid as a module: `1 / (1 + e^−x)`.
public final class Sigmoid: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// A sigmoid layer.
    public init() {}
    /// `σ(x)` elementwise.
    public func forward(_ input: Tensor) -> Tensor { sigmoid(input) }
}

/// The hyperbolic tangent as a module.
public final class Tanh: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// A tanh layer.
    public init() {}
    /// `tanh(x)` elementwise.
    public func forward(_ input: Tensor) -> Tensor { tanh(input) }
}

/// The Gaussian error linear unit as a module: `x·Φ(x)` (Hendrycks & Gimpel, 2016).
public final class GELU: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// A GELU layer.
    public init() {}
    /// `x·Φ(x)` elementwise.
    public func forward(_ input: Tensor) -> Tensor { gelu(input) }
}

/// Flattens every dimension after the first (the batch): `[N, C, H, W]` → `[N, C·H·W]`.
public final class Flatten: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    /// A flattening layer.
    public init() {}
    /// The input with dimensions 1... merged.
    public func forward(_ input: Tensor) -> Tensor { input.flattened(startDim: 1) }
}

/// Max pooling as a module (see `maxPool2d`).
public final class MaxPool2d: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    let kernelSize: Int, stride: Int
    /// Pooling over `kernelSize` windows, `stride` apart (default: the kernel size).
    public init(kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }
    /// The maximum of each window.
    public func forward(_ input: Tensor) -> Tensor { maxPool2d(input, kernelSize: kernelSize, stride: stride) }
}

/// Average pooling as a module (see `avgPool2d`).
public final class AvgPool2d: ParameterFreeModule {
    /// Whether the module is in training mode (it behaves the same in both).
    public var isTraining = true
    let kernelSize: Int, stride: Int
    /// Pooling over `kernelSize` windows, `stride` apart (default: the kernel size).
    public init(kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }
    /// The mean of each window.
    public func forward(_ input: Tensor) -> Tensor { avgPool2d(input, kernelSize: kernelSize, stride: stride) }
}

/// Inverted dropout as a module: in training, zeroes each element with probability p and scales
/// the rest by 1/(1 − p); in evaluation, passes the input through (Srivastava et al., 2014).
public final class Dropout: ParameterFreeModule {
    /// Whether the module is in training mode.
    public var isTraining = true
    /// The probability of zeroing an element.
    public let probability: Double
    /// A dropout layer (the mask comes from the seeded default generator).
    public init(probability: Double = 0.5) {
        checkPrecondition((0..<1).contains(probability), "Dropout's probability must be in [0, 1), not \(probability).")
        self.probability = probability
    }
    /// Dropout in training, identity in evaluation.
    public func forward(_ input: Tensor) -> Tensor { dropout(input, probability: probability, training: isTraining) }
}
