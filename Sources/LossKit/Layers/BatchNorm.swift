/// Batch normalisation over the channel dimension (dimension 1) of [N, C] or [N, C, H, W]
/// inputs, as PyTorch's `BatchNorm1d`/`BatchNorm2d`:
///
/// `y = (x − μ_B) / √(σ²_B + ε) · γ + β` in training, with the batch mean and (biased) variance;
/// running averages `r ← (1 − m)·r + m·stat` (unbiased variance) are used in evaluation.
///
/// - Source: Ioffe & Szegedy, "Batch Normalization: Accelerating Deep Network Training by
///   Reducing Internal Covariate Shift", ICML 2015.
public final class BatchNorm: Module {
    /// The scale γ, shape [C].
    public let weight: Tensor
    /// The shift β, shape [C].
    public let bias: Tensor
    /// The running mean, used in evaluation.
    public private(set) var runningMean: [Double]
    /// The running (unbiased) variance, used in evaluation.
    public private(set) var runningVariance: [Double]
    /// Added to the variance for numerical stability.
    public let epsilon: Double
    /// The weight m of each new batch in the running averages.
    public let momentum: Double
    /// Whether the module is in training mode.
    public var isTraining = true
    let channels: Int

    /// Batch normalisation for `channels` channels.
    public init(channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1) {
        checkPrecondition(channels > 0, "BatchNorm needs a positive channel count, not \(channels).")
        self.channels = channels
        weight = Tensor.ones([channels], requiresGrad: true)
        bias = Tensor.zeros([channels], requiresGrad: true)
        runningMean = Array(repeating: 0, count: channels)
        runningVariance = Array(repeating: 1, count: channels)
        self.epsilon = epsilon
        self.momentum = momentum
    }

    /// The normalised input.
    public func forward(_ input: Tensor) -> Tensor {
        checkPrecondition(input.rank >= 2 && input.shape[1] == channels,
                          "BatchNorm(channels: \(channels)) needs input [N, \(channels), ...], but got \(input.shape).")
        var broadcastShape = Array(repeating: 1, count: input.rank)
        broadcastShape[1] = channels
        let reduced = [0] + Array(2..<input.rank)
        let mean: Tensor, variance: Tensor
        if isTraining {
            mean = input.mean(dims: reduced, keepDims: true)
            let centred = input - mean
            variance = (centred * centred).mean(dims: reduced, keepDims: true)
            let perChannel = input.count / channels
            let correction = perChannel > 1 ? Double(perChannel) / Double(perChannel - 1) : 1
            for c in 0..<channels {
                runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean.scalars[c]
                runningVariance[c] = (1 - momentum) * runningVariance[c] + momentum * variance.scalars[c] * correction
            }
        } else {
            mean = Tensor(shape: broadcastShape, scalars: runningMean)
            variance = Tensor(shape: broadcastShape, scalars: runningVariance)
        }
        let normalised = (input - mean) / sqrt(variance + epsilon)
        return normalised * weight.reshaped(broadcastShape) + bias.reshaped(broadcastShape)
    }

    /// `weight` and `bias`.
    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }
}

/// Batch normalisation for [N, C] inputs (`torch.nn.BatchNorm1d`).
public typealias BatchNorm1d = BatchNorm
/// Batch normalisation for [N, C, H, W] inputs (`torch.nn.BatchNorm2d`).
public typealias BatchNorm2d = BatchNorm
