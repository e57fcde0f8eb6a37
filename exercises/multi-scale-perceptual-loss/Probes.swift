import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your
// MultiScalePerceptualLoss and returns what it computed; the checks (Checks.swift) compare the
// results, in a process of their own. Nothing here decides a grade.

/// Your loss with the input's layers (comma-separated; else your default) and raw layer weights
/// (else the ones your initialiser gives).
private func perceptualLoss(_ input: ProbeValues) throws -> Submission.MultiScalePerceptualLoss {
    let loss = input["layers"] == nil
        ? Submission.MultiScalePerceptualLoss()
        : Submission.MultiScalePerceptualLoss(layers: try input.text("layers").split(separator: ",").map(String.init))
    if input["layer weights"] != nil {
        let raw = try input.numbers("layer weights")
        guard loss.layerWeights.count == raw.count else {
            throw ExpectationFailure("layerWeights holds \(loss.layerWeights.count) values for \(loss.layers.count) layers; it should hold one raw weight per layer.")
        }
        loss.layerWeights.update { $0 = raw }
    }
    return loss
}

let probes: [Probe] = [
    /// The loss of `prediction` against `target`, and its gradients with respect to the predicted
    /// image and to layerWeights, when the loss depends on them.
    Probe("loss") { input in
        let loss = try perceptualLoss(input)
        let prediction = try input.tensor("prediction", requiresGrad: true)
        let value = loss(prediction, try input.tensor("target"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on inputs": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = prediction.grad { result["image gradient"] = .tensor(gradient) }
            if let gradient = loss.layerWeights.grad { result["weights gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// Optimises the image (and only the image: your layer weights stay as your initialiser
    /// sets them) toward `target` with your loss: `steps` Adam steps at `learning rate`.
    /// Returns the final image.
    Probe("optimise image") { input in
        let loss = Submission.MultiScalePerceptualLoss()
        let target = try input.tensor("target")
        let image = try input.tensor("image", requiresGrad: true)
        let optimizer = Adam([image], learningRate: try input.number("learning rate"))
        for _ in 0..<(try input.integer("steps")) {
            optimizer.zeroGrad()
            let value = loss(image, target)
            guard value.requiresGrad, value.count == 1 else {
                throw ExpectationFailure("The loss (shape \(value.shape)) is not a scalar that depends on the image through tensor operations, so it cannot be optimised.")
            }
            value.backward()
            optimizer.step()
        }
        return ["image": .tensor(image)]
    },
]
