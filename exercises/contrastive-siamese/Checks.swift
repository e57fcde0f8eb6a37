import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

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

/// Rows as a probe value of shape [N, D].
func matrix(_ rows: [[Double]]) -> ProbeValue {
    .tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
}

/// The input of the "loss" probe.
func lossInput(_ first: [[Double]], _ second: [[Double]], similar: [Double], margin: Double) -> ProbeValues {
    ["first": matrix(first), "second": matrix(second), "similar": .numbers(similar), "margin": .number(margin)]
}

/// The loss and its gradients with respect to both sides, or a failure that says why there are none.
func lossAndGradients(_ result: ProbeValues) throws -> (value: Double, first: [Double], second: [Double]) {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(scalars.count == 1, "contrastivePairLoss should return a scalar (the mean over pairs), but its shape is \(shape).")
    guard try result.flag("depends on embeddings") else {
        throw ExpectationFailure("No gradient reaches the embeddings: build the loss from tensor operations (-, *, sum(dim:), sqrt, relu, mean).")
    }
    guard result["first gradient"] != nil, result["second gradient"] != nil else {
        throw ExpectationFailure("No gradient reaches \(result["first gradient"] == nil ? "the first" : "the second") embeddings: build the loss from tensor operations on both sides of the pairs.")
    }
    return (scalars[0], try result.numbers("first gradient"), try result.numbers("second gradient"))
}

/// One pair drawn by the learner's makePairs.
struct DrawnPair: Equatable {
    let first: Int, second: Int, isSimilar: Bool
}

/// The pairs the "pairs" probe returned.
func drawnPairs(_ result: ProbeValues) throws -> [DrawnPair] {
    let first = try result.integers("first"), second = try result.integers("second"), similar = try result.numbers("similar")
    return zip(zip(first, second), similar).map { DrawnPair(first: $0.0, second: $0.1, isSimilar: $1 == 1) }
}

