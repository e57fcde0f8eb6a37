import Foundation
import LossLab

/// AdamW: Adam with decoupled weight decay, written from its update rule.
///
/// For each parameter θ with gradient g, at its t-th step with learning rate η:
/// `θ ← θ·(1 − η·λ)`, then `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
/// `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)` and `θ ← θ − η·m̂ / (√v̂ + ε)`.
///
/// - Source: I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019;
///   D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
final class AdamWFromScratch: Optimizer {
    /// The parameters, in groups with their own learning rates (schedules change these).
    var parameterGroups: [ParameterGroup]
    /// Decay rates β₁ and β₂ of the running averages of the gradient and of its square.
    let betas: (Double, Double)
    /// Added to √v̂ so that the step stays finite where v̂ is 0.
    let epsilon: Double
    /// The weight decay λ, applied to the parameters directly (not added to the gradient).
    let weightDecay: Double

    /// The running averages and the step count of one parameter.
    private struct Moments {
        var mean: [Double]
        var meanSquare: [Double]
        var steps = 0
    }

    /// Each parameter's moments, by the parameter's identity.
    private var moments: [ObjectIdentifier: Moments] = [:]

    /// AdamW over `parameters`.
    init(_ parameters: [Tensor], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
         epsilon: Double = 1e-8, weightDecay: Double = 1e-2) {
        parameterGroups = [ParameterGroup(parameters, learningRate: learningRate)]
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// One AdamW step for every parameter that has a gradient.
    func step() {
        let (beta1, beta2) = betas
        for group in parameterGroups {
            let learningRate = group.learningRate
            for parameter in group.parameters {
                guard let gradient = parameter.grad?.scalars else { continue }
                let key = ObjectIdentifier(parameter)
                var state = moments[key]
                    ?? Moments(mean: Array(repeating: 0, count: gradient.count), meanSquare: Array(repeating: 0, count: gradient.count))
                state.steps += 1
                let meanCorrection = 1 - pow(beta1, Double(state.steps))
                let meanSquareCorrection = 1 - pow(beta2, Double(state.steps))
                parameter.update { values in
                    for i in values.indices {
                        values[i] *= 1 - learningRate * weightDecay
                        let g = gradient[i]
                        state.mean[i] = beta1 * state.mean[i] + (1 - beta1) * g
                        state.meanSquare[i] = beta2 * state.meanSquare[i] + (1 - beta2) * g * g
                        let meanEstimate = state.mean[i] / meanCorrection
                        let meanSquareEstimate = state.meanSquare[i] / meanSquareCorrection
                        values[i] -= learningRate * meanEstimate / (meanSquareEstimate.squareRoot() + epsilon)
                    }
                }
                moments[key] = state
            }
        }
    }
}

/// A learning rate that rises linearly from 0 to `peakRate` over `warmupSteps` steps, then falls
/// along a half cosine to `minimumRate` at step `totalSteps`, and stays there.
///
/// - Source: P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017
///   (linear warm-up); I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm
///   Restarts", ICLR 2017 (cosine annealing).
struct WarmupCosineSchedule {
    /// The learning rate at the end of the warm-up, `η_max`.
    var peakRate: Double
    /// The learning rate at and after `totalSteps`, `η_min`.
    var minimumRate: Double = 0
    /// The number of warm-up steps `W` (0 for none).
    var warmupSteps: Int
    /// The step `T` at which the cosine reaches `minimumRate`.
    var totalSteps: Int

    /// The learning rate of step `step` (0 for the first step).
    func learningRate(at step: Int) -> Double {
        if step < warmupSteps { return peakRate * Double(step) / Double(warmupSteps) }
        if step >= totalSteps { return minimumRate }
        let progress = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)
        return minimumRate + (peakRate - minimumRate) * (1 + cos(Double.pi * progress)) / 2
    }
}
