import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

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

/// Central finite differences of `loss` at `logits`, one per element, with step `step`.
func numericGradient(_ logits: [Double], step: Double, _ loss: ([Double]) -> Double) -> [Double] {
    logits.indices.map { index in
        var up = logits, down = logits
        up[index] += step
        down[index] -= step
        return (loss(up) - loss(down)) / (2 * step)
    }
}

/// The input of the "loss" probe; no "alpha" means `alpha: nil`.
func lossInput(_ logits: [Double], shape: [Int], _ targets: [Double], alpha: Double?, gamma: Double) -> ProbeValues {
    var input: ProbeValues = ["logits": .tensor(shape: shape, scalars: logits),
                              "targets": .tensor(shape: shape, scalars: targets), "gamma": .number(gamma)]
    if let alpha { input["alpha"] = .number(alpha) }
    return input
}

/// How α is shown in messages.
func shown(_ alpha: Double?) -> String { alpha.map { "\($0)" } ?? "nil" }

/// The loss the probe returned, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(scalars.count == 1, "binaryFocalLoss should return a scalar (the mean), but its shape is \(shape).")
    return scalars[0]
}

/// The loss and its gradient with respect to the logits, or a failure that says why there is no gradient.
func lossAndGradient(_ result: ProbeValues) throws -> (value: Double, gradient: [Double]) {
    let value = try scalarLoss(result)
    guard try result.flag("depends on logits"), result["gradient"] != nil else {
        throw ExpectationFailure("No gradient reaches the logits: build the loss from tensor operations on the logits (logSigmoid, exp, *, mean), not from Double values.")
    }
    return (value, try result.numbers("gradient"))
}

/// The rare-class problem of the training checks: 5 % positives in two overlapping clouds,
/// half for training and half for testing.
func rareClassData(seed: UInt64) -> (training: Dataset, test: Dataset) {
    SyntheticData.imbalancedBinary(samples: 4000, positiveFraction: 0.05, dimensions: 2, separation: 2, seed: seed)
        .split(trainingFraction: 0.5, seed: seed)
}

/// The targets of `data` as a column [N, 1], like the logits of a one-output layer.
func targetColumn(_ data: Dataset) -> Tensor {
    Tensor(shape: [data.count, 1], scalars: data.labels.map(Double.init))
}

/// The input of the "train" probe: the training points with their labels, the held-out points
/// without theirs (those stay here).
func trainingInput(_ training: Dataset, heldOut: Dataset, alpha: Double, gamma: Double) -> ProbeValues {
    ["alpha": .number(alpha), "gamma": .number(gamma),
     "training inputs": .tensor(training.inputs), "training targets": .tensor(targetColumn(training)),
     "held-out inputs": .tensor(heldOut.inputs)]
}

/// The cross-entropy baseline, trained here exactly as the "train" probe trains with your loss
/// (one linear layer seeded with 7, 300 full-batch Adam steps at learning rate 0.05); its logits
/// on the held-out points.
func crossEntropyLogits(_ training: Dataset, heldOut: Dataset) -> [Double] {
    manualSeed(7)
    let layer = Linear(inputs: 2, outputs: 1)
    let optimizer = Adam(layer.parameters, learningRate: 0.05)
    let inputs = training.inputs, targets = targetColumn(training)
    for _ in 0..<300 {
        optimizer.zeroGrad()
        bceWithLogitsLoss(layer(inputs), targets).backward()
        optimizer.step()
    }
    return withoutGradients { layer(heldOut.inputs) }.scalars
}

/// Recall of the positive class and accuracy at the 0.5 threshold (logit > 0), against labels
/// that never left this program.
func recallAndAccuracy(_ logits: [Double], _ labels: [Int]) throws -> (recall: Double, accuracy: Double) {
    try expect(logits.count == labels.count,
               "The trained model returned \(logits.count) logits for \(labels.count) held-out points; expected one each.")
    let found = zip(logits, labels).filter { $0 > 0 && $1 == 1 }.count
    let correct = zip(logits, labels).filter { ($0 > 0) == ($1 == 1) }.count
    return (Double(found) / Double(labels.filter { $0 == 1 }.count), Double(correct) / Double(labels.count))
}

