import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

/// The loss of two hand-built pairs, written out term by term.
///
/// Side a holds the directions e₁ and e₂; side b holds u = (cos 60°, sin 60°) and e₂. Lengths do
/// not matter (both sides are scaled to unit length), so the rows are given other lengths on purpose.
/// The cosines are S = [[c, 0], [s, 1]] with c = 1/2 and s = √3/2; divided by τ they are the logits.
let twoPairsA = ProbeValue.tensor(shape: [2, 2], scalars: [2, 0, 0, 0.5])
let twoPairsB = ProbeValue.tensor(shape: [2, 2], scalars: [1.5, 1.5 * 3.0.squareRoot(), 0, 4])

func twoPairsLoss(temperature t: Double) -> Double {
    let (c, s) = (0.5, 3.0.squareRoot() / 2)
    // Rows: a₁ must pick u among {u, e₂}; a₂ must pick e₂ among {u, e₂}.
    let rows = (log(exp(c / t) + exp(0 / t)) - c / t) + (log(exp(s / t) + exp(1 / t)) - 1 / t)
    // Columns: u must pick a₁ among {a₁, a₂}; e₂ must pick a₂ among {a₁, a₂}.
    let columns = (log(exp(c / t) + exp(s / t)) - c / t) + (log(exp(0 / t) + exp(1 / t)) - 1 / t)
    return (rows / 2 + columns / 2) / 2
}

/// The input of the loss probe.
func lossInput(_ a: ProbeValue, _ b: ProbeValue, temperature: Double) -> ProbeValues {
    ["a": a, "b": b, "temperature": .number(temperature)]
}

/// The loss as a Double, with a message that says what went wrong when it is not a finite scalar.
func lossValue(_ result: ProbeValues, temperature: Double, _ what: String) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(shape == [] && scalars.count == 1, "The loss should be a scalar tensor (shape []), but its shape is \(shape) for \(what).")
    try expect(scalars[0].isFinite,
               "The loss of \(what) at τ = \(temperature) is \(scalars[0]). With a small τ the logits are large: exp overflows unless you use log-sum-exp (crossEntropyLoss or logSumExp do).")
    return scalars[0]
}

/// The gradient with respect to side `name` ("a" or "b"), or a failure that says why there is none.
func sideGradient(_ result: ProbeValues, _ name: String) throws -> [Double] {
    guard try result.flag("depends on the embeddings"), result["gradient \(name)"] != nil else {
        throw ExpectationFailure("No gradient can reach the embeddings of side \(name): build the loss from tensor operations (matmul, normalized, crossEntropyLoss), not from Double values.")
    }
    return try result.numbers("gradient \(name)")
}

/// The rows of a `[N, D]` tensor.
func rows(_ tensor: Tensor) -> [[Double]] {
    rows(tensor.scalars, width: tensor.shape[1])
}

/// Row-major `values` cut into rows of `width`.
func rows(_ values: [Double], width: Int) -> [[Double]] {
    stride(from: 0, to: values.count, by: width).map { Array(values[$0..<min($0 + width, values.count)]) }
}

/// The rows as a `[N, D]` tensor.
func tensor(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
}

/// Compares `gradient` (side `name` of the pairs `a`, `b`) with central differences of `loss`.
func expectGradient(_ gradient: [Double], side name: String, a: [[Double]], b: [[Double]],
                    loss: ([[Double]], [[Double]]) -> Double, _ what: String) throws {
    let width = a[0].count, step = 1e-6
    for index in 0..<(a.count * width) {
        var (upA, upB, downA, downB) = (a, b, a, b)
        if name == "a" {
            upA[index / width][index % width] += step
            downA[index / width][index % width] -= step
        } else {
            upB[index / width][index % width] += step
            downB[index / width][index % width] -= step
        }
        let numeric = (loss(upA, upB) - loss(downA, downB)) / (2 * step)
        try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-6,
                        "∂loss/∂\(name)[\(index / width)][\(index % width)] \(what)")
    }
}

