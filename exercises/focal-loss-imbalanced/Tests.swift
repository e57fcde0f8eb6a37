import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// The focal loss computed with plain Doubles straight from the definition, independently of
/// the submission: p = 1 / (1 + e⁻ˣ), then −α_t (1 − p_t)^γ log p_t, averaged. Only for moderate
/// logits (|x| ≲ 30), where the direct formula is accurate.
func directFocalLoss(_ logits: [Double], _ targets: [Double], alpha: Double?, gamma: Double) -> Double {
    var total = 0.0
    for (x, t) in zip(logits, targets) {
        let p = 1 / (1 + Foundation.exp(-x))
        let trueProbability = t == 1 ? p : 1 - p
        let weight = alpha.map { t == 1 ? $0 : 1 - $0 } ?? 1
        total += -weight * Foundation.pow(1 - trueProbability, gamma) * Foundation.log(trueProbability)
    }
    return total / Double(logits.count)
}

/// The same loss with plain Doubles, written to stay accurate for any logit: with s = ±x,
/// log σ(s) = min(s, 0) − log(1 + e^−|s|).
func stableFocalLoss(_ logits: [Double], _ targets: [Double], alpha: Double?, gamma: Double) -> Double {
    func logSigmoid(_ s: Double) -> Double { Swift.min(s, 0) - Foundation.log1p(Foundation.exp(-Swift.abs(s))) }
    var total = 0.0
    for (x, t) in zip(logits, targets) {
        let s = t == 1 ? x : -x
        let weight = alpha.map { t == 1 ? $0 : 1 - $0 } ?? 1
        total += -weight * Foundation.exp(gamma * logSigmoid(-s)) * logSigmoid(s)
    }
    return total / Double(logits.count)
}

/// The submission's loss and its gradient with respect to the logits, or a failure that says why
/// there is no gradient.
func lossAndGradient(_ logits: [Double], shape: [Int], _ targets: [Double], alpha: Double?, gamma: Double) throws
    -> (value: Double, gradient: [Double])
{
    let input = Tensor(shape: shape, scalars: logits, requiresGrad: true)
    let value = Submission.binaryFocalLoss(input, Tensor(shape: shape, scalars: targets), alpha: alpha, gamma: gamma)
    try expect(value.count == 1, "binaryFocalLoss should return a scalar (the mean), but its shape is \(value.shape).")
    try expect(value.requiresGrad, "No gradient reaches the logits: build the loss from tensor operations on the logits (logSigmoid, exp, *, mean), not from Double values.")
    value.backward()
    return (value.item, input.grad?.scalars ?? [])
}

/// The rare-class problem of the training tests: 5 % positives in two overlapping clouds,
/// half for training and half for testing.
func rareClassData(seed: UInt64) -> (training: Dataset, test: Dataset) {
    SyntheticData.imbalancedBinary(samples: 4000, positiveFraction: 0.05, dimensions: 2, separation: 2, seed: seed)
        .split(trainingFraction: 0.5, seed: seed)
}

/// Trains a logistic regression (one linear layer with one logit) with `loss` on the whole
/// training set: 300 full-batch Adam steps, learning rate 0.05, weights seeded with 7.
func trainLogisticRegression(_ data: Dataset, loss: (Tensor, Tensor) -> Tensor) throws -> Linear {
    manualSeed(7)
    let layer = Linear(inputs: 2, outputs: 1)
    let optimizer = Adam(layer.parameters, learningRate: 0.05)
    let inputs = data.inputs
    let targets = Tensor(shape: [data.count, 1], scalars: data.labels.map(Double.init))
    for step in 0..<300 {
        optimizer.zeroGrad()
        let value = loss(layer(inputs), targets)
        if step == 0 {
            try expect(value.requiresGrad, "The loss does not depend on the logits through tensor operations, so the model cannot be trained with it.")
        }
        try expect(value.item.isFinite, "The loss became \(value.item) at training step \(step).")
        value.backward()
        optimizer.step()
    }
    return layer
}

