/// Stochastic gradient descent, with optional momentum (classical or Nesterov), dampening and
/// L2 weight decay, exactly as `torch.optim.SGD`:
///
/// `g ← ∇ + λ·θ`; with momentum `b ← μ·b + (1 − τ)·g` (`b ← g` on the first step), then
/// `g ← g + μ·b` (Nesterov) or `g ← b`; finally `θ ← θ − η·g`.
///
/// References: Robbins & Monro, "A Stochastic Approximation Method", 1951; Polyak, "Some methods
/// of speeding up the convergence of iteration methods", 1964 (momentum); Sutskever et al., "On the
/// importance of initialization and momentum in deep learning", 2013 (Nesterov form).
public final class SGD: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// The momentum factor μ (0 turns momentum off).
    public let momentum: Double
    /// The dampening τ of the momentum buffer.
    public let dampening: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// The L2 penalty λ added to the gradient.
    public let weightDecay: Double
    private var state = OptimizerState()

    /// SGD over `parameters` with learning rate η = `learningRate`.
    public convenience init(
        _ parameters: [Tensor], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
        nesterov: Bool = false, weightDecay: Double = 0
    ) {
        self.init(
            groups: [ParameterGroup(parameters, learningRate: learningRate)], momentum: momentum,
            dampening: dampening, nesterov: nesterov, weightDecay: weightDecay)
    }

    /// SGD over parameter groups, each with its own learning rate.
    public init(groups: [ParameterGroup], momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) {
        checkPrecondition(momentum >= 0, "SGD's momentum must be 0 or more, not \(momentum).")
        checkPrecondition(weightDecay >= 0, "SGD's weight decay must be 0 or more, not \(weightDecay).")
        checkPrecondition(!nesterov || (momentum > 0 && dampening == 0),
                          "Nesterov momentum needs a momentum above 0 and no dampening.")
        parameterGroups = groups
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    /// Takes one SGD step.
    public func step() {
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            var direction = gradient
            if weightDecay != 0 {
                for i in direction.indices { direction[i] += weightDecay * values[i] }
            }
            if momentum != 0 {
                var buffer: [Double]
                if state.hasBuffer("momentum", of: parameter) {
                    buffer = state.take("momentum", of: parameter, count: values.count)
                    for i in buffer.indices { buffer[i] = buffer[i] * momentum + (1 - dampening) * direction[i] }
                } else {
                    buffer = direction
                }
                state.store(buffer, as: "momentum", of: parameter)
                if nesterov {
                    for i in direction.indices { direction[i] += momentum * buffer[i] }
                } else {
                    direction = buffer
                }
            }
            for i in values.indices { values[i] += -learningRate * direction[i] }
        }
    }
}
