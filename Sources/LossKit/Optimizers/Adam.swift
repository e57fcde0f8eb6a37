import Foundation

/// Adam: steps scaled by running averages of the gradient (m) and of its square (v), with bias
/// correction, exactly as `torch.optim.Adam` (and, with `decoupledWeightDecay`, `AdamW`):
///
/// `m ← m + (1 − β₁)(g − m)`, `v ← β₂·v + (1 − β₂)·g²`,
/// `θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)`; AMSGrad uses the running maximum of v.
///
/// References: Kingma & Ba, "Adam: A Method for Stochastic Optimization", 2015; Reddi, Kale &
/// Kumar, "On the Convergence of Adam and Beyond", 2018 (AMSGrad); Loshchilov & Hutter,
/// "Decoupled Weight Decay Regularization", 2019 (AdamW).
public class Adam: Optimizer {
    /// The parameters, in groups with their own learning rates.
    public var parameterGroups: [ParameterGroup]
    /// Decay rates of the first and second moment averages.
    public let betas: (Double, Double)
    /// Added to the denominator for numerical stability.
    public let epsilon: Double
    /// The weight decay λ: added to the gradient (Adam) or applied to θ directly (AdamW).
    public let weightDecay: Double
    /// Whether to use the AMSGrad variant.
    public let amsgrad: Bool
    /// Whether weight decay is decoupled from the gradient (`θ ← θ·(1 − η·λ)`, AdamW).
    public let decoupledWeightDecay: Bool
    private var state = OptimizerState()

    /// Adam over `parameters`.
    public convenience init(
        _ parameters: [Tensor], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false
    ) {
        self.init(
            groups: [ParameterGroup(parameters, learningRate: learningRate)], betas: betas, epsilon: epsilon,
            weightDecay: weightDecay, amsgrad: amsgrad, decoupledWeightDecay: false)
    }

    /// Adam over parameter groups.
    public init(
        groups: [ParameterGroup], betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        checkPrecondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1),
                          "Adam's betas must each be in [0, 1), not \(betas).")
        checkPrecondition(epsilon >= 0, "Adam's epsilon must be 0 or more, not \(epsilon).")
        checkPrecondition(weightDecay >= 0, "Adam's weight decay must be 0 or more, not \(weightDecay).")
        parameterGroups = groups
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// Takes one Adam step.
    public func step() {
        let (beta1, beta2) = betas
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            let step = state.nextStep(of: parameter)
            var g = gradient
            if weightDecay != 0 {
                if decoupledWeightDecay {
                    for i in values.indices { values[i] *= 1 - learningRate * weightDecay }
                } else {
                    for i in g.indices { g[i] += weightDecay * values[i] }
                }
            }
            var m = state.buffer("m", of: parameter, count: count)
            var v = state.buffer("v", of: parameter, count: count)
            for i in 0..<count {
                m[i] = lerp(m[i], g[i], 1 - beta1)
                v[i] = v[i] * beta2 + (1 - beta2) * g[i] * g[i]
            }
            let biasCorrection1 = 1 - pow(beta1, Double(step))
            let biasCorrection2 = 1 - pow(beta2, Double(step))
            let stepSize = learningRate / biasCorrection1
            let biasCorrection2Root = biasCorrection2.squareRoot()
            var second = v
            if amsgrad {
                var maximum = state.buffer("vMax", of: parameter, count: count)
                for i in 0..<count { maximum[i] = max(maximum[i], v[i]) }
                state.store(maximum, as: "vMax", of: parameter)
                second = maximum
            }
            for i in 0..<count {
                let denominator = second[i].squareRoot() / biasCorrection2Root + epsilon
                values[i] += -stepSize * (m[i] / denominator)
            }
            state.store(m, as: "m", of: parameter)
            state.store(v, as: "v", of: parameter)
        }
    }
}

/// AdamW: Adam with decoupled weight decay, `θ ← θ·(1 − η·λ)` before the Adam step
/// (`torch.optim.AdamW`; its default λ is 0.01).
///
/// Reference: Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
public final class AdamW: Adam {
    /// AdamW over `parameters`.
    public convenience init(
        _ parameters: [Tensor], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false
    ) {
        self.init(
            groups: [ParameterGroup(parameters, learningRate: learningRate)], betas: betas, epsilon: epsilon,
            weightDecay: weightDecay, amsgrad: amsgrad, decoupledWeightDecay: true)
    }
}

/// PyTorch's `lerp(start, end, weight)`: `start + weight·(end − start)` for weight < 0.5, else
/// `end − (end − start)·(1 − weight)`, which keeps the result exact at both ends.
@inline(__always)
func lerp(_ start: Double, _ end: Double, _ weight: Double) -> Double {
    weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}
