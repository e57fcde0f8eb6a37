import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

/// The label-smoothed cross-entropy with plain Doubles, independently of the submission:
/// q = (1 − ε)·onehot + ε/K against log-softmax, summed over classes, averaged over rows.
func directSmoothedCrossEntropy(_ logits: [[Double]], _ labels: [Int], epsilon: Double) -> Double {
    var total = 0.0
    for (row, label) in zip(logits, labels) {
        let largest = row.max() ?? 0
        let logNormaliser = largest + Foundation.log(row.map { Foundation.exp($0 - largest) }.reduce(0, +))
        for (index, logit) in row.enumerated() {
            let target = (index == label ? 1 - epsilon : 0) + epsilon / Double(row.count)
            total -= target * (logit - logNormaliser)
        }
    }
    return total / Double(logits.count)
}

/// The expected calibration error with plain Doubles, independently of the submission. Bin m
/// (from 1) of M holds the confidences c with (m − 1)/M < c ≤ m/M; c = 0 goes to the first bin.
func directCalibrationError(_ probabilities: [[Double]], _ labels: [Int], bins: Int) -> Double {
    var members = [[(confidence: Double, correct: Bool)]](repeating: [], count: bins)
    for (row, label) in zip(probabilities, labels) {
        let confidence = row.max() ?? 0
        let predicted = row.firstIndex(of: confidence) ?? -1
        let bin = (0..<bins).first { confidence <= Double($0 + 1) / Double(bins) } ?? bins - 1
        members[bin].append((confidence, predicted == label))
    }
    return members.filter { !$0.isEmpty }.map { bin in
        let accuracy = Double(bin.filter(\.correct).count) / Double(bin.count)
        let confidence = bin.map(\.confidence).reduce(0, +) / Double(bin.count)
        return Double(bin.count) / Double(labels.count) * abs(accuracy - confidence)
    }.reduce(0, +)
}

/// Rows as a probe value of shape [N, K].
func matrix(_ rows: [[Double]]) -> ProbeValue {
    .tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
}

/// The input of the "loss" probe.
func lossInput(_ logits: [[Double]], _ labels: [Int], epsilon: Double) -> ProbeValues {
    ["logits": matrix(logits), "labels": .integers(labels), "epsilon": .number(epsilon)]
}

/// The input of the "ece" probe.
func calibrationInput(_ probabilities: [[Double]], _ labels: [Int], bins: Int) -> ProbeValues {
    ["probabilities": matrix(probabilities), "labels": .integers(labels), "bins": .integer(bins)]
}

/// The loss the probe returned, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(scalars.count == 1, "labelSmoothedCrossEntropy should return a scalar (the mean over rows), but its shape is \(shape).")
    return scalars[0]
}

/// The gradient with respect to the logits, or a failure that says why there is none.
func gradient(_ result: ProbeValues) throws -> [Double] {
    guard try result.flag("depends on logits"), result["gradient"] != nil else {
        throw ExpectationFailure("No gradient reaches the logits: build the loss from tensor operations (oneHot, logSoftmax, *, sum, mean).")
    }
    return try result.numbers("gradient")
}

/// Four overlapping Gaussian blobs (spread 1.5): 20 % to train on, the rest to test.
func blobData(seed: UInt64) -> (training: Dataset, test: Dataset) {
    SyntheticData.gaussianBlobs(samples: 600, centers: 4, dimensions: 2, spread: 1.5, seed: seed)
        .split(trainingFraction: 0.2, seed: seed)
}

/// The input of the "train" probe: the training points with their labels, the held-out points
/// without theirs (those stay here).
func trainingInput(_ training: Dataset, heldOut: Dataset, epsilon: Double) -> ProbeValues {
    ["epsilon": .number(epsilon), "training inputs": .tensor(training.inputs),
     "training labels": .integers(training.labels), "held-out inputs": .tensor(heldOut.inputs)]
}

