/// RMSprop: steps divided by a running root-mean-square of the gradient, optionally centred
/// (subtracting the running mean) and with momentum, exactly as `torch.optim.RMSprop`:
///
/// `s ← α·s + (1 − α)·g²`; `d = √(s − ḡ²) + ε` (centred, with `ḡ ← α·ḡ + (1 − α)·g`) or `√s + ε`;
/// with momentum `b ← μ·b + g/d`, `θ ← θ − η·b`, else `θ ← θ − η·g/d`.
///
/// Reference: Tieleman & Hinton, "Lecture 6.5 — RMSprop", Coursera: Neural Networks for Machine
/// Learning, 2012; Graves, "Generating Sequences With Recurrent Neural Networks", 2013 (centred form).
public final class RMSprop: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// The smoothing constant α of the running averages.
    public let alpha: Double
    /// Added to the denominator for numerical stability.
    public let epsilon: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    /// The momentum factor μ.
    public let momentum: Double
    /// Whether to normalise by the running variance instead of the running second moment.
    public let centered: Bool
    private var state = OptimizerState()

    /// RMSprop over `parameters`.
    public init(
        _ parameters: [Tensor], learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8,
        weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false
    ) {
        checkPrecondition(alpha >= 0, "RMSprop's alpha must be 0 or more, not \(alpha).")
        checkPrecondition(momentum >= 0, "RMSprop's momentum must be 0 or more, not \(momentum).")
        parameterGroups = [ParameterGroup(parameters, learningRate: learningRate)]
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    /// Takes one RMSprop step.
    public func step() {
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            var g = gradient
            if weightDecay != 0 { for i in 0..<count { g[i] += weightDecay * values[i] } }
            var squareAverage = state.take("squareAverage", of: parameter, count: count)
            for i in 0..<count { squareAverage[i] = squareAverage[i] * alpha + (1 - alpha) * g[i] * g[i] }
            state.store(squareAverage, as: "squareAverage", of: parameter)
            var denominator = [Double](repeating: 0, count: count)
            if centered {
                var average = state.take("gradientAverage", of: parameter, count: count)
                for i in 0..<count { average[i] = lerp(average[i], g[i], 1 - alpha) }
                state.store(average, as: "gradientAverage", of: parameter)
                for i in 0..<count { denominator[i] = (squareAverage[i] - average[i] * average[i]).squareRoot() + epsilon }
            } else {
                for i in 0..<count { denominator[i] = squareAverage[i].squareRoot() + epsilon }
            }
            if momentum > 0 {
                var buffer = state.take("momentum", of: parameter, count: count)
                for i in 0..<count { buffer[i] = buffer[i] * momentum + g[i] / denominator[i] }
                state.store(buffer, as: "momentum", of: parameter)
                for i in 0..<count { values[i] += -learningRate * buffer[i] }
            } else {
                for i in 0..<count { values[i] += -learningRate * (g[i] / denominator[i]) }
            }
        }
    }
}
