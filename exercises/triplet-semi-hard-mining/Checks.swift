import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

/// A hand-built batch: six samples on a line (1-D embeddings), two of each of three classes.
/// Class 0 sits at 0 and 1, class 1 at 1.6 and 3, class 2 at −0.5 and 5.2 (far apart, so its
/// anchors see every negative closer than their positive).
let linePositions: [Double] = [0.0, 1.0, 1.6, 3.0, -0.5, 5.2]
let lineLabels = [0, 0, 1, 1, 2, 2]

/// A batch where every triplet is easy: each class is tight and far from the other.
let easyPositions: [Double] = [0.0, 0.3, 4.0, 4.5]
let easyLabels = [0, 0, 1, 1]

/// A mined triplet: positions in the batch.
typealias MinedTriplet = (anchor: Int, positive: Int, negative: Int)

/// Embeddings `[N, 1]` for points on a line, as a probe input.
func lineEmbeddings(_ positions: [Double]) -> ProbeValue {
    .tensor(shape: [positions.count, 1], scalars: positions)
}

/// The distance matrix `[N, N]` of points on a line (computed with LossKit's `cdist`, as your
/// loss does), as a probe input.
func lineDistances(_ positions: [Double]) -> ProbeValue {
    let points = Tensor(shape: [positions.count, 1], scalars: positions)
    return .tensor(cdist(points, points))
}

/// The triplet loss of given triplets on points on a line, in plain Doubles.
func lineTripletLoss(_ positions: [Double], _ triplets: [MinedTriplet], margin: Double) -> Double {
    let costs = triplets.map { triplet in
        max(0, abs(positions[triplet.anchor] - positions[triplet.positive])
            - abs(positions[triplet.anchor] - positions[triplet.negative]) + margin)
    }
    return costs.reduce(0, +) / Double(costs.count)
}

/// The triplets the line batch must give, found by hand from the rule.
let expectedLineTriplets: [MinedTriplet] = [
    (0, 1, 2),  // closest negative farther than the positive: 2 at 1.6 (semi-hard)
    (1, 0, 4),  // 2 is closer (0.6) but closer than the positive; 4 at 1.5 is the first beyond 1
    (2, 3, 0),  // 1 is a hard negative (0.6 < 1.4); 0 at 1.6 is semi-hard
    (3, 2, 1),  // every negative is farther than the positive; the closest is 1 at 2.0
    (4, 5, 3),  // no negative is farther than the positive (5.7): fallback to the farthest, 3
    (5, 4, 0),  // the same fallback: 0 at 5.2 is the farthest negative
]

/// The triplets a probe returned (anchor, positive, negative, one triplet after the other).
func minedTriplets(_ result: ProbeValues) throws -> [MinedTriplet] {
    let rows = try result.integers("triplets")
    return stride(from: 0, to: rows.count - 2, by: 3).map { (rows[$0], rows[$0 + 1], rows[$0 + 2]) }
}

/// Triplets as your `Triplet` prints them, for messages.
func describe(_ triplets: [MinedTriplet]) -> String {
    "[" + triplets.map { "(anchor \($0.anchor), positive \($0.positive), negative \($0.negative))" }.joined(separator: ", ") + "]"
}

/// Compares triplets mined on points on a line with the expected ones, pair by pair, and
/// explains the first difference.
func expectTriplets(_ mined: [MinedTriplet], _ expected: [MinedTriplet], positions: [Double], labels: [Int]) throws {
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

/// The loss as a scalar, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues, _ what: String) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(shape == [] && scalars.count == 1, "\(what) should be a scalar tensor (shape []), but its shape is \(shape).")
    return scalars[0]
}

/// The gradient the probe returned, or a failure that says why there is none.
func embeddingGradient(_ result: ProbeValues) throws -> [Double] {
    guard try result.flag("depends on embeddings"), result["gradient"] != nil else {
        throw ExpectationFailure("No gradient reaches the embeddings: build the loss from tensor operations on cdist(embeddings, embeddings) (select, clamp, mean), not from Double values.")
    }
    return try result.numbers("gradient")
}