/// Checks what every list of pairs must satisfy, whatever the random draws.
func checkPairs(_ pairs: [DrawnPair], labels: [Int], count: Int) throws {
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

/// Embeddings of a whole data set, one row per example.
struct Embeddings {
    let rows: [[Double]]

    /// The rows of `values` (shape [N, D]), after checking there is one per example.
    init(_ shape: [Int], _ values: [Double], examples: Int, what: String) throws {
        try expect(shape.count == 2 && shape[0] == examples,
                   "The network's embeddings of the \(what) have shape \(shape); expected [\(examples), 8]: one row per example.")
        try expect(values.allSatisfy(\.isFinite), "Some of the network's embeddings of the \(what) are not finite.")
        let width = shape[1]
        rows = (0..<examples).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// The Euclidean distance between the embeddings of each pair.
    func distances(_ pairs: [(first: Int, second: Int, isSimilar: Bool)]) -> [Double] {
        pairs.map { pair -> Double in
            var total = 0.0
            for (a, b) in zip(rows[pair.first], rows[pair.second]) { total += (a - b) * (a - b) }
            return total.squareRoot()
        }
    }
}

/// Verification accuracy: a pair is called "same" when its embeddings are at most a threshold
/// apart. The threshold is the best one on 1,000 pairs of the training digits; the accuracy is
/// measured on 1,000 pairs of the held-out digits, whose labels never leave this program.
func verificationAccuracy(training: Embeddings, trainingLabels: [Int], heldOut: Embeddings, heldOutLabels: [Int]) -> Double {
    let trainingPairs = evaluationPairs(labels: trainingLabels, count: 1000, seed: 101)
    let testPairs = evaluationPairs(labels: heldOutLabels, count: 1000, seed: 202)
    // Sweep the thresholds in increasing order: each step moves one pair to the "same" side.
    let sorted = zip(training.distances(trainingPairs), trainingPairs.map(\.isSimilar)).sorted { $0.0 < $1.0 }
    var correct = trainingPairs.filter { !$0.isSimilar }.count  // threshold below every distance
    var best = (correct: correct, threshold: -1.0)
    for (distance, isSimilar) in sorted {
        correct += isSimilar ? 1 : -1
        if correct > best.correct { best = (correct, distance) }
    }
    let right = zip(heldOut.distances(testPairs), testPairs).filter { ($0 <= best.threshold) == $1.isSimilar }.count
    return Double(right) / Double(testPairs.count)
}

/// The encoder the task gives SiameseNetwork (Linear → ReLU → Linear, weights drawn after
/// `manualSeed(seed)`), built here for references.
func referenceEncoder(inputs: Int, hidden: Int, embedding: Int, seed: UInt64) -> Sequential {
    manualSeed(seed)
    return Sequential(Linear(inputs: inputs, outputs: hidden), ReLU(), Linear(inputs: hidden, outputs: embedding))
}

/// Trains a fresh network on half of the digits with the learner's trainSiamese (in the probe)
/// and returns its verification accuracy on the other half, and that of the same network
/// untrained (computed here).
func trainedAndUntrainedAccuracy(_ learner: Learner, margin: Double, networkSeed: UInt64, pairSeed: UInt64) throws
    -> (trained: Double, untrained: Double)
{
    let (training, test) = try SyntheticData.digits().split(trainingFraction: 0.5, seed: 0)
    let steps = 200
    let result = try learner.run("train", [
        "margin": .number(margin), "network seed": .integer(Int(networkSeed)), "pair seed": .integer(Int(pairSeed)),
        "steps": .integer(steps), "pairs per step": .integer(512),
        "training inputs": .tensor(training.inputs), "training labels": .integers(training.labels),
        "held-out inputs": .tensor(test.inputs),
    ])
    let losses = try result.numbers("losses")
    try expect(losses.count == steps, "trainSiamese returned \(losses.count) losses for \(steps) steps; it should record the loss of every step.")
    try expect(losses.allSatisfy(\.isFinite), "Some training losses are not finite: \(losses.filter { !$0.isFinite }.prefix(3)).")
    let early = losses.prefix(20).reduce(0, +) / 20, late = losses.suffix(20).reduce(0, +) / 20
    try expect(late < early / 2, "The mean loss of the last 20 steps is \(late), of the first 20 \(early); it should at least halve. Is optimizer.step() called after backward(), and zeroGrad() before it?")
    let (trainingShape, trainingValues) = try result.shapedNumbers("training embeddings")
    let (heldOutShape, heldOutValues) = try result.shapedNumbers("held-out embeddings")
    let trained = verificationAccuracy(
        training: try Embeddings(trainingShape, trainingValues, examples: training.count, what: "training digits"),
        trainingLabels: training.labels,
        heldOut: try Embeddings(heldOutShape, heldOutValues, examples: test.count, what: "held-out digits"),
        heldOutLabels: test.labels)
    let encoder = referenceEncoder(inputs: 64, hidden: 32, embedding: 8, seed: networkSeed)
    let (untrainedTraining, untrainedHeldOut) = withoutGradients { (encoder(training.inputs), encoder(test.inputs)) }
    let untrained = verificationAccuracy(
        training: try Embeddings(untrainedTraining.shape, untrainedTraining.scalars, examples: training.count, what: "training digits"),
        trainingLabels: training.labels,
        heldOut: try Embeddings(untrainedHeldOut.shape, untrainedHeldOut.scalars, examples: test.count, what: "held-out digits"),
        heldOutLabels: test.labels)
    return (trained, untrained)
}

let checks: [Check] = [
    Check("the loss matches a direct computation", points: 2) { learner in
        let first = [[0.0, 0.0], [1.0, 2.0], [0.5, -0.5], [3.0, 1.0], [0.2, 0.1]]
        let second = [[0.3, 0.4], [1.0, 2.5], [0.0, 0.5], [0.0, 0.0], [0.2, 0.1]]
        let similar = [1.0, 0.0, 0.0, 0.0, 1.0]
        let margins = [1.0, 2.0, 4.0]
        let results = try learner.run("loss", each: margins.map { lossInput(first, second, similar: similar, margin: $0) })
        for (margin, result) in zip(margins, results) {
            try expectClose(try lossAndGradients(result).value, directContrastiveLoss(first, second, similar: similar, margin: margin),
                            tolerance: 1e-5, "The loss of five pairs with margin \(margin)")
        }
    },
    Check("dissimilar pairs at least the margin apart cost nothing; similar pairs always cost d²") { learner in
        let first = [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]
        let second = [[1.5, 0.0, 0.0], [1.0, 4.0, 1.0]]  // distances 1.5 and 3
        let results = try learner.run("loss", each: [lossInput(first, second, similar: [0, 0], margin: 1),
                                                     lossInput(first, second, similar: [1, 1], margin: 1)])
        let apart = try lossAndGradients(results[0])
        try expectClose(apart.value, 0, tolerance: 1e-9, "The loss of two dissimilar pairs farther apart than the margin 1")
        try expect((apart.first + apart.second).allSatisfy { Swift.abs($0) < 1e-9 },
                   "Dissimilar pairs beyond the margin should get no gradient, but got \(apart.first) and \(apart.second). Clamp m − d at 0 before squaring.")
        try expectClose(try lossAndGradients(results[1]).value, (1.5 * 1.5 + 3 * 3) / 2, tolerance: 1e-5,
                        "The loss of the same pairs marked similar (mean of d²)")
    },
    Check("identical embeddings give finite gradients") { learner in
        // An identical pair next to a distinct one, so that the values must come from the distances.
        let point = [0.4, -1.2, 0.7]
        let first = [point, [1.0, 0.5, -0.2]], second = [point, [0.2, 0.9, 0.1]]
        let labels = [0.0, 1.0]
        let results = try learner.run("loss", each: labels.map { lossInput(first, second, similar: [$0, $0], margin: 1) })
        for (y, result) in zip(labels, results) {
            let (value, firstGradient, secondGradient) = try lossAndGradients(result)
            try expectClose(value, directContrastiveLoss(first, second, similar: [y, y], margin: 1), tolerance: 1e-5,
                            "The loss of an identical pair and a distinct pair, both with y = \(Int(y))")
            try expect(firstGradient.count == 6 && secondGradient.count == 6 && (firstGradient + secondGradient).allSatisfy(\.isFinite),
                       "Two identical embeddings with y = \(Int(y)) give the gradients \(firstGradient) and \(secondGradient). The derivative of sqrt is infinite at 0: add a tiny constant (1e-12) under the square root, and use d² itself for similar pairs.")
            // At d = 0 the loss is flat in every direction for y = 1 and at its peak for y = 0.
            try expect((firstGradient.prefix(3) + secondGradient.prefix(3)).allSatisfy { Swift.abs($0) < 1e-9 },
                       "Two identical embeddings with y = \(Int(y)) should get a zero gradient, but got \(Array(firstGradient.prefix(3))) and \(Array(secondGradient.prefix(3))).")
        }
    },
    Check("makePairs alternates similar and dissimilar pairs that agree with the labels", points: 2) { learner in
        let labels = try SyntheticData.digits().labels
        // The same seed twice, in one process: the pairs must be the same.
        let input: ProbeValues = ["labels": .integers(labels), "count": .integer(400), "seed": .integer(3)]
        let results = try learner.run("pairs", each: [input, input])
        let pairs = try drawnPairs(results[0])
        try checkPairs(pairs, labels: labels, count: 400)
        let classes = Set(pairs.filter(\.isSimilar).map { labels[$0.first] })
        try expect(classes.count == 10, "The 200 similar pairs use only the digits \(classes.sorted()); draw them from every class.")
        try expect(try drawnPairs(results[1]) == pairs,
                   "makePairs gave different pairs for the same seed; draw every random number from `generator`.")
    },
    Check("the Siamese network embeds both sides with the same encoder") { learner in
        let a = Tensor(shape: [2, 4], scalars: [0.1, 0.5, -0.3, 0.8, 1.0, 0.0, 0.2, -0.6])
        let b = Tensor(shape: [2, 4], scalars: [0.7, -0.1, 0.4, 0.0, -0.5, 0.3, 0.9, 0.2])
        let result = try learner.run("embed", ["a": .tensor(a), "b": .tensor(b)])
        let (leftShape, left) = try result.shapedNumbers("first"), (rightShape, right) = try result.shapedNumbers("second")
        try expect(leftShape == [2, 3] && rightShape == [2, 3],
                   "The embeddings have shapes \(leftShape) and \(rightShape); expected [2, 3] each: pass both inputs through network.encoder.")
        // The network's own encoder, rebuilt here from the seed the task gives it.
        let encoder = referenceEncoder(inputs: 4, hidden: 6, embedding: 3, seed: 1)
        try expectClose(left, encoder(a).scalars, tolerance: 1e-12, "The first embedding")
        try expectClose(right, encoder(b).scalars, tolerance: 1e-12, "The second embedding")
    },
    Check("training on pairs of digits tells same from different digits on held-out digits", points: 3) { learner in
        let result = try trainedAndUntrainedAccuracy(learner, margin: 1, networkSeed: 5, pairSeed: 2)
        // Measured with the reference solution: 0.930 trained, 0.688 untrained.
        try expect(result.trained >= 0.85,
                   "The trained network verifies \(result.trained) of the held-out pairs correctly; expected at least 0.85.")
        try expect(result.trained >= result.untrained + 0.1,
                   "The trained network verifies \(result.trained) of the held-out pairs and the untrained one \(result.untrained); training should gain at least 0.1.")
    },
]
