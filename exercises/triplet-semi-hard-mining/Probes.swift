import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your mining, loss
// or Recall@1, and returns what it computed; the checks (Checks.swift) judge the results in a
// process of their own. Nothing here decides a grade.

let probes: [Probe] = [
    /// Your triplets for a distance matrix and labels, flattened: anchor, positive, negative of
    /// the first triplet, then of the second, … (a flat list, because the wire format cannot
    /// read back an empty [0, 3] matrix).
    Probe("mine") { input in
        let triplets = Submission.mineSemiHardTriplets(
            distances: try input.tensor("distances"), labels: try input.integers("labels"))
        return ["triplets": .integers(triplets.flatMap { [$0.anchor, $0.positive, $0.negative] })]
    },
    /// Your loss of `embeddings` with `labels` and `margin`, and its gradient with respect to the
    /// embeddings when the loss is a scalar that depends on them.
    Probe("loss") { input in
        let embeddings = try input.tensor("embeddings", requiresGrad: true)
        let value = Submission.semiHardTripletLoss(embeddings, labels: try input.integers("labels"),
                                                   margin: try input.number("margin"))
        var result: ProbeValues = ["loss": .tensor(value), "depends on embeddings": .flag(value.requiresGrad)]
        if value.requiresGrad && value.count == 1 {
            value.backward()
            if let gradient = embeddings.grad { result["gradient"] = .tensor(gradient) }
        }
        return result
    },
    /// Your Recall@1 of `embeddings` with `labels`.
    Probe("recall") { input in
        ["recall": .number(Submission.recallAtOne(try input.tensor("embeddings"), labels: try input.integers("labels")))]
    },
    /// Trains an MLP 64 → 32 → 4 (default seed 0) with your loss (margin 0.5, Adam at learning
    /// rate 0.01), one step per row of `batches` (positions in the training set), and returns the
    /// embeddings of the held-out images before and after training. Their labels stay with the checks.
    Probe("train") { input in
        let inputs = try input.tensor("training inputs"), labels = try input.integers("training labels")
        let (batchShape, batchRows) = try input.shapedNumbers("batches")
        let heldOut = try input.tensor("held-out inputs")
        manualSeed(0)
        let model = MLP(input: 64, hidden: [32], output: 4)
        let untrained = withoutGradients { model(heldOut) }
        let optimizer = Adam(model.parameters, learningRate: 0.01)
        for step in 0..<batchShape[0] {
            let rows = batchRows[(step * batchShape[1])..<((step + 1) * batchShape[1])].map { Int($0) }
            optimizer.zeroGrad()
            let value = Submission.semiHardTripletLoss(model(inputs.select(indices: rows, dim: 0)),
                                                       labels: rows.map { labels[$0] }, margin: 0.5)
            guard value.requiresGrad, value.count == 1, value.item.isFinite else {
                throw ExpectationFailure("At training step \(step) the loss is \(value.scalars) (requiresGrad: \(value.requiresGrad)); it must be a finite scalar connected to the network's output.")
            }
            value.backward()
            optimizer.step()
        }
        return ["untrained embeddings": .tensor(untrained), "trained embeddings": .tensor(withoutGradients { model(heldOut) })]
    },
]
