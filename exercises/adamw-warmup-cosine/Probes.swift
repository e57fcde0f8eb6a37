import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your optimizer or
// schedule and returns what it computed; the checks (Checks.swift) compare the results, in a
// process of their own. Nothing here decides a grade.

/// Your optimizer over `parameters` with the input's β₁, β₂, ε and λ.
private func optimizer(_ parameters: [Tensor], _ input: ProbeValues, learningRate: Double) throws -> Submission.AdamWFromScratch {
    let betas = try input.numbers("betas")
    guard betas.count == 2 else { throw ExpectationFailure("The checks sent \(betas.count) betas; this is a bug in the exercise.") }
    return Submission.AdamWFromScratch(parameters, learningRate: learningRate, betas: (betas[0], betas[1]),
                                       epsilon: try input.number("epsilon"), weightDecay: try input.number("weight decay"))
}

/// Your schedule with the input's settings.
private func schedule(_ input: ProbeValues) throws -> Submission.WarmupCosineSchedule {
    Submission.WarmupCosineSchedule(peakRate: try input.number("peak"), minimumRate: try input.number("minimum"),
                                    warmupSteps: try input.integer("warmup"), totalSteps: try input.integer("total"))
}

/// `rate` when it is a learning rate an optimizer can take, else a failure that says where it came from.
private func usable(_ rate: Double, step: Int) throws -> Double {
    guard rate.isFinite, rate >= 0 else {
        throw ExpectationFailure("Your schedule gave the learning rate \(rate) for step \(step); a learning rate must be finite and 0 or more.")
    }
    return rate
}

let probes: [Probe] = [
    /// Your schedule's learning rates for steps 0, 1, …, count − 1.
    Probe("schedule") { input in
        let schedule = try schedule(input)
        return ["learning rates": .numbers((0..<(try input.integer("count"))).map { schedule.learningRate(at: $0) })]
    },
    /// Your optimizer on parameters "initial 0", "initial 1", …, given at step t the gradient row t
    /// of "gradients k" (when row t of "has gradient" says 1 for parameter k; else its grad is nil)
    /// and the learning rate "learning rates"[t]. Returns each parameter's values after every step.
    Probe("fixed gradients") { input in
        let count = try input.integer("parameter count")
        let parameters = try (0..<count).map { try input.tensor("initial \($0)", requiresGrad: true) }
        let gradients = try (0..<count).map { try input.numbers("gradients \($0)") }
        let hasGradient = try input.numbers("has gradient")
        let rates = try input.numbers("learning rates")
        let optimizer = try optimizer(parameters, input, learningRate: rates.first ?? 0)
        var trajectories = Array(repeating: [Double](), count: count)
        for (step, rate) in rates.enumerated() {
            optimizer.learningRate = rate
            optimizer.zeroGrad()
            // Σ_k sum(θ_k · g_k): its gradient with respect to θ_k is exactly g_k.
            var total: Tensor?
            for (k, parameter) in parameters.enumerated() where hasGradient[step * count + k] == 1 {
                let size = parameter.count
                let gradient = Tensor(shape: parameter.shape, scalars: Array(gradients[k][(step * size)..<((step + 1) * size)]))
                let term = (parameter * gradient).sum()
                total = total.map { $0 + term } ?? term
            }
            total?.backward()
            optimizer.step()
            for (k, parameter) in parameters.enumerated() { trajectories[k] += parameter.scalars }
        }
        var result: ProbeValues = [:]
        for (k, parameter) in parameters.enumerated() {
            result["trajectory \(k)"] = .tensor(shape: [rates.count, parameter.count], scalars: trajectories[k])
        }
        return result
    },
    /// Trains the linear model `inputs · weight + bias` on "loss scale" × the mean squared error
    /// with your optimizer, setting the learning rate from your schedule before each step
    /// ("steps" full-batch steps). Returns the learning rates used, the loss before each step,
    /// and the weight and bias after every step.
    Probe("train regression") { input in
        let inputs = try input.tensor("inputs"), targets = try input.tensor("targets")
        let weight = try input.tensor("initial weight", requiresGrad: true), bias = try input.tensor("initial bias", requiresGrad: true)
        let schedule = try schedule(input), scale = try input.number("loss scale")
        let optimizer = try optimizer([weight, bias], input, learningRate: try usable(schedule.learningRate(at: 0), step: 0))
        var rates: [Double] = [], losses: [Double] = [], weights: [Double] = [], biases: [Double] = []
        for step in 0..<(try input.integer("steps")) {
            let rate = try usable(schedule.learningRate(at: step), step: step)
            optimizer.learningRate = rate
            optimizer.zeroGrad()
            let loss = scale * mseLoss(matmul(inputs, weight) + bias, targets)
            loss.backward()
            optimizer.step()
            rates.append(rate)
            losses.append(loss.item)
            weights += weight.scalars
            biases += bias.scalars
            guard weight.scalars.allSatisfy(\.isFinite), bias.scalars.allSatisfy(\.isFinite) else {
                throw ExpectationFailure("After training step \(step) a parameter is not finite (weight \(weight.scalars.prefix(4)), bias \(bias.scalars)).")
            }
        }
        return ["learning rates": .numbers(rates), "losses": .numbers(losses),
                "weights": .tensor(shape: [rates.count, weight.count], scalars: weights),
                "biases": .tensor(shape: [rates.count, bias.count], scalars: biases)]
    },
]
