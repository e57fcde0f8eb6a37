import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

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

/// Four overlapping Gaussian blobs (spread 1.5): 20 % to train on, the rest to test.
func blobData(seed: UInt64) -> (training: Dataset, test: Dataset) {
    SyntheticData.gaussianBlobs(samples: 600, centers: 4, dimensions: 2, spread: 1.5, seed: seed)
        .split(trainingFraction: 0.2, seed: seed)
}

/// Trains an MLP (2 → 32 → 32 → 4, weights seeded with 3) with `loss`: 600 full-batch Adam steps
/// at learning rate 0.02, long enough to over-fit 120 overlapping points and become over-confident.
func trainBlobClassifier(_ data: Dataset, loss: (Tensor, [Int]) -> Tensor) throws -> MLP {
    manualSeed(3)
    let model = MLP(input: 2, hidden: [32, 32], output: 4)
    let optimizer = Adam(model.parameters, learningRate: 0.02)
    let inputs = data.inputs
    for step in 0..<600 {
        optimizer.zeroGrad()
        let value = loss(model(inputs), data.labels)
        if step == 0 {
            try expect(value.requiresGrad, "The loss does not depend on the logits through tensor operations, so the network cannot be trained with it.")
        }
        try expect(value.item.isFinite, "The loss became \(value.item) at training step \(step).")
        value.backward()
        optimizer.step()
    }
    return model
}

/// The test-set ECE (10 bins, computed here, not by the submission) and mean confidence of `model`.
func calibration(_ model: MLP, on data: Dataset) -> (ece: Double, meanConfidence: Double) {
    let probabilities = softmax(model(data.inputs), dim: 1).scalars
    let rows = (0..<data.count).map { Array(probabilities[(4 * $0)..<(4 * $0 + 4)]) }
    let meanConfidence = rows.map { $0.max() ?? 0 }.reduce(0, +) / Double(rows.count)
    return (directCalibrationError(rows, data.labels, bins: 10), meanConfidence)
}

