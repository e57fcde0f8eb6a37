/// A fully connected layer: `y = x·Wᵀ + b`, with W of shape [outputs, inputs].
///
/// Initialised like PyTorch's `nn.Linear`: every weight and bias uniform in ±1/√inputs, drawn
/// from the seeded default generator (`manualSeed(_:)` makes it reproducible).
public final class Linear: Module {
    /// The weights, shape [outputs, inputs].
    public let weight: Tensor
    /// The biases, shape [outputs], or nil.
    public let bias: Tensor?
    /// Whether the module is in training mode (a linear layer behaves the same in both).
    public var isTraining = true

    /// A layer from `inputs` features to `outputs` features.
    public init(inputs: Int, outputs: Int, bias: Bool = true) {
        checkPrecondition(inputs > 0 && outputs > 0, "Linear needs positive sizes, not inputs \(inputs), outputs \(outputs).")
        let bound = 1 / Double(inputs).squareRoot()
        weight = Tensor.randomUniform([outputs, inputs], in: -bound...bound, requiresGrad: true)
        self.bias = bias ? Tensor.randomUniform([outputs], in: -bound...bound, requiresGrad: true) : nil
    }

    /// `x·Wᵀ + b` for `x` of shape [N, inputs] (or [inputs]).
    public func forward(_ input: Tensor) -> Tensor {
        checkPrecondition(
            input.shape.last == weight.shape[1],
            "Linear(inputs: \(weight.shape[1]), outputs: \(weight.shape[0])) got an input of shape \(input.shape); its last dimension must be \(weight.shape[1]).")
        // A batch of rows takes one BLAS product each way (see Kernels/LinearProduct.swift).
        let product = input.rank == 2 ? LinearProduct.withTransposedWeight(input, weight) : matmul(input, weight.transposed())
        return bias.map { product + $0 } ?? product
    }

    /// `weight` and `bias`.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}

/// A 2-D convolution layer over [N, C, H, W] images (see `conv2d`).
///
/// Initialised like PyTorch's `nn.Conv2d`: uniform in ±1/√(C·kH·kW).
public final class Conv2d: Module {
    /// The filters, shape [outputs, inputs, k, k].
    public let weight: Tensor
    /// The biases, shape [outputs], or nil.
    public let bias: Tensor?
    /// The step between windows.
    public let stride: Int
    /// Zeros added on each side.
    public let padding: Int
    /// Whether the module is in training mode (a convolution behaves the same in both).
    public var isTraining = true

    /// A convolution from `inputChannels` to `outputChannels` with square `kernelSize` filters.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true) {
        checkPrecondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0,
                          "Conv2d needs positive channel counts and kernel size.")
        let bound = 1 / Double(inputChannels * kernelSize * kernelSize).squareRoot()
        weight = Tensor.randomUniform([outputChannels, inputChannels, kernelSize, kernelSize], in: -bound...bound, requiresGrad: true)
        self.bias = bias ? Tensor.randomUniform([outputChannels], in: -bound...bound, requiresGrad: true) : nil
        self.stride = stride
        self.padding = padding
    }

    /// The convolution of `input` ([N, C, H, W]).
    public func forward(_ input: Tensor) -> Tensor {
        conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// `weight` and `bias`.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
