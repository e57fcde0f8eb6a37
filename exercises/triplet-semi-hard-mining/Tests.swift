import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// A hand-built batch: six samples on a line (1-D embeddings), two of each of three classes.
/// Class 0 sits at 0 and 1, class 1 at 1.6 and 3, class 2 at −0.5 and 5.2 (far apart, so its
/// anchors see every negative closer than their positive).
let linePositions: [Double] = [0.0, 1.0, 1.6, 3.0, -0.5, 5.2]
let lineLabels = [0, 0, 1, 1, 2, 2]

/// A batch where every triplet is easy: each class is tight and far from the other.
let easyPositions: [Double] = [0.0, 0.3, 4.0, 4.5]
let easyLabels = [0, 0, 1, 1]

/// Embeddings `[N, 1]` for points on a line.
func lineEmbeddings(_ positions: [Double], requiresGrad: Bool = false) -> Tensor {
    Tensor(shape: [positions.count, 1], scalars: positions, requiresGrad: requiresGrad)
}

/// The triplet loss of given triplets on points on a line, in plain Doubles.
func lineTripletLoss(_ positions: [Double], _ triplets: [(anchor: Int, positive: Int, negative: Int)], margin: Double) -> Double {
    let costs = triplets.map { triplet in
        max(0, abs(positions[triplet.anchor] - positions[triplet.positive])
            - abs(positions[triplet.anchor] - positions[triplet.negative]) + margin)
    }
    return costs.reduce(0, +) / Double(costs.count)
}

/// The triplets the line batch must give, found by hand from the rule.
let expectedLineTriplets: [(anchor: Int, positive: Int, negative: Int)] = [
    (0, 1, 2),  // closest negative farther than the positive: 2 at 1.6 (semi-hard)
    (1, 0, 4),  // 2 is closer (0.6) but closer than the positive; 4 at 1.5 is the first beyond 1
    (2, 3, 0),  // 1 is a hard negative (0.6 < 1.4); 0 at 1.6 is semi-hard
    (3, 2, 1),  // every negative is farther than the positive; the closest is 1 at 2.0
    (4, 5, 3),  // no negative is farther than the positive (5.7): fallback to the farthest, 3
    (5, 4, 0),  // the same fallback: 0 at 5.2 is the farthest negative
]