/// The plain cross-entropy network, trained here exactly as the "train" probe trains with your
/// loss (MLP 2 → 32 → 32 → 4 seeded with 3, 600 full-batch Adam steps at learning rate 0.02);
/// its class probabilities on the held-out points.
func crossEntropyProbabilities(_ training: Dataset, heldOut: Dataset) -> [Double] {
    manualSeed(3)
    let model = MLP(input: 2, hidden: [32, 32], output: 4)
    let optimizer = Adam(model.parameters, learningRate: 0.02)
    let inputs = training.inputs
    for _ in 0..<600 {
        optimizer.zeroGrad()
        crossEntropyLoss(model(inputs), training.labels).backward()
        optimizer.step()
    }
    return withoutGradients { softmax(model(heldOut.inputs), dim: 1) }.scalars
}

/// The held-out ECE (10 bins, computed here, not by the submission) and mean confidence of a
/// model's probabilities, against labels that never left this program.
func calibration(_ probabilities: [Double], _ labels: [Int]) throws -> (ece: Double, meanConfidence: Double) {
    try expect(probabilities.count == 4 * labels.count,
               "The trained network returned \(probabilities.count) probabilities for \(labels.count) held-out points; expected 4 per point.")
    try expect(probabilities.allSatisfy(\.isFinite), "The trained network's probabilities are not all finite.")
    let rows = (0..<labels.count).map { Array(probabilities[(4 * $0)..<(4 * $0 + 4)]) }
    let meanConfidence = rows.map { $0.max() ?? 0 }.reduce(0, +) / Double(rows.count)
    return (directCalibrationError(rows, labels, bins: 10), meanConfidence)
}

