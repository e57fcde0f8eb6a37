import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your
// binaryFocalLoss and returns what it computed; the checks (Checks.swift) compare the results, in
// a process of their own. Nothing here decides a grade.

/// The input's α, or `nil` when the input gives none (the loss without α_t).
private func alpha(_ input: ProbeValues) throws -> Double? {
    input["alpha"] == nil ? nil : try input.number("alpha")
}

let probes: [Probe] = [
    /// The loss of `logits` against `targets` (both with the input's shape), and its gradient with
    /// respect to the logits when the loss depends on them.
    Probe("loss") { input in
        let logits = try input.tensor("logits", requiresGrad: true)
        let value = Submission.binaryFocalLoss(logits, try input.tensor("targets"), alpha: try alpha(input),
                                               gamma: try input.number("gamma"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on logits": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = logits.grad { result["gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// Trains a logistic regression (one linear layer, 2 inputs → 1 logit, weights drawn after
    /// `manualSeed(7)`) with your loss: 300 full-batch Adam steps at learning rate 0.05 on the
    /// training points. Returns its logits on the held-out points.
    Probe("train") { input in
        let alpha = try alpha(input), gamma = try input.number("gamma")
        let inputs = try input.tensor("training inputs"), targets = try input.tensor("training targets")
        manualSeed(7)
        let layer = Linear(inputs: 2, outputs: 1)
        let optimizer = Adam(layer.parameters, learningRate: 0.05)
        for step in 0..<300 {
            optimizer.zeroGrad()
            let value = Submission.binaryFocalLoss(layer(inputs), targets, alpha: alpha, gamma: gamma)
            guard value.count == 1 else {
                throw ExpectationFailure("binaryFocalLoss should return a scalar (the mean), but at training step \(step) its shape is \(value.shape).")
            }
            guard value.requiresGrad else {
                throw ExpectationFailure("The loss does not depend on the logits through tensor operations, so the model cannot be trained with it.")
            }
            guard value.item.isFinite else {
                throw ExpectationFailure("The loss became \(value.item) at training step \(step).")
            }
            value.backward()
            optimizer.step()
        }
        let heldOut = try input.tensor("held-out inputs")
        return ["logits": .tensor(withoutGradients { layer(heldOut) })]
    },
]