/// The triplet loss of given triplets on points in any dimension, in plain Doubles.
func tripletLoss(_ points: [[Double]], _ triplets: [MinedTriplet], margin: Double) -> Double {
    func distance(_ i: Int, _ j: Int) -> Double {
        zip(points[i], points[j]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }
    let costs = triplets.map { max(0, distance($0.anchor, $0.positive) - distance($0.anchor, $0.negative) + margin) }
    return costs.reduce(0, +) / Double(costs.count)
}

let checks: [Check] = [
    Check("mining picks the closest negative farther than the positive, else the farthest negative", points: 2) { learner in
        let single = Tensor([[0, 1, 2], [1, 0, 1], [2, 1, 0]])
        let results = try learner.run("mine", each: [
            ["distances": lineDistances(linePositions), "labels": .integers(lineLabels)],
            ["distances": lineDistances(easyPositions), "labels": .integers(easyLabels)],
            ["distances": .tensor(single), "labels": .integers([0, 1, 2])],
        ])
        try expectTriplets(try minedTriplets(results[0]), expectedLineTriplets, positions: linePositions, labels: lineLabels)
        try expectTriplets(try minedTriplets(results[1]), [(0, 1, 2), (1, 0, 2), (2, 3, 1), (3, 2, 1)],
                           positions: easyPositions, labels: easyLabels)
        let none = try minedTriplets(results[2])
        try expect(none.isEmpty, "A batch whose classes have one sample each has no anchor–positive pair, so no triplet; got \(describe(none)).")
    },
    Check("the loss is the mean of max(0, d(a, p) − d(a, n) + margin) over the mined triplets", points: 2) { learner in
        let results = try learner.run("loss", each: [
            ["embeddings": lineEmbeddings(linePositions), "labels": .integers(lineLabels), "margin": .number(1)],
            ["embeddings": lineEmbeddings(linePositions), "labels": .integers(lineLabels), "margin": .number(0.3)],
            ["embeddings": lineEmbeddings(easyPositions), "labels": .integers(easyLabels), "margin": .number(1)],
        ])
        for (margin, result) in zip([1.0, 0.3], results) {
            try expectClose(try scalarLoss(result, "The loss"), lineTripletLoss(linePositions, expectedLineTriplets, margin: margin),
                            tolerance: 1e-12,
                            "The loss of the line batch with margin \(margin) (the mean over all six anchor–positive pairs, zeros included)")
        }
        try expectClose(try scalarLoss(results[2], "The loss"), 0, tolerance: 1e-12, "The loss of a batch where every triplet is easy")
    },
    Check("a batch without any triplet gives 0 and still lets backward() run") { learner in
        // The same three points twice: with three classes there is no anchor–positive pair; with
        // labels [0, 0, 1] there are two triplets, so a loss that is always 0 does not pass.
        let embeddings = ProbeValue.tensor(shape: [3, 2], scalars: [0.5, 1, 2, -1, 0, 3])
        let results = try learner.run("loss", each: [
            ["embeddings": embeddings, "labels": .integers([0, 1, 2]), "margin": .number(0.5)],
            ["embeddings": embeddings, "labels": .integers([0, 0, 1]), "margin": .number(2)],
        ])
        let (_, values) = try results[0].shapedNumbers("loss")
        try expectClose(values.count == 1 ? values[0] : .nan, 0, tolerance: 1e-12, "The loss of a batch with no anchor–positive pair")
        try expect(try results[0].flag("depends on embeddings"),
                   "The loss of a batch without triplets is not connected to the embeddings, so backward() would fail in a training loop. Return `embeddings.sum() * 0` in that case.")
        let gradient = try results[0].numbers("gradient")
        try expect(gradient.count == 6 && gradient.allSatisfy { $0 == 0 },
                   "The gradient of a loss without triplets should be 0 for every embedding; got \(gradient).")
        // d(0, 1) = 2.5, d(0, 2) ≈ 2.06, d(1, 2) ≈ 4.47: anchor 0 has no negative farther than its
        // positive (fallback to 2, a hard triplet); anchor 1 gets 2, farther but within the margin.
        let points = [[0.5, 1.0], [2, -1], [0, 3]]
        try expectClose(try scalarLoss(results[1], "The loss"), tripletLoss(points, [(0, 1, 2), (1, 0, 2)], margin: 2), tolerance: 1e-12,
                        "The loss of the same three points with labels [0, 0, 1] and margin 2 (two triplets: a hard one and a semi-hard one)")
    },
    Check("gradients match finite differences on the line batch", points: 2) { learner in
        let result = try learner.run("loss", ["embeddings": lineEmbeddings(linePositions), "labels": .integers(lineLabels), "margin": .number(1)])
        let gradient = try embeddingGradient(result)
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
    Check("Recall@1 counts the queries whose nearest other sample shares their label", points: 2) { learner in
        // Samples 0 (class 0) and 1 (class 1) are each other's nearest neighbours: two misses.
        // 2 and 3 (class 0) are a close pair, and so are 4 and 5 (class 1): four hits.
        let embeddings = ProbeValue.tensor(shape: [6, 2], scalars: [0, 0, 0.5, 0, 2, 0, 2, 0.4, 5, 5, 5.3, 5])
        let spread = ProbeValue.tensor(shape: [4, 2], scalars: [0, 0, 10, 0, 0.2, 0, 10.2, 0])
        let results = try learner.run("recall", each: [
            ["embeddings": embeddings, "labels": .integers([0, 1, 0, 0, 1, 1])],
            ["embeddings": spread, "labels": .integers([0, 1, 0, 1])],
            ["embeddings": spread, "labels": .integers([0, 0, 1, 1])],
        ])
        try expectClose(try results[0].number("recall"), 4.0 / 6.0, tolerance: 1e-12,
                        "Recall@1 of six points where four have a same-class nearest neighbour (a query never counts itself)")
        try expectClose(try results[1].number("recall"), 1, tolerance: 1e-12, "Recall@1 of two well separated pairs")
        try expectClose(try results[2].number("recall"), 0, tolerance: 1e-12, "Recall@1 when every nearest neighbour has the other label")
    },
]
