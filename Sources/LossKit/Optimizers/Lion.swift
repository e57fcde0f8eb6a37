/// Lion (evolved sign momentum): every coordinate moves by exactly η in the direction of the
/// sign of an interpolated momentum:
///
/// `θ ← θ·(1 − η·λ)`, `θ ← θ − η·sign(β₁·m + (1 − β₁)·g)`, `m ← β₂·m + (1 − β₂)·g`.
///
/// Reference: Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023.
public final class Lion: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// β₁ (interpolation for the update) and β₂ (momentum decay).
    public let betas: (Double, Double)
    /// The decoupled weight decay λ.
    public let weightDecay: Double
    private var state = OptimizerState()

    /// Lion over `parameters`.
    public init(_ parameters: [Tensor], learningRate: Double = 1e-4, betas: (Double, Double) = (0.9, 0.99),
                weightDecay: Double = 0) {
        checkPrecondition((0...1).contains(betas.0) && (0...1).contains(betas.1), "Lion's betas must be in [0, 1], not \(betas).")
        parameterGroups = [ParameterGroup(parameters, learningRate: learningRate)]
        self.betas = betas
        self.weightDecay = weightDecay
    }

    /// Takes one Lion step.
    public func step() {
        let (beta1, beta2) = betas
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            var m = state.take("m", of: parameter, count: count)
            for i in 0..<count {
                values[i] *= 1 - learningRate * weightDecay
                let mixed = m[i] * beta1 + gradient[i] * (1 - beta1)
                let direction: Double = mixed > 0 ? 1 : (mixed < 0 ? -1 : 0)
                values[i] += -learningRate * direction
                m[i] = m[i] * beta2 + gradient[i] * (1 - beta2)
            }
            state.store(m, as: "m", of: parameter)
        }
    }
}