let checks: [Check] = [
    Check("a two-pair batch matches the formula written out by hand", points: 2) { learner in
        let temperatures = [1.0, 0.5, 0.1]
        let results = try learner.run("loss", each: temperatures.map { lossInput(twoPairsA, twoPairsB, temperature: $0) })
        for (temperature, result) in zip(temperatures, results) {
            try expectClose(try lossValue(result, temperature: temperature, "the two-pair batch"), twoPairsLoss(temperature: temperature),
                            tolerance: 1e-12,
                            "The loss of the two-pair batch at τ = \(temperature) (both sides scaled to unit length, rows and columns averaged)")
        }
    },
    Check("swapping the two sides leaves the loss unchanged") { learner in
        var generator = SeededGenerator(seed: 4)
        let a = ProbeValue.tensor(Tensor.randomNormal([5, 4], using: &generator))
        let b = ProbeValue.tensor(Tensor.randomNormal([5, 4], using: &generator))
        let results = try learner.run("loss", each: [
            lossInput(a, b, temperature: 0.3), lossInput(b, a, temperature: 0.3), lossInput(twoPairsB, twoPairsA, temperature: 0.5),
        ])
        try expect(try results[0].flag("depends on the embeddings"),
                   "The loss does not depend on the embeddings through tensor operations; build it from matmul, normalized, crossEntropyLoss (or logSumExp) on the inputs.")
        let forward = try lossValue(results[0], temperature: 0.3, "five random pairs")
        let backward = try lossValue(results[1], temperature: 0.3, "five random pairs with the sides swapped")
        try expectClose(backward, forward, tolerance: 1e-12,
                        "The loss with the sides swapped (it should equal the loss before the swap: the two directions are averaged)")
        try expectClose(try lossValue(results[2], temperature: 0.5, "the two-pair batch, swapped"),
                        twoPairsLoss(temperature: 0.5), tolerance: 1e-12, "The loss of the two-pair batch with its sides swapped")
    },
    Check("the temperature: log N without information, log(1 + (N − 1)·exp(−1/τ)) for matched orthogonal pairs", points: 2) { learner in
        let count = 4
        // Every row of a is the same, every row of b too: no item can be told from another.
        let same = ProbeValue.tensor(shape: [count, 3], scalars: Array(repeating: [1.0, 2, 0], count: count).flatMap { $0 })
        let alsoSame = ProbeValue.tensor(shape: [count, 3], scalars: Array(repeating: [0.5, -1, 3], count: count).flatMap { $0 })
        // Row i of both sides points along axis i (with different lengths): cosine 1 with the
        // partner and 0 with everyone else, so every row and column costs log(1 + (N − 1)·e^(−1/τ)).
        let axes = ProbeValue.tensor(shape: [count, count], scalars: (0..<(count * count)).map { $0 % (count + 1) == 0 ? Double($0 / count + 1) : 0 })
        let identity = ProbeValue.tensor(Tensor.eye(count))
        let flat = [0.05, 1, 20], matched = [2.0, 1, 0.5, 0.1, 0.001]
        let results = try learner.run("loss", each: flat.map { lossInput(same, alsoSame, temperature: $0) }
                                                    + matched.map { lossInput(axes, identity, temperature: $0) })
        for (temperature, result) in zip(flat, results) {
            try expectClose(try lossValue(result, temperature: temperature, "identical rows"), log(Double(count)), tolerance: 1e-12,
                            "The loss of a batch whose rows are all identical at τ = \(temperature) (every candidate equally likely: log N)")
        }
        var previous = Double.infinity
        for (temperature, result) in zip(matched.dropLast(), results.dropFirst(flat.count)) {
            let value = try lossValue(result, temperature: temperature, "matched orthogonal pairs")
            try expectClose(value, log(1 + Double(count - 1) * exp(-1 / temperature)), tolerance: 1e-12,
                            "The loss of matched orthogonal pairs at τ = \(temperature)")
            try expect(value < previous, "Lowering τ should lower the loss of perfectly matched pairs; at τ = \(temperature) it is \(value), not below \(previous).")
            previous = value
        }
        try expectClose(try lossValue(results[results.count - 1], temperature: 0.001, "matched orthogonal pairs"), 0, tolerance: 1e-12,
                        "The loss of matched orthogonal pairs at τ = 0.001 (logits of 1000)")
    },
    Check("gradients reach both encoders' outputs and match finite differences") { learner in
        var generator = SeededGenerator(seed: 12)
        let a = Tensor.randomNormal([6, 3], using: &generator), b = Tensor.randomNormal([6, 3], using: &generator)
        let result = try learner.run("loss", lossInput(.tensor(a), .tensor(b), temperature: 0.2))
        for name in ["a", "b"] {
            let gradient = try sideGradient(result, name)
            try expect(gradient.count == 18 && gradient.allSatisfy(\.isFinite) && gradient.contains { abs($0) > 1e-6 },
                       "The gradient with respect to side \(name) is missing, zero or not finite: \(gradient.prefix(6)).")
            // The reference is LossKit's own infoNCELoss (checked against PyTorch), which only the
            // checks may call.
            try expectGradient(gradient, side: name, a: rows(a), b: rows(b),
                               loss: { infoNCELoss(tensor($0), tensor($1), temperature: 0.2).item },
                               "of six random pairs at τ = 0.2, against central differences (step 1e-6) of the loss,")
        }
    },
    Check("zero-shot predictions pick the prototype with the highest cosine similarity", points: 2) { learner in
        // Prototype 0 is long, so the dot product favours it; prototype 1 is short and close, so the
        // Euclidean distance favours it. Only the cosine (the angle) gives the expected classes.
        let prototypes: [Double] = [10, 0, 0, 1, -1, -1]
        let images: [Double] = [1, 1.2, 5, 4, -3, -2.5, 0.2, 3]
        let expected = [1, 0, 2, 1]
        let predictions = try learner.run("predictions", [
            "images": .tensor(shape: [4, 2], scalars: images), "prototypes": .tensor(shape: [3, 2], scalars: prototypes),
        ]).integers("classes")
        try expect(predictions.count == expected.count,
                   "zeroShotPredictions returned \(predictions.count) classes for \(expected.count) images; expected one class per image.")
        for index in expected.indices where predictions[index] != expected[index] {
            throw ExpectationFailure(
                "Image \(index) \(Array(images[(2 * index)...(2 * index + 1)])) should be class \(expected[index]), the prototype at the smallest angle; got \(predictions[index]). Compare directions (cosine), not dot products or distances.")
        }
    },
]
