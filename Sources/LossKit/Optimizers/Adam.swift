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
    ///
    /// Each parameter is updated in one pass over its values, in place: the moment buffers are
    /// taken out of the optimizer's state while they change, so they are never copied.
    public func step() {
        let (beta1, beta2) = betas
        let (epsilon, weightDecay, decoupled, amsgrad) = (self.epsilon, self.weightDecay, decoupledWeightDecay, self.amsgrad)
        forEachParameterWithGradient { parameter, learningRate, gradient, values in
            let count = values.count
            let step = state.nextStep(of: parameter)
            var m = state.take("m", of: parameter, count: count)
            var v = state.take("v", of: parameter, count: count)
            var maximum = amsgrad ? state.take("vMax", of: parameter, count: count) : []
            let stepSize = learningRate / (1 - pow(beta1, Double(step)))
            let biasCorrection2Root = (1 - pow(beta2, Double(step))).squareRoot()
            let constants = VectorKernels.Level.AdamConstants(
                beta1: beta1, beta2: beta2, epsilon: epsilon, learningRate: learningRate, weightDecay: weightDecay,
                stepSize: stepSize, biasCorrection2Root: biasCorrection2Root, decoupledWeightDecay: decoupled)
            values.withUnsafeMutableBufferPointer { theta in
                gradient.withUnsafeBufferPointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            maximum.withUnsafeMutableBufferPointer { maximum in
                                guard let theta = theta.baseAddress, let g = g.baseAddress, let m = m.baseAddress,
                                      let v = v.baseAddress else { return }
                                // Each element on its own, so the threads' ranges never change a bit.
                                ParallelRows.forEachRange(rows: count, elementsPerRow: 1) { range in
                                    VectorKernels.best.adamStep(
                                        theta: theta + range.lowerBound, gradient: g + range.lowerBound,
                                        m: m + range.lowerBound, v: v + range.lowerBound,
                                        maximum: amsgrad ? maximum.baseAddress.map { $0 + range.lowerBound } : nil,
                                        count: range.count, constants: constants)
                                }
                            }
                        }
                    }
                }
            }
            state.store(m, as: "m", of: parameter)
            state.store(v, as: "v", of: parameter)
            if amsgrad {
                state.store(maximum, as: "vMax", of: parameter)
            }
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