let checks: [Check] = [
    Check("the loss matches a direct computation for several α and γ", points: 2) { learner in
        let logits = [2.0, -1.0, 0.5, -3.0, 0.0, 1.5]
        let targets = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]
        let settings: [(alpha: Double?, gamma: Double)] = [(0.25, 2), (0.75, 2), (nil, 1), (0.6, 0.5), (nil, 3)]
        let cases = settings.flatMap { setting in [[6], [3, 2]].map { (setting.alpha, setting.gamma, $0) } }
        let results = try learner.run("loss", each: cases.map { lossInput(logits, shape: $0.2, targets, alpha: $0.0, gamma: $0.1) })
        for ((alpha, gamma, shape), result) in zip(cases, results) {
            try expectClose(try scalarLoss(result), directFocalLoss(logits, targets, alpha: alpha, gamma: gamma), tolerance: 1e-10,
                            "The loss with α = \(shown(alpha)), γ = \(gamma), shape \(shape)")
        }
    },
    Check("γ = 0 gives the binary cross-entropy, halved when α = 0.5") { learner in
        let logits = [1.2, -0.4, 3.0, -2.5, 0.1, 0.7]
        let targets = [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]
        let crossEntropy = bceWithLogitsLoss(Tensor(shape: [2, 3], scalars: logits), Tensor(shape: [2, 3], scalars: targets)).item
        let results = try learner.run("loss", each: [
            lossInput(logits, shape: [2, 3], targets, alpha: nil, gamma: 0),
            lossInput(logits, shape: [2, 3], targets, alpha: 0.5, gamma: 0),
        ])
        try expectClose(try scalarLoss(results[0]), crossEntropy, tolerance: 1e-12,
                        "The loss with γ = 0 and no α (the binary cross-entropy)")
        try expectClose(try scalarLoss(results[1]), crossEntropy / 2, tolerance: 1e-12,
                        "The loss with γ = 0 and α = 0.5 (half the binary cross-entropy)")
    },
    Check("logits of ±100 give finite, correct values and gradients") { learner in
        let logits = [100.0, -100.0, 100.0, -100.0]
        let targets = [1.0, 1.0, 0.0, 0.0]
        let settings: [(alpha: Double?, gamma: Double)] = [(0.25, 2), (nil, 0)]
        let results = try learner.run("loss", each: settings.map { lossInput(logits, shape: [4], targets, alpha: $0.alpha, gamma: $0.gamma) })
        for ((alpha, gamma), result) in zip(settings, results) {
            let what = "with logits ±100 (α = \(shown(alpha)), γ = \(gamma))"
            let value = try scalarLoss(result)
            try expect(value.isFinite, "The loss \(what) is \(value). Compute log p_t with logSigmoid, never as log(sigmoid(x)): σ(100) rounds to 1.")
            try expectClose(value, stableFocalLoss(logits, targets, alpha: alpha, gamma: gamma), tolerance: 1e-10, "The loss \(what)")
            let gradient = try lossAndGradient(result).gradient
            try expect(gradient.count == 4 && gradient.allSatisfy(\.isFinite),
                       "The gradient \(what) is \(gradient); every element should be finite.")
            let numeric = numericGradient(logits, step: 1e-4) { stableFocalLoss($0, targets, alpha: alpha, gamma: gamma) }
            for index in 0..<4 {
                try expectClose(gradient[index], numeric[index], tolerance: 1e-6, "∂loss/∂logit[\(index)] \(what)")
            }
        }
    },
    Check("with α = 0.75 and γ = 2, a logistic regression finds more of the rare class than with cross-entropy", points: 3) { learner in
        // The probe trains on the training half and returns logits on the test half; the test
        // labels never leave this program.
        let (training, test) = rareClassData(seed: 3)
        let result = try learner.run("train", trainingInput(training, heldOut: test, alpha: 0.75, gamma: 2))
        let focal = try recallAndAccuracy(try result.numbers("logits"), test.labels)
        let plain = try recallAndAccuracy(crossEntropyLogits(training, heldOut: test), test.labels)
        // Measured with the reference solution: recall 0.532 (cross-entropy) against 0.730 (focal),
        // accuracy 0.967 for the focal model.
        try expect(focal.recall >= plain.recall + 0.1,
                   "On the test set, the focal model finds \(focal.recall) of the positives and the cross-entropy model \(plain.recall); the focal loss with α = 0.75 should find at least 0.1 more. Check that α weighs the positives (targets = 1) and 1 − α the negatives.")
        // Answering "positive" everywhere has recall 1 and accuracy 0.05: the model must still be good.
        try expect(focal.accuracy >= 0.9,
                   "The focal model's test accuracy is \(focal.accuracy); it should stay at least 0.9 (the cross-entropy model reaches \(plain.accuracy)).")
    },
]