/// Recall of the positive class and accuracy at the 0.5 threshold (logit > 0).
func recallAndAccuracy(_ layer: Linear, on data: Dataset) -> (recall: Double, accuracy: Double) {
    let logits = layer(data.inputs).scalars
    let found = zip(logits, data.labels).filter { $0 > 0 && $1 == 1 }.count
    let correct = zip(logits, data.labels).filter { ($0 > 0) == ($1 == 1) }.count
    return (Double(found) / Double(data.labels.filter { $0 == 1 }.count), Double(correct) / Double(data.count))
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the loss matches a direct computation for several α and γ", points: 2) {
        let logits = [2.0, -1.0, 0.5, -3.0, 0.0, 1.5]
        let targets = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]
        let settings: [(alpha: Double?, gamma: Double)] = [(0.25, 2), (0.75, 2), (nil, 1), (0.6, 0.5), (nil, 3)]
        for (alpha, gamma) in settings {
            for shape in [[6], [3, 2]] {
                let value = Submission.binaryFocalLoss(
                    Tensor(shape: shape, scalars: logits), Tensor(shape: shape, scalars: targets), alpha: alpha, gamma: gamma)
                try expect(value.count == 1, "binaryFocalLoss should return a scalar (the mean), but its shape is \(value.shape).")
                try expectClose(value.item, directFocalLoss(logits, targets, alpha: alpha, gamma: gamma), tolerance: 1e-10,
                                "The loss with α = \(alpha.map { "\($0)" } ?? "nil"), γ = \(gamma), shape \(shape)")
            }
        }
    },
    ExerciseTest("γ = 0 gives the binary cross-entropy, halved when α = 0.5") {
        let logits = Tensor(shape: [2, 3], scalars: [1.2, -0.4, 3.0, -2.5, 0.1, 0.7])
        let targets = Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 1])
        let crossEntropy = bceWithLogitsLoss(logits, targets).item
        try expectClose(Submission.binaryFocalLoss(logits, targets, alpha: nil, gamma: 0).item, crossEntropy,
                        tolerance: 1e-12, "The loss with γ = 0 and no α (the binary cross-entropy)")
        try expectClose(Submission.binaryFocalLoss(logits, targets, alpha: 0.5, gamma: 0).item, crossEntropy / 2,
                        tolerance: 1e-12, "The loss with γ = 0 and α = 0.5 (half the binary cross-entropy)")
    },
    ExerciseTest("logits of ±100 give finite, correct values and gradients") {
        let logits = [100.0, -100.0, 100.0, -100.0]
        let targets = [1.0, 1.0, 0.0, 0.0]
        for (alpha, gamma) in [(0.25, 2.0), (nil, 0.0)] as [(Double?, Double)] {
            let (value, gradient) = try lossAndGradient(logits, shape: [4], targets, alpha: alpha, gamma: gamma)
            let what = "with logits ±100 (α = \(alpha.map { "\($0)" } ?? "nil"), γ = \(gamma))"
            try expect(value.isFinite, "The loss \(what) is \(value). Compute log p_t with logSigmoid, never as log(sigmoid(x)): σ(100) rounds to 1.")
            try expectClose(value, stableFocalLoss(logits, targets, alpha: alpha, gamma: gamma), tolerance: 1e-10, "The loss \(what)")
            try expect(gradient.count == 4 && gradient.allSatisfy(\.isFinite),
                       "The gradient \(what) is \(gradient); every element should be finite.")
            for index in 0..<4 {
                var up = logits, down = logits
                up[index] += 1e-4
                down[index] -= 1e-4
                let numeric = (stableFocalLoss(up, targets, alpha: alpha, gamma: gamma)
                    - stableFocalLoss(down, targets, alpha: alpha, gamma: gamma)) / 2e-4
                try expectClose(gradient[index], numeric, tolerance: 1e-6, "∂loss/∂logit[\(index)] \(what)")
            }
        }
    },
    ExerciseTest("with α = 0.75 and γ = 2, a logistic regression finds more of the rare class than with cross-entropy", points: 3) {
        let (training, test) = rareClassData(seed: 3)
        let plain = recallAndAccuracy(try trainLogisticRegression(training) { bceWithLogitsLoss($0, $1) }, on: test)
        let focal = recallAndAccuracy(
            try trainLogisticRegression(training) { Submission.binaryFocalLoss($0, $1, alpha: 0.75, gamma: 2) }, on: test)
        // Measured with the reference solution: recall 0.532 (cross-entropy) against 0.730 (focal),
        // accuracy 0.967 for the focal model.
        try expect(focal.recall >= plain.recall + 0.1,
                   "On the test set, the focal model finds \(focal.recall) of the positives and the cross-entropy model \(plain.recall); the focal loss with α = 0.75 should find at least 0.1 more. Check that α weighs the positives (targets = 1) and 1 − α the negatives.")
        // Answering "positive" everywhere has recall 1 and accuracy 0.05: the model must still be good.
        try expect(focal.accuracy >= 0.9,
                   "The focal model's test accuracy is \(focal.accuracy); it should stay at least 0.9 (the cross-entropy model reaches \(plain.accuracy)).")
    },
]
