import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your loss or your
// zero-shot classifier, and returns what it computed; the checks (Checks.swift) judge the results
// in a process of their own. Nothing here decides a grade.

let probes: [Probe] = [
    /// Your loss of the pairs (`a`, `b`) at `temperature`, and its gradients with respect to both
    /// sides when the loss is a scalar that depends on them.
    Probe("loss") { input in
        let a = try input.tensor("a", requiresGrad: true), b = try input.tensor("b", requiresGrad: true)
        let value = Submission.symmetricInfoNCELoss(a, b, temperature: try input.number("temperature"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on the embeddings": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = a.grad { result["gradient a"] = .tensor(gradient) }
            if let gradient = b.grad { result["gradient b"] = .tensor(gradient) }
        }
        return result
    },
    /// Your zero-shot classes of `images` given `prototypes`.
    Probe("predictions") { input in
        ["classes": .integers(Submission.zeroShotPredictions(
            imageEmbeddings: try input.tensor("images"), prototypes: try input.tensor("prototypes")))]
    },
    /// Trains an image encoder (MLP 16 → 32 → 8) and a caption encoder (Linear–Tanh–Linear
    /// 12 → 16 → 8), default seed 0, with your loss at τ = 0.1: 30 epochs of batches of 64 pairs
    /// (shuffled with seed 3), Adam at learning rate 0.01. Returns the embeddings of the held-out
    /// images and of the class captions before and after training; the held-out concepts stay
    /// with the checks.
    Probe("train") { input in
        let images = try input.tensor("training images"), captions = try input.tensor("training captions")
        let heldOut = try input.tensor("held-out images"), classCaptions = try input.tensor("class captions")
        manualSeed(0)
        let imageEncoder = MLP(input: 16, hidden: [32], output: 8)
        let captionEncoder = Sequential(Linear(inputs: 12, outputs: 16), Tanh(), Linear(inputs: 16, outputs: 8))
        var result: ProbeValues = [:]
        withoutGradients {
            result["untrained images"] = .tensor(imageEncoder(heldOut))
            result["untrained prototypes"] = .tensor(captionEncoder(classCaptions))
        }
        let count = images.shape[0], batchSize = 64
        let optimizer = Adam(imageEncoder.parameters + captionEncoder.parameters, learningRate: 0.01)
        var shuffling = SeededGenerator(seed: 3)
        for epoch in 0..<30 {
            let order = Array(0..<count).shuffled(using: &shuffling)
            for start in stride(from: 0, to: count, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, count)])
                optimizer.zeroGrad()
                let value = Submission.symmetricInfoNCELoss(
                    imageEncoder(images.select(indices: batch, dim: 0)),
                    captionEncoder(captions.select(indices: batch, dim: 0)), temperature: 0.1)
                guard value.requiresGrad, value.count == 1, value.item.isFinite else {
                    throw ExpectationFailure("In epoch \(epoch) the loss is \(value.scalars) (requiresGrad: \(value.requiresGrad)); it must be a finite scalar connected to both encoders.")
                }
                value.backward()
                optimizer.step()
            }
        }
        withoutGradients {
            result["trained images"] = .tensor(imageEncoder(heldOut))
            result["trained prototypes"] = .tensor(captionEncoder(classCaptions))
        }
        return result
    },
]
