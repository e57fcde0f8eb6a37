import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your functions and
// types and returns what they computed; the checks (Checks.swift) compare the results, in a
// process of their own. Nothing here decides a grade.

let probes: [Probe] = [
    /// Your contrastive loss of the pairs (`first`, `second`) with `similar` and `margin`, and its
    /// gradients with respect to both sides when the loss depends on them.
    Probe("loss") { input in
        let first = try input.tensor("first", requiresGrad: true), second = try input.tensor("second", requiresGrad: true)
        let value = Submission.contrastivePairLoss(first, second, similar: try input.tensor("similar"),
                                                   margin: try input.number("margin"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on embeddings": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = first.grad { result["first gradient"] = .tensor(gradient) }
            if let gradient = second.grad { result["second gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// The pairs your makePairs draws for `labels`, `count` pairs, from a generator seeded with `seed`.
    Probe("pairs") { input in
        var generator = SeededGenerator(seed: UInt64(try input.integer("seed")))
        let pairs = Submission.makePairs(labels: try input.integers("labels"), count: try input.integer("count"),
                                         using: &generator)
        return ["first": .integers(pairs.map(\.first)), "second": .integers(pairs.map(\.second)),
                "similar": .numbers(pairs.map { $0.isSimilar ? 1 : 0 })]
    },
    /// Both embeddings your SiameseNetwork (4 → 6 → 3, seed 1) gives for the inputs `a` and `b`.
    Probe("embed") { input in
        let network = Submission.SiameseNetwork(inputs: 4, hidden: 6, embedding: 3, seed: 1)
        let (left, right) = network(try input.tensor("a"), try input.tensor("b"))
        return ["first": .tensor(left), "second": .tensor(right)]
    },
    /// Trains a SiameseNetwork (64 → 32 → 8, weights seeded with `network seed`) with your
    /// trainSiamese on the training digits: `steps` steps of `pairs per step` pairs, Adam at
    /// learning rate 0.01, pairs seeded with `pair seed`. Returns the loss of every step and the
    /// trained network's embeddings of the training digits and of the held-out digits.
    Probe("train") { input in
        let margin = try input.number("margin")
        let check = Submission.contrastivePairLoss(Tensor([[0.0, 1.0]], requiresGrad: true), Tensor([[1.0, 1.0]]),
                                                   similar: Tensor([1.0]), margin: margin)
        guard check.requiresGrad else {
            throw ExpectationFailure("contrastivePairLoss does not depend on the embeddings through tensor operations, so the network cannot be trained with it.")
        }
        let inputs = try input.tensor("training inputs")
        let training = Dataset(features: inputs.scalars, shape: inputs.shape, labels: try input.integers("training labels"))
        let network = Submission.SiameseNetwork(inputs: 64, hidden: 32, embedding: 8,
                                                seed: UInt64(try input.integer("network seed")))
        let losses = Submission.trainSiamese(
            network, on: training, steps: try input.integer("steps"), pairsPerStep: try input.integer("pairs per step"),
            margin: margin, learningRate: 0.01, seed: UInt64(try input.integer("pair seed")))
        let heldOut = try input.tensor("held-out inputs")
        let (trainingEmbeddings, heldOutEmbeddings) = withoutGradients { network(inputs, heldOut) }
        return ["losses": .numbers(losses), "training embeddings": .tensor(trainingEmbeddings),
                "held-out embeddings": .tensor(heldOutEmbeddings)]
    },
]