let checks: [Check] = [
    Check("the smoothed loss matches PyTorch's label_smoothing for several ε", points: 2) { learner in
        let logits = [[2.0, -1.0, 0.5, 0.0], [0.1, 0.2, 3.0, -2.0], [-1.0, -1.5, 0.0, 4.0],
                      [1.0, 1.0, 1.0, 1.0], [0.3, -0.7, 2.2, 0.9]]
        let labels = [0, 2, 1, 3, 2]
        let epsilons = [0.05, 0.1, 0.3, 1.0]
        let results = try learner.run("loss", each: epsilons.map { lossInput(logits, labels, epsilon: $0) })
        for (epsilon, result) in zip(epsilons, results) {
            // LossKit's crossEntropyLoss follows PyTorch's convention: ε/K on every class.
            let reference = crossEntropyLoss(
                Tensor(shape: [5, 4], scalars: logits.flatMap { $0 }), labels, labelSmoothing: epsilon).item
            try expectClose(try scalarLoss(result), reference, tolerance: 1e-10,
                            "The loss with ε = \(epsilon) (PyTorch convention: 1 − ε + ε/K on the true class, ε/K on the others)")
        }
    },
    Check("ε = 0 gives the plain cross-entropy, with its gradient (softmax − one-hot) / N") { learner in
        let rows = [[1.0, -2.0, 0.5], [0.0, 0.0, 3.0], [-1.0, 2.0, 2.5], [100.0, -100.0, 0.0]]
        let labels = [0, 1, 2, 0]
        let result = try learner.run("loss", lossInput(rows, labels, epsilon: 0))
        try expectClose(try scalarLoss(result), directSmoothedCrossEntropy(rows, labels, epsilon: 0), tolerance: 1e-10,
                        "The loss with ε = 0 (the last row has logits ±100: use logSoftmax, not log(softmax))")
        var expected: [Double] = []
        for (row, label) in zip(rows, labels) {
            let largest = row.max() ?? 0
            let exponentials = row.map { Foundation.exp($0 - largest) }
            let total = exponentials.reduce(0, +)
            expected += exponentials.indices.map { (exponentials[$0] / total - ($0 == label ? 1 : 0)) / 4 }
        }
        try expectClose(try gradient(result), expected, tolerance: 1e-10, "∂loss/∂logits with ε = 0")
    },
    Check("the ECE of hand-built predictions matches a direct computation", points: 2) { learner in
        let probabilities = [[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.35, 0.25, 0.4],
                             [0.1, 0.1, 0.8], [0.45, 0.44, 0.11], [0.05, 0.93, 0.02], [0.3, 0.2, 0.5]]
        let labels = [0, 1, 1, 2, 0, 0, 1, 2]
        let binCounts = [10, 5, 3, 1]
        let results = try learner.run("ece", each: binCounts.map { calibrationInput(probabilities, labels, bins: $0) })
        for (bins, result) in zip(binCounts, results) {
            try expectClose(try result.number("ece"), directCalibrationError(probabilities, labels, bins: bins), tolerance: 1e-12,
                            "The ECE of eight hand-built predictions with \(bins) bins")
        }
    },
    Check("a confidence on a bin edge belongs to the lower bin: bins are closed on the right") { learner in
        // With 4 bins: 0.5 is in (0.25, 0.5], 0.75 in (0.5, 0.75] and 1 in (0.75, 1].
        let probabilities = [[0.5, 0.3, 0.2], [0.1, 0.75, 0.15], [1.0, 0.0, 0.0]]
        let labels = [0, 1, 2]  // right, right, wrong
        // Each row is alone in its bin: |1 − 0.5|, |1 − 0.75| and |0 − 1|, each weighted 1/3.
        // (With bins closed on the left, 0.75 and 1 would share [0.75, 1] and their gaps would
        // partly cancel.)
        let expected = (0.5 + 0.25 + 1.0) / 3
        let result = try learner.run("ece", calibrationInput(probabilities, labels, bins: 4))
        try expectClose(try result.number("ece"), expected, tolerance: 1e-12,
                        "The ECE with confidences 0.5, 0.75 and 1 on the edges of 4 bins (each in the bin it closes)")
    },
    Check("predictions that are exactly as accurate as they are confident have ECE 0") { learner in
        // Confidence 0.8 on ten rows, eight of them right; confidence 0.6 on five rows, three right.
        let probabilities = Array(repeating: [0.8, 0.2], count: 10) + Array(repeating: [0.4, 0.6], count: 5)
        let labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1] + [1, 1, 1, 0, 0]
        // The same predictions with every label 0 are not calibrated: an ECE that is always 0
        // does not pass.
        let wrongLabels = Array(repeating: 0, count: 15)
        let binCounts = [10, 5, 2, 1]
        let results = try learner.run("ece", each: binCounts.map { calibrationInput(probabilities, labels, bins: $0) }
                                        + binCounts.map { calibrationInput(probabilities, wrongLabels, bins: $0) })
        for (bins, result) in zip(binCounts, results) {
            try expectClose(try result.number("ece"), 0, tolerance: 1e-12, "The ECE of calibrated predictions with \(bins) bins")
        }
        for (bins, result) in zip(binCounts, results.dropFirst(binCounts.count)) {
            try expectClose(try result.number("ece"), directCalibrationError(probabilities, wrongLabels, bins: bins), tolerance: 1e-12,
                            "The ECE of the same predictions with every label 0 (no longer calibrated), \(bins) bins")
        }
    },
    Check("label smoothing (ε = 0.2) makes an over-confident network less confident and better calibrated", points: 3) { learner in
        // The probe trains on the training points and returns probabilities on the test points;
        // the test labels never leave this program.
        let (training, test) = blobData(seed: 0)
        let result = try learner.run("train", trainingInput(training, heldOut: test, epsilon: 0.2))
        let smoothed = try calibration(try result.numbers("probabilities"), test.labels)
        let plain = try calibration(crossEntropyProbabilities(training, heldOut: test), test.labels)
        // Measured with the reference solution: ECE 0.349 → 0.105, mean confidence 0.935 → 0.729.
        try expect(smoothed.meanConfidence <= plain.meanConfidence - 0.1,
                   "The mean test confidence is \(smoothed.meanConfidence) with smoothing and \(plain.meanConfidence) without; smoothing with ε = 0.2 should lower it by at least 0.1. Check that every class gets ε / K of the target.")
        try expect(smoothed.ece <= plain.ece - 0.1,
                   "The test ECE is \(smoothed.ece) with smoothing and \(plain.ece) without; smoothing with ε = 0.2 should lower it by at least 0.1.")
    },
]