/// A tensor [N, K] from rows.
func matrix(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the smoothed loss matches PyTorch's label_smoothing for several ε", points: 2) {
        let logits = [[2.0, -1.0, 0.5, 0.0], [0.1, 0.2, 3.0, -2.0], [-1.0, -1.5, 0.0, 4.0],
                      [1.0, 1.0, 1.0, 1.0], [0.3, -0.7, 2.2, 0.9]]
        let labels = [0, 2, 1, 3, 2]
        for epsilon in [0.05, 0.1, 0.3, 1.0] {
            let value = Submission.labelSmoothedCrossEntropy(matrix(logits), labels, epsilon: epsilon)
            try expect(value.count == 1, "labelSmoothedCrossEntropy should return a scalar (the mean over rows), but its shape is \(value.shape).")
            // LossKit's crossEntropyLoss follows PyTorch's convention: ε/K on every class.
            let reference = crossEntropyLoss(matrix(logits), labels, labelSmoothing: epsilon).item
            try expectClose(value.item, reference, tolerance: 1e-10,
                            "The loss with ε = \(epsilon) (PyTorch convention: 1 − ε + ε/K on the true class, ε/K on the others)")
        }
    },
    ExerciseTest("ε = 0 gives the plain cross-entropy, with its gradient (softmax − one-hot) / N") {
        let rows = [[1.0, -2.0, 0.5], [0.0, 0.0, 3.0], [-1.0, 2.0, 2.5], [100.0, -100.0, 0.0]]
        let labels = [0, 1, 2, 0]
        let logits = Tensor(shape: [4, 3], scalars: rows.flatMap { $0 }, requiresGrad: true)
        let value = Submission.labelSmoothedCrossEntropy(logits, labels, epsilon: 0)
        try expectClose(value.item, directSmoothedCrossEntropy(rows, labels, epsilon: 0), tolerance: 1e-10,
                        "The loss with ε = 0 (the last row has logits ±100: use logSoftmax, not log(softmax))")
        try expect(value.requiresGrad, "No gradient reaches the logits: build the loss from tensor operations (oneHot, logSoftmax, *, sum, mean).")
        value.backward()
        let gradient = logits.grad?.scalars ?? []
        var expected: [Double] = []
        for (row, label) in zip(rows, labels) {
            let largest = row.max() ?? 0
            let exponentials = row.map { Foundation.exp($0 - largest) }
            let total = exponentials.reduce(0, +)
            expected += exponentials.indices.map { (exponentials[$0] / total - ($0 == label ? 1 : 0)) / 4 }
        }
        try expectClose(gradient, expected, tolerance: 1e-10, "∂loss/∂logits with ε = 0")
    },
    ExerciseTest("the ECE of hand-built predictions matches a direct computation", points: 2) {
        let probabilities = [[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.35, 0.25, 0.4],
                             [0.1, 0.1, 0.8], [0.45, 0.44, 0.11], [0.05, 0.93, 0.02], [0.3, 0.2, 0.5]]
        let labels = [0, 1, 1, 2, 0, 0, 1, 2]
        for bins in [10, 5, 3, 1] {
            let value = Submission.expectedCalibrationError(matrix(probabilities), labels, bins: bins)
            try expectClose(value, directCalibrationError(probabilities, labels, bins: bins), tolerance: 1e-12,
                            "The ECE of eight hand-built predictions with \(bins) bins")
        }
    },
    ExerciseTest("a confidence on a bin edge belongs to the lower bin: bins are closed on the right") {
        // With 4 bins: 0.5 is in (0.25, 0.5], 0.75 in (0.5, 0.75] and 1 in (0.75, 1].
        let probabilities = [[0.5, 0.3, 0.2], [0.1, 0.75, 0.15], [1.0, 0.0, 0.0]]
        let labels = [0, 1, 2]  // right, right, wrong
        // Each row is alone in its bin: |1 − 0.5|, |1 − 0.75| and |0 − 1|, each weighted 1/3.
        // (With bins closed on the left, 0.75 and 1 would share [0.75, 1] and their gaps would
        // partly cancel.)
        let expected = (0.5 + 0.25 + 1.0) / 3
        try expectClose(Submission.expectedCalibrationError(matrix(probabilities), labels, bins: 4), expected, tolerance: 1e-12,
                        "The ECE with confidences 0.5, 0.75 and 1 on the edges of 4 bins (each in the bin it closes)")
    },
    ExerciseTest("predictions that are exactly as accurate as they are confident have ECE 0") {
        // Confidence 0.8 on ten rows, eight of them right; confidence 0.6 on five rows, three right.
        let probabilities = Array(repeating: [0.8, 0.2], count: 10) + Array(repeating: [0.4, 0.6], count: 5)
        let labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1] + [1, 1, 1, 0, 0]
        for bins in [10, 5, 2, 1] {
            try expectClose(Submission.expectedCalibrationError(matrix(probabilities), labels, bins: bins), 0,
                            tolerance: 1e-12, "The ECE of calibrated predictions with \(bins) bins")
        }
    },
    ExerciseTest("label smoothing (ε = 0.2) makes an over-confident network less confident and better calibrated", points: 3) {
        let (training, test) = blobData(seed: 0)
        let plain = calibration(try trainBlobClassifier(training) { crossEntropyLoss($0, $1) }, on: test)
        let smoothed = calibration(
            try trainBlobClassifier(training) { Submission.labelSmoothedCrossEntropy($0, $1, epsilon: 0.2) }, on: test)
        // Measured with the reference solution: ECE 0.349 → 0.105, mean confidence 0.935 → 0.729.
        try expect(smoothed.meanConfidence <= plain.meanConfidence - 0.1,
                   "The mean test confidence is \(smoothed.meanConfidence) with smoothing and \(plain.meanConfidence) without; smoothing with ε = 0.2 should lower it by at least 0.1. Check that every class gets ε / K of the target.")
        try expect(smoothed.ece <= plain.ece - 0.1,
                   "The test ECE is \(smoothed.ece) with smoothing and \(plain.ece) without; smoothing with ε = 0.2 should lower it by at least 0.1.")
    },
]
