import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// The contrastive loss with plain Doubles, independently of the submission:
/// mean of y·d² + (1 − y)·max(0, m − d)², with d the Euclidean distance of each pair.
func directContrastiveLoss(_ first: [[Double]], _ second: [[Double]], similar: [Double], margin: Double) -> Double {
    var total = 0.0
    for ((a, b), y) in zip(zip(first, second), similar) {
        let distance = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let shortfall = Swift.max(0, margin - distance)
        total += y * distance * distance + (1 - y) * shortfall * shortfall
    }
    return total / Double(similar.count)
}

/// A tensor [N, D] from rows.
func matrix(_ rows: [[Double]], requiresGrad: Bool = false) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 }, requiresGrad: requiresGrad)
}

/// The submission's loss and its gradients with respect to both sides, or a failure saying why
/// there is none.
func lossAndGradients(_ first: [[Double]], _ second: [[Double]], similar: [Double], margin: Double) throws
    -> (value: Double, first: [Double], second: [Double])
{
    let left = matrix(first, requiresGrad: true), right = matrix(second, requiresGrad: true)
    let value = Submission.contrastivePairLoss(left, right, similar: Tensor(similar), margin: margin)
    try expect(value.count == 1, "contrastivePairLoss should return a scalar (the mean over pairs), but its shape is \(value.shape).")
    try expect(value.requiresGrad, "No gradient reaches the embeddings: build the loss from tensor operations (-, *, sum(dim:), sqrt, relu, mean).")
    value.backward()
    return (value.item, left.grad?.scalars ?? [], right.grad?.scalars ?? [])
}

/// Checks what every list of pairs must satisfy, whatever the random draws.
func checkPairs(_ pairs: [Submission.Pair], labels: [Int], count: Int) throws {
    try expect(pairs.count == count, "makePairs returned \(pairs.count) pairs; expected \(count).")
    for (position, pair) in pairs.enumerated() {
        try expect(labels.indices.contains(pair.first) && labels.indices.contains(pair.second),
                   "Pair \(position) refers to examples \(pair.first) and \(pair.second), but there are \(labels.count) examples.")
        try expect(pair.isSimilar == (position % 2 == 0),
                   "Pair \(position) has isSimilar = \(pair.isSimilar); even positions should hold similar pairs and odd positions dissimilar ones.")
        let same = labels[pair.first] == labels[pair.second]
        try expect(same == pair.isSimilar,
                   "Pair \(position) (examples \(pair.first) and \(pair.second), labels \(labels[pair.first]) and \(labels[pair.second])) is marked isSimilar = \(pair.isSimilar).")
        try expect(pair.first != pair.second, "Pair \(position) pairs example \(pair.first) with itself; a similar pair needs two different examples.")
    }
}

/// Evaluation pairs drawn here, independently of the submission's makePairs: alternately a
/// same-label and a different-label pair of two different examples.
func evaluationPairs(labels: [Int], count: Int, seed: UInt64) -> [(first: Int, second: Int, isSimilar: Bool)] {
    var generator = SeededGenerator(seed: seed)
    var pairs: [(first: Int, second: Int, isSimilar: Bool)] = []
    while pairs.count < count {
        let first = Int.random(in: 0..<labels.count, using: &generator)
        let second = Int.random(in: 0..<labels.count, using: &generator)
        let wanted = pairs.count % 2 == 0
        if first != second && (labels[first] == labels[second]) == wanted {
            pairs.append((first, second, wanted))
        }
    }
    return pairs
}

