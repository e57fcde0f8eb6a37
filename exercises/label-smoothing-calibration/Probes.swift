import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your
// labelSmoothedCrossEntropy or expectedCalibrationError and returns what it computed; the checks
// (Checks.swift) compare the results, in a process of their own. Nothing here decides a grade.

let probes: [Probe] = [
    /// The smoothed loss of `logits` [N, K] with `labels` and `epsilon`, and its gradient with
    /// respect to the logits when the loss depends on them.
    Probe("loss") { input in
        let logits = try input.tensor("logits", requiresGrad: true)
        let value = Submission.labelSmoothedCrossEntropy(logits, try input.integers("labels"), epsilon: try input.number("epsilon"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on logits": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = logits.grad { result["gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// The ECE of `probabilities` [N, K] with `labels` and `bins` bins.
    Probe("ece") { input in
        let value = Submission.expectedCalibrationError(
            try input.tensor("probabilities"), try input.integers("labels"), bins: try input.integer("bins"))
        return ["ece": .number(value)]
    },
    /// Trains an MLP (2 → 32 → 32 → 4, weights drawn after `manualSeed(3)`) with your loss:
    /// 600 full-batch Adam steps at learning rate 0.02 on the training points, long enough to
    /// over-fit them. Returns its class probabilities (softmax) on the held-out points.
    Probe("train") { input in
        let epsilon = try input.number("epsilon")
        let inputs = try input.tensor("training inputs"), labels = try input.integers("training labels")
        manualSeed(3)
        let model = MLP(input: 2, hidden: [32, 32], output: 4)
        let optimizer = Adam(model.parameters, learningRate: 0.02)
        for step in 0..<600 {
            optimizer.zeroGrad()
            let value = Submission.labelSmoothedCrossEntropy(model(inputs), labels, epsilon: epsilon)
            guard value.count == 1 else {
                throw ExpectationFailure("labelSmoothedCrossEntropy should return a scalar (the mean over rows), but at training step \(step) its shape is \(value.shape).")
            }
            guard value.requiresGrad else {
                throw ExpectationFailure("The loss does not depend on the logits through tensor operations, so the network cannot be trained with it.")
            }
            guard value.item.isFinite else {
                throw ExpectationFailure("The loss became \(value.item) at training step \(step).")
            }
            value.backward()
            optimizer.step()
        }
        let heldOut = try input.tensor("held-out inputs")
        return ["probabilities": .tensor(withoutGradients { softmax(model(heldOut), dim: 1) })]
    },
]
