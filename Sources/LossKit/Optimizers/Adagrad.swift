/// Adagrad: each coordinate's step shrinks with the sum of its squared gradients, exactly as
/// `torch.optim.Adagrad`:
///
/// `η_t = η / (1 + (t − 1)·δ)`, `s ← s + g²`, `θ ← θ − η_t · g / (√s + ε)`.
///
/// Reference: Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", JMLR 2011.
public final class Adagrad: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// The learning-rate decay δ.
    public let learningRateDecay: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    /// The starting value of the sum of squares.
    public let initialAccumulatorValue: Double
    /// Added to the denominator for numerical stability.
    public let epsilon: Double
    private var state = OptimizerState()

    /// Adagrad over `parameters`.
    public init(
        _ parameters: [Tensor], learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10
    ) {
        checkPrecondition(learningRateDecay >= 0, "Adagrad's learning-rate decay must be 0 or more, not \(learningRateDecay).")
        checkPrecondition(initialAccumulatorValue >= 0, "Adagrad's initial accumulator must be 0 or more.")
        parameterGroups = [ParameterGroup(parameters, learningRate: learningRate)]
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    /// Takes one Adagrad step.
    public func step() {
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            let step = state.nextStep(of: parameter)
            var g = gradient
            if weightDecay != 0 { for i in 0..<count { g[i] += weightDecay * values[i] } }
            let rate = learningRate / (1 + Double(step - 1) * learningRateDecay)
            var sum = state.take("sum", of: parameter, count: count, initial: initialAccumulatorValue)
            for i in 0..<count { sum[i] += g[i] * g[i] }
            state.store(sum, as: "sum", of: parameter)
            for i in 0..<count { values[i] += -rate * (g[i] / (sum[i].squareRoot() + epsilon)) }
        }
    }
}
