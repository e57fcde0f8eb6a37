import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your TverskyLoss
// and returns what it computed; the checks (Checks.swift) compare the results, in a process of
// their own. Nothing here decides a grade.

/// Your loss with the input's α and β, and its smoothing when the input gives one (else your default).
private func loss(_ input: ProbeValues) throws -> Submission.TverskyLoss {
    let alpha = try input.number("alpha"), beta = try input.number("beta")
    if input["smooth"] == nil { return Submission.TverskyLoss(alpha: alpha, beta: beta) }
    return Submission.TverskyLoss(alpha: alpha, beta: beta, smooth: try input.number("smooth"))
}

let probes: [Probe] = [
    /// The loss of `prediction` against `target`, and its gradient with respect to `prediction`
    /// when the loss is a scalar that depends on it.
    Probe("loss") { input in
        let prediction = try input.tensor("prediction", requiresGrad: true)
        let value = try loss(input)(prediction, try input.tensor("target"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on prediction": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = prediction.grad { result["gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// Trains a per-pixel logistic model `p = σ(w·x + b)` (w = 1, b = 0 at the start) with your
    /// loss, Adam (learning rate 0.1) and 100 full-batch steps on the training images, and
    /// returns its probabilities on the held-out images.
    Probe("train") { input in
        let loss = try loss(input)
        let pixels = try input.tensor("training pixels"), masks = try input.tensor("training masks")
        let weight = Tensor([1.0], requiresGrad: true), bias = Tensor([0.0], requiresGrad: true)
        let optimizer = Adam([weight, bias], learningRate: 0.1)
        for step in 0..<100 {
            optimizer.zeroGrad()
            let value = loss(sigmoid(pixels * weight + bias), masks)
            guard value.requiresGrad, value.count == 1 else {
                throw ExpectationFailure("At training step \(step) the loss (shape \(value.shape)) is not a scalar that depends on the prediction through tensor operations, so the model cannot learn from it.")
            }
            value.backward()
            optimizer.step()
        }
        let heldOut = try input.tensor("held-out pixels")
        return ["probabilities": .tensor(withoutGradients { sigmoid(heldOut * weight + bias) })]
    },
]