/// Verification accuracy: a pair is called "same" when its embeddings are at most a threshold
/// apart. The threshold is the best one on 1,000 pairs of the training digits; the accuracy is
/// measured on 1,000 pairs of the held-out digits.
func verificationAccuracy(_ network: Submission.SiameseNetwork, training: Dataset, test: Dataset) -> Double {
    typealias Pairs = [(first: Int, second: Int, isSimilar: Bool)]
    func distances(_ data: Dataset, _ pairs: Pairs) -> [Double] {
        let (first, second) = network(data.inputs.select(indices: pairs.map(\.first), dim: 0),
                                      data.inputs.select(indices: pairs.map(\.second), dim: 0))
        let (left, right) = (first.scalars, second.scalars)
        let width = left.count / Swift.max(pairs.count, 1)
        return (0..<pairs.count).map { row in
            var total = 0.0
            for index in (row * width)..<((row + 1) * width) {
                total += (left[index] - right[index]) * (left[index] - right[index])
            }
            return total.squareRoot()
        }
    }
    let trainingPairs = evaluationPairs(labels: training.labels, count: 1000, seed: 101)
    let testPairs = evaluationPairs(labels: test.labels, count: 1000, seed: 202)
    // Sweep the thresholds in increasing order: each step moves one pair to the "same" side.
    let sorted = zip(distances(training, trainingPairs), trainingPairs.map(\.isSimilar)).sorted { $0.0 < $1.0 }
    var correct = trainingPairs.filter { !$0.isSimilar }.count  // threshold below every distance
    var best = (correct: correct, threshold: -1.0)
    for (distance, isSimilar) in sorted {
        correct += isSimilar ? 1 : -1
        if correct > best.correct { best = (correct, distance) }
    }
    let testDistances = distances(test, testPairs)
    let right = zip(testDistances, testPairs).filter { ($0 <= best.threshold) == $1.isSimilar }.count
    return Double(right) / Double(testPairs.count)
}