/// Compares triplets mined on points on a line with the expected ones, pair by pair, and
/// explains the first difference.
func expectTriplets(_ mined: [Submission.Triplet], _ expected: [(anchor: Int, positive: Int, negative: Int)],
                    positions: [Double], labels: [Int]) throws {
    let batch = "the batch at \(positions) with labels \(labels)"
    let distance = { (i: Int, j: Int) in positions.indices.contains(i) && positions.indices.contains(j) ? abs(positions[i] - positions[j]) : .nan }
    try expect(mined.count == expected.count,
               "mineSemiHardTriplets found \(mined.count) triplets in \(batch); expected \(expected.count), one for every ordered anchor–positive pair (a ≠ p, same label) that has a negative.")
    for triplet in expected {
        let matches = mined.filter { $0.anchor == triplet.anchor && $0.positive == triplet.positive }
        guard matches.count == 1, let found = matches.first else {
            throw ExpectationFailure(
                "In \(batch), the pair (anchor \(triplet.anchor), positive \(triplet.positive)) appears \(matches.count) times among your triplets; it should appear exactly once.")
        }
        let positiveDistance = distance(triplet.anchor, triplet.positive)
        let rule = distance(triplet.anchor, triplet.negative) > positiveDistance
            ? "the closest negative farther than the positive"
            : "no negative is farther than the positive, so the fallback takes the farthest negative"
        try expect(found.negative == triplet.negative,
                   "In \(batch), anchor \(triplet.anchor) with positive \(triplet.positive) (d = \(positiveDistance)) should get negative \(triplet.negative) (d = \(distance(triplet.anchor, triplet.negative))): \(rule). Your triplet has negative \(found.negative) (d = \(distance(triplet.anchor, found.negative))).")
    }
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("mining picks the closest negative farther than the positive, else the farthest negative", points: 2) {
        let lineDistances = cdist(lineEmbeddings(linePositions), lineEmbeddings(linePositions))
        try expectTriplets(Submission.mineSemiHardTriplets(distances: lineDistances, labels: lineLabels), expectedLineTriplets,
                           positions: linePositions, labels: lineLabels)
        let easyDistances = cdist(lineEmbeddings(easyPositions), lineEmbeddings(easyPositions))
        try expectTriplets(Submission.mineSemiHardTriplets(distances: easyDistances, labels: easyLabels),
                           [(0, 1, 2), (1, 0, 2), (2, 3, 1), (3, 2, 1)], positions: easyPositions, labels: easyLabels)
        let single = Submission.mineSemiHardTriplets(distances: Tensor([[0, 1, 2], [1, 0, 1], [2, 1, 0]]), labels: [0, 1, 2])
        try expect(single.isEmpty, "A batch whose classes have one sample each has no anchor–positive pair, so no triplet; got \(single).")
    },
    ExerciseTest("the loss is the mean of max(0, d(a, p) − d(a, n) + margin) over the mined triplets", points: 2) {
        for margin in [1.0, 0.3] {
            let value = Submission.semiHardTripletLoss(lineEmbeddings(linePositions), labels: lineLabels, margin: margin)
            try expect(value.shape == [], "The loss should be a scalar tensor (shape []), but its shape is \(value.shape).")
            try expectClose(value.item, lineTripletLoss(linePositions, expectedLineTriplets, margin: margin), tolerance: 1e-12,
                            "The loss of the line batch with margin \(margin) (the mean over all six anchor–positive pairs, zeros included)")
        }
        let easy = Submission.semiHardTripletLoss(lineEmbeddings(easyPositions), labels: easyLabels, margin: 1).item
        try expectClose(easy, 0, tolerance: 1e-12, "The loss of a batch where every triplet is easy")
    },
    ExerciseTest("a batch without any triplet gives 0 and still lets backward() run") {
        let embeddings = Tensor([[0.5, 1], [2, -1], [0, 3]], requiresGrad: true)
        let value = Submission.semiHardTripletLoss(embeddings, labels: [0, 1, 2], margin: 0.5)
        try expectClose(value.count == 1 ? value.item : .nan, 0, tolerance: 1e-12, "The loss of a batch with no anchor–positive pair")
        try expect(value.requiresGrad,
                   "The loss of a batch without triplets is not connected to the embeddings, so backward() would fail in a training loop. Return `embeddings.sum() * 0` in that case.")
        value.backward()
        let gradient = embeddings.grad?.scalars ?? []
        try expect(gradient.count == 6 && gradient.allSatisfy { $0 == 0 },
                   "The gradient of a loss without triplets should be 0 for every embedding; got \(gradient).")
    },
    ExerciseTest("gradients match finite differences on the line batch", points: 2) {
        let embeddings = lineEmbeddings(linePositions, requiresGrad: true)
        let value = Submission.semiHardTripletLoss(embeddings, labels: lineLabels, margin: 1)
        guard value.requiresGrad else {
            throw ExpectationFailure("No gradient reaches the embeddings: build the loss from tensor operations on cdist(embeddings, embeddings) (select, clamp, mean), not from Double values.")
        }
        value.backward()
        let gradient = embeddings.grad?.scalars ?? []
        let step = 1e-6
        for index in linePositions.indices {
            var up = linePositions, down = linePositions
            up[index] += step
            down[index] -= step
            let numeric = (lineTripletLoss(up, expectedLineTriplets, margin: 1) - lineTripletLoss(down, expectedLineTriplets, margin: 1)) / (2 * step)
            try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-6,
                            "∂loss/∂embedding[\(index)] of the line batch, against central differences (step \(step)) of the loss of the six triplets the mining test expects,")
        }
    },
    ExerciseTest("Recall@1 counts the queries whose nearest other sample shares their label", points: 2) {
        // Samples 0 (class 0) and 1 (class 1) are each other's nearest neighbours: two misses.
        // 2 and 3 (class 0) are a close pair, and so are 4 and 5 (class 1): four hits.
        let embeddings = Tensor([[0, 0], [0.5, 0], [2, 0], [2, 0.4], [5, 5], [5.3, 5]])
        let labels = [0, 1, 0, 0, 1, 1]
        try expectClose(Submission.recallAtOne(embeddings, labels: labels), 4.0 / 6.0, tolerance: 1e-12,
                        "Recall@1 of six points where four have a same-class nearest neighbour (a query never counts itself)")
        let spread = Tensor([[0, 0], [10, 0], [0.2, 0], [10.2, 0]])
        try expectClose(Submission.recallAtOne(spread, labels: [0, 1, 0, 1]), 1, tolerance: 1e-12,
                        "Recall@1 of two well separated pairs")
        try expectClose(Submission.recallAtOne(spread, labels: [0, 0, 1, 1]), 0, tolerance: 1e-12,
                        "Recall@1 when every nearest neighbour has the other label")
    },
]
