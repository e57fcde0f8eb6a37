import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// The loss of two hand-built pairs, written out term by term.
///
/// Side a holds the directions e₁ and e₂; side b holds u = (cos 60°, sin 60°) and e₂. Lengths do
/// not matter (both sides are scaled to unit length), so the rows are given other lengths on purpose.
/// The cosines are S = [[c, 0], [s, 1]] with c = 1/2 and s = √3/2; divided by τ they are the logits.
var twoPairsA: Tensor { Tensor([[2, 0], [0, 0.5]]) }
var twoPairsB: Tensor { Tensor([[1.5, 1.5 * 3.0.squareRoot()], [0, 4]]) }

func twoPairsLoss(temperature t: Double) -> Double {
    let (c, s) = (0.5, 3.0.squareRoot() / 2)
    // Rows: a₁ must pick u among {u, e₂}; a₂ must pick e₂ among {u, e₂}.
    let rows = (log(exp(c / t) + exp(0 / t)) - c / t) + (log(exp(s / t) + exp(1 / t)) - 1 / t)
    // Columns: u must pick a₁ among {a₁, a₂}; e₂ must pick a₂ among {a₁, a₂}.
    let columns = (log(exp(c / t) + exp(s / t)) - c / t) + (log(exp(0 / t) + exp(1 / t)) - 1 / t)
    return (rows / 2 + columns / 2) / 2
}

/// The loss as a Double, with a message that says what went wrong when it is not a finite scalar.
func lossValue(_ a: Tensor, _ b: Tensor, temperature: Double, _ what: String) throws -> Double {
    let value = Submission.symmetricInfoNCELoss(a, b, temperature: temperature)
    try expect(value.shape == [], "The loss should be a scalar tensor (shape []), but its shape is \(value.shape) for \(what).")
    try expect(value.item.isFinite,
               "The loss of \(what) at τ = \(temperature) is \(value.item). With a small τ the logits are large: exp overflows unless you use log-sum-exp (crossEntropyLoss or logSumExp do).")
    return value.item
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("a two-pair batch matches the formula written out by hand", points: 2) {
        for temperature in [1.0, 0.5, 0.1] {
            try expectClose(try lossValue(twoPairsA, twoPairsB, temperature: temperature, "the two-pair batch"),
                            twoPairsLoss(temperature: temperature), tolerance: 1e-12,
                            "The loss of the two-pair batch at τ = \(temperature) (both sides scaled to unit length, rows and columns averaged)")
        }
    },
    ExerciseTest("swapping the two sides leaves the loss unchanged") {
        var generator = SeededGenerator(seed: 4)
        let a = Tensor.randomNormal([5, 4], requiresGrad: true, using: &generator)
        let b = Tensor.randomNormal([5, 4], requiresGrad: true, using: &generator)
        let forward = Submission.symmetricInfoNCELoss(a, b, temperature: 0.3)
        try expect(forward.requiresGrad, "The loss does not depend on the embeddings through tensor operations; build it from matmul, normalized, crossEntropyLoss (or logSumExp) on the inputs.")
        let backward = try lossValue(b, a, temperature: 0.3, "five random pairs with the sides swapped")
        try expectClose(backward, forward.item, tolerance: 1e-12,
                        "The loss with the sides swapped (it should equal the loss before the swap: the two directions are averaged)")
        try expectClose(try lossValue(twoPairsB, twoPairsA, temperature: 0.5, "the two-pair batch, swapped"),
                        twoPairsLoss(temperature: 0.5), tolerance: 1e-12, "The loss of the two-pair batch with its sides swapped")
    },
    ExerciseTest("the temperature: log N without information, log(1 + (N − 1)·exp(−1/τ)) for matched orthogonal pairs", points: 2) {
        let count = 4
        // Every row of a is the same, every row of b too: no item can be told from another.
        let same = Tensor(shape: [count, 3], scalars: Array(repeating: [1.0, 2, 0], count: count).flatMap { $0 })
        let alsoSame = Tensor(shape: [count, 3], scalars: Array(repeating: [0.5, -1, 3], count: count).flatMap { $0 })
        for temperature in [0.05, 1, 20] {
            try expectClose(try lossValue(same, alsoSame, temperature: temperature, "identical rows"), log(Double(count)), tolerance: 1e-12,
                            "The loss of a batch whose rows are all identical at τ = \(temperature) (every candidate equally likely: log N)")
        }
        // Row i of both sides points along axis i (with different lengths): cosine 1 with the
        // partner and 0 with everyone else, so every row and column costs log(1 + (N − 1)·e^(−1/τ)).
        let axes = Tensor(shape: [count, count], scalars: (0..<(count * count)).map { $0 % (count + 1) == 0 ? Double($0 / count + 1) : 0 })
        let identity = Tensor.eye(count)
        var previous = Double.infinity
        for temperature in [2.0, 1, 0.5, 0.1] {
            let value = try lossValue(axes, identity, temperature: temperature, "matched orthogonal pairs")
            try expectClose(value, log(1 + Double(count - 1) * exp(-1 / temperature)), tolerance: 1e-12,
                            "The loss of matched orthogonal pairs at τ = \(temperature)")
            try expect(value < previous, "Lowering τ should lower the loss of perfectly matched pairs; at τ = \(temperature) it is \(value), not below \(previous).")
            previous = value
        }
        try expectClose(try lossValue(axes, identity, temperature: 0.001, "matched orthogonal pairs"), 0, tolerance: 1e-12,
                        "The loss of matched orthogonal pairs at τ = 0.001 (logits of 1000)")
    },
    ExerciseTest("gradients reach both encoders' outputs") {
        var generator = SeededGenerator(seed: 12)
        let a = Tensor.randomNormal([6, 3], requiresGrad: true, using: &generator)
        let b = Tensor.randomNormal([6, 3], requiresGrad: true, using: &generator)
        let value = Submission.symmetricInfoNCELoss(a, b, temperature: 0.2)
        guard value.requiresGrad else {
            throw ExpectationFailure("No gradient can reach the embeddings: build the loss from tensor operations (matmul, normalized, crossEntropyLoss), not from Double values.")
        }
        value.backward()
        for (name, side) in [("a", a), ("b", b)] {
            let gradient = side.grad?.scalars ?? []
            try expect(gradient.count == 18 && gradient.allSatisfy(\.isFinite) && gradient.contains { abs($0) > 1e-6 },
                       "The gradient with respect to side \(name) is missing, zero or not finite: \(gradient.prefix(6)).")
        }
    },
    ExerciseTest("zero-shot predictions pick the prototype with the highest cosine similarity", points: 2) {
        // Prototype 0 is long, so the dot product favours it; prototype 1 is short and close, so the
        // Euclidean distance favours it. Only the cosine (the angle) gives the expected classes.
        let prototypes = Tensor([[10, 0], [0, 1], [-1, -1]])
        let images = Tensor([[1, 1.2], [5, 4], [-3, -2.5], [0.2, 3]])
        let expected = [1, 0, 2, 1]
        let predictions = Submission.zeroShotPredictions(imageEmbeddings: images, prototypes: prototypes)
        try expect(predictions.count == expected.count,
                   "zeroShotPredictions returned \(predictions.count) classes for \(expected.count) images; expected one class per image.")
        for index in expected.indices where predictions[index] != expected[index] {
            throw ExpectationFailure(
                "Image \(index) \(images.select(indices: [index], dim: 0).scalars) should be class \(expected[index]), the prototype at the smallest angle; got \(predictions[index]). Compare directions (cosine), not dot products or distances.")
        }
    },
]
