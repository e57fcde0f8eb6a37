/// Adadelta: steps whose size comes from the ratio of running RMS values of past updates and of
/// gradients, exactly as `torch.optim.Adadelta`:
///
/// `s ← ρ·s + (1 − ρ)·g²`, `Δ = √(u + ε) / √(s + ε) · g`, `u ← ρ·u + (1 − ρ)·Δ²`, `θ ← θ − η·Δ`.
///
/// Reference: Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012.
public final class Adadelta: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// The decay ρ of the running averages.
    public let rho: Double
    /// Added inside the square roots for numerical stability.
    public let epsilon: Double
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    private var state = OptimizerState()

    /// Adadelta over `parameters` (PyTorch's default learning rate is 1).
    public init(_ parameters: [Tensor], learningRate: Double = 1, rho: Double = 0.9, epsilon: Double = 1e-6,
                weightDecay: Double = 0) {
        checkPrecondition((0...1).contains(rho), "Adadelta's rho must be in [0, 1], not \(rho).")
        parameterGroups = [ParameterGroup(parameters, learningRate: learningRate)]
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Takes one Adadelta step.
    public func step() {
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            var g = gradient
            if weightDecay != 0 { for i in 0..<count { g[i] += weightDecay * values[i] } }
            var squareAverage = state.take("squareAverage", of: parameter, count: count)
            var updateAverage = state.take("updateAverage", of: parameter, count: count)
            for i in 0..<count {
                squareAverage[i] = squareAverage[i] * rho + (1 - rho) * g[i] * g[i]
                let delta = (updateAverage[i] + epsilon).squareRoot() / (squareAverage[i] + epsilon).squareRoot() * g[i]
                updateAverage[i] = updateAverage[i] * rho + (1 - rho) * delta * delta
                values[i] += -learningRate * delta
            }
            state.store(squareAverage, as: "squareAverage", of: parameter)
            state.store(updateAverage, as: "updateAverage", of: parameter)
        }
    }
}