/// Trains a fresh network on half of the digits and returns its verification accuracy and that
/// of the same network untrained.
func trainedAndUntrainedAccuracy(margin: Double, networkSeed: UInt64, pairSeed: UInt64) throws -> (trained: Double, untrained: Double) {
    let (training, test) = try SyntheticData.digits().split(trainingFraction: 0.5, seed: 0)
    let untrained = Submission.SiameseNetwork(inputs: 64, hidden: 32, embedding: 8, seed: networkSeed)
    let network = Submission.SiameseNetwork(inputs: 64, hidden: 32, embedding: 8, seed: networkSeed)
    let probe = Submission.contrastivePairLoss(Tensor([[0.0, 1.0]], requiresGrad: true), Tensor([[1.0, 1.0]]),
                                               similar: Tensor([1.0]), margin: margin)
    try expect(probe.requiresGrad, "contrastivePairLoss does not depend on the embeddings through tensor operations, so the network cannot be trained with it.")
    let steps = 200
    let losses = Submission.trainSiamese(network, on: training, steps: steps, pairsPerStep: 512, margin: margin,
                                         learningRate: 0.01, seed: pairSeed)
    try expect(losses.count == steps, "trainSiamese returned \(losses.count) losses for \(steps) steps; it should record the loss of every step.")
    try expect(losses.allSatisfy(\.isFinite), "Some training losses are not finite: \(losses.filter { !$0.isFinite }.prefix(3)).")
    let early = losses.prefix(20).reduce(0, +) / 20, late = losses.suffix(20).reduce(0, +) / 20
    try expect(late < early / 2, "The mean loss of the last 20 steps is \(late), of the first 20 \(early); it should at least halve. Is optimizer.step() called after backward(), and zeroGrad() before it?")
    return (verificationAccuracy(network, training: training, test: test),
            verificationAccuracy(untrained, training: training, test: test))
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the loss matches a direct computation", points: 2) {
        let first = [[0.0, 0.0], [1.0, 2.0], [0.5, -0.5], [3.0, 1.0], [0.2, 0.1]]
        let second = [[0.3, 0.4], [1.0, 2.5], [0.0, 0.5], [0.0, 0.0], [0.2, 0.1]]
        let similar = [1.0, 0.0, 0.0, 0.0, 1.0]
        for margin in [1.0, 2.0, 4.0] {
            let (value, _, _) = try lossAndGradients(first, second, similar: similar, margin: margin)
            try expectClose(value, directContrastiveLoss(first, second, similar: similar, margin: margin), tolerance: 1e-5,
                            "The loss of five pairs with margin \(margin)")
        }
    },
    ExerciseTest("dissimilar pairs at least the margin apart cost nothing; similar pairs always cost d²") {
        let first = [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]
        let second = [[1.5, 0.0, 0.0], [1.0, 4.0, 1.0]]  // distances 1.5 and 3
        let apart = try lossAndGradients(first, second, similar: [0, 0], margin: 1)
        try expectClose(apart.value, 0, tolerance: 1e-9, "The loss of two dissimilar pairs farther apart than the margin 1")
        try expect((apart.first + apart.second).allSatisfy { Swift.abs($0) < 1e-9 },
                   "Dissimilar pairs beyond the margin should get no gradient, but got \(apart.first) and \(apart.second). Clamp m − d at 0 before squaring.")
        let together = try lossAndGradients(first, second, similar: [1, 1], margin: 1)
        try expectClose(together.value, (1.5 * 1.5 + 3 * 3) / 2, tolerance: 1e-5,
                        "The loss of the same pairs marked similar (mean of d²)")
    },
    ExerciseTest("identical embeddings give finite gradients") {
        let point = [[0.4, -1.2, 0.7]]
        for y in [0.0, 1.0] {
            let result = try lossAndGradients(point, point, similar: [y], margin: 1)
            try expectClose(result.value, y == 1 ? 0 : 1, tolerance: 1e-5, "The loss of two identical embeddings with y = \(Int(y))")
            try expect((result.first + result.second).allSatisfy(\.isFinite),
                       "Two identical embeddings with y = \(Int(y)) give the gradients \(result.first) and \(result.second). The derivative of sqrt is infinite at 0: add a tiny constant (1e-12) under the square root, and use d² itself for similar pairs.")
        }
    },
    ExerciseTest("makePairs alternates similar and dissimilar pairs that agree with the labels", points: 2) {
        let labels = try SyntheticData.digits().labels
        var generator = SeededGenerator(seed: 3)
        let pairs = Submission.makePairs(labels: labels, count: 400, using: &generator)
        try checkPairs(pairs, labels: labels, count: 400)
        let classes = Set(pairs.filter(\.isSimilar).map { labels[$0.first] })
        try expect(classes.count == 10, "The 200 similar pairs use only the digits \(classes.sorted()); draw them from every class.")
        var again = SeededGenerator(seed: 3)
        try expect(Submission.makePairs(labels: labels, count: 400, using: &again) == pairs,
                   "makePairs gave different pairs for the same seed; draw every random number from `generator`.")
    },
    ExerciseTest("the Siamese network embeds both sides with the same encoder") {
        let network = Submission.SiameseNetwork(inputs: 4, hidden: 6, embedding: 3, seed: 1)
        let a = Tensor(shape: [2, 4], scalars: [0.1, 0.5, -0.3, 0.8, 1.0, 0.0, 0.2, -0.6])
        let b = Tensor(shape: [2, 4], scalars: [0.7, -0.1, 0.4, 0.0, -0.5, 0.3, 0.9, 0.2])
        let (left, right) = network(a, b)
        try expect(left.shape == [2, 3] && right.shape == [2, 3],
                   "The embeddings have shapes \(left.shape) and \(right.shape); expected [2, 3] each: pass both inputs through network.encoder.")
        try expectClose(left.scalars, network.encoder(a).scalars, tolerance: 1e-12, "The first embedding")
        try expectClose(right.scalars, network.encoder(b).scalars, tolerance: 1e-12, "The second embedding")
    },
    ExerciseTest("training on pairs of digits tells same from different digits on held-out digits", points: 3) {
        let result = try trainedAndUntrainedAccuracy(margin: 1, networkSeed: 5, pairSeed: 2)
        // Measured with the reference solution: 0.930 trained, 0.688 untrained.
        try expect(result.trained >= 0.85,
                   "The trained network verifies \(result.trained) of the held-out pairs correctly; expected at least 0.85.")
        try expect(result.trained >= result.untrained + 0.1,
                   "The trained network verifies \(result.trained) of the held-out pairs and the untrained one \(result.untrained); training should gain at least 0.1.")
    },
]
