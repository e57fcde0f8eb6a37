import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your huber or
// pinball and returns what it computed; the checks (Checks.swift) compare the results, in a
// process of their own. Nothing here decides a grade.

/// Your loss named by the input ("huber" with its "delta", or "pinball" with its "quantile").
private func loss(_ input: ProbeValues) throws -> (Tensor, Tensor) -> Tensor {
    switch try input.text("loss") {
    case "huber":
        let delta = try input.number("delta")
        return { Submission.huber($0, $1, delta: delta) }
    case "pinball":
        let quantile = try input.number("quantile")
        return { Submission.pinball($0, $1, quantile: quantile) }
    case let other:
        throw ExpectationFailure("The checks asked for a loss called “\(other)”; this is a bug in the exercise.")
    }
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
    /// Fits a line `ŷ = w·x + b` (w = b = 0 at the start) to the training points with your loss:
    /// 1500 full-batch Adam steps, the learning rate falling from 0.05 to 0 along a cosine. Returns the line and its predictions at
    /// the held-out inputs.
    Probe("fit line") { input in
        let loss = try loss(input)
        let xs = try input.tensor("training inputs"), ys = try input.tensor("training targets")
        let w = Tensor(0.0, requiresGrad: true), b = Tensor(0.0, requiresGrad: true)
        let optimizer = Adam([w, b], learningRate: 0.05)
        let schedule = CosineAnnealingLR(optimizer, period: 1500)
        for step in 0..<1500 {
            optimizer.zeroGrad()
            let value = loss(w * xs + b, ys)
            guard value.count == 1, value.requiresGrad, value.item.isFinite else {
                throw ExpectationFailure("At training step \(step) the loss (shape \(value.shape), value \(value.scalars.prefix(3))) is not a finite scalar that depends on the prediction through tensor operations, so the line cannot be fitted with it.")
            }
            value.backward()
            optimizer.step()
            schedule.step()
        }
        let heldOut = try input.tensor("held-out inputs")
        return ["slope": .number(w.item), "intercept": .number(b.item),
                "predictions": .tensor(withoutGradients { w * heldOut + b })]
    },
]
