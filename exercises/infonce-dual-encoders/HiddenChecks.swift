import Foundation
import LossLab
import ExerciseTesting

private func unit(_ row: [Double]) -> [Double] {
    let norm = row.map { $0 * $0 }.reduce(0, +).squareRoot()
    return row.map { $0 / norm }
}

private func logSumExp(_ values: [Double]) -> Double {
    let largest = values.max() ?? 0
    return largest + log(values.map { exp($0 - largest) }.reduce(0, +))
}

/// The symmetric InfoNCE loss in plain Doubles, written independently of the submission.
private func referenceLoss(_ a: [[Double]], _ b: [[Double]], temperature: Double) -> Double {
    let (ua, ub) = (a.map(unit), b.map(unit))
    let logits = ua.map { left in ub.map { right in zip(left, right).map(*).reduce(0, +) / temperature } }
    let count = Double(a.count)
    let rowTerm = logits.indices.map { i in logSumExp(logits[i]) - logits[i][i] }.reduce(0, +) / count
    let columnTerm = logits.indices.map { j in logSumExp(logits.map { $0[j] }) - logits[j][j] }.reduce(0, +) / count
    return (rowTerm + columnTerm) / 2
}

/// The class of each image: the prototype at the largest cosine, lower index on ties.
private func referencePredictions(_ images: [[Double]], _ prototypes: [[Double]]) -> [Int] {
    let units = prototypes.map(unit)
    return images.map { image in
        let cosines = units.map { zip(unit(image), $0).map(*).reduce(0, +) }
        return cosines.indices.max { cosines[$0] < cosines[$1] || (cosines[$0] == cosines[$1] && $0 > $1) } ?? -1
    }
}

/// A synthetic world of paired "images" and "captions", generated from a seed.
///
/// Each of 10 concepts has a centre in a 6-dimensional latent space. An item of a concept is its
/// centre plus Gaussian variation (σ = 0.5). Its image is a non-linear random view of the item,
/// tanh(z·V_image) with 16 numbers, and its caption a different, linear random view, z·V_caption
/// with 12 numbers; both get a little noise (σ = 0.1). The class caption of a concept ("a photo
/// of a …") is the caption view of its centre, without variation or noise.
private struct PairedConcepts {
    static let conceptCount = 10
    let centres: Tensor
    let imageView: Tensor
    let captionView: Tensor

    init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        centres = Tensor.randomNormal([Self.conceptCount, 6], using: &generator)
        imageView = Tensor.randomNormal([6, 16], standardDeviation: 1 / 6.0.squareRoot(), using: &generator)
        captionView = Tensor.randomNormal([6, 12], standardDeviation: 1 / 6.0.squareRoot(), using: &generator)
    }

    /// `count` items, concepts in turn: their images [count, 16], captions [count, 12] and concepts.
    func items(count: Int, seed: UInt64) -> (images: Tensor, captions: Tensor, concepts: [Int]) {
        var generator = SeededGenerator(seed: seed)
        let concepts = (0..<count).map { $0 % Self.conceptCount }
        let latent = centres.select(indices: concepts, dim: 0) + Tensor.randomNormal([count, 6], standardDeviation: 0.5, using: &generator)
        let images = tanh(matmul(latent, imageView)) + Tensor.randomNormal([count, 16], standardDeviation: 0.1, using: &generator)
        let captions = matmul(latent, captionView) + Tensor.randomNormal([count, 12], standardDeviation: 0.1, using: &generator)
        return (images, captions, concepts)
    }

    /// One caption per concept, [10, 12]: the prompts whose embeddings are the zero-shot prototypes.
    var classCaptions: Tensor { matmul(centres, captionView) }
}

let hiddenChecks: [Check] = [
    Check("the loss matches an independent computation on random batches", points: 2) { learner in
        var generator = SeededGenerator(seed: 21)
        var cases: [(a: Tensor, b: Tensor, temperature: Double)] = []
        for trial in 0..<12 {
            let count = 2 + trial % 7, width = 2 + trial % 4
            let temperature = [0.05, 0.1, 0.5, 1, 3][trial % 5]
            let a = Tensor.randomNormal([count, width], using: &generator)
            let b = Tensor.randomNormal([count, width], standardDeviation: 2, using: &generator)
            cases.append((a, b, temperature))
        }
        let results = try learner.run("loss", each: cases.map { lossInput(.tensor($0.a), .tensor($0.b), temperature: $0.temperature) })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try expectClose(try lossValue(result, temperature: item.temperature, "random batch \(trial)"),
                            referenceLoss(rows(item.a), rows(item.b), temperature: item.temperature), tolerance: 1e-10,
                            "The loss of random batch \(trial) (N = \(item.a.shape[0]), D = \(item.a.shape[1]), τ = \(item.temperature))")
        }
    },
    Check("gradients match central finite differences on random batches", points: 2) { learner in
        var generator = SeededGenerator(seed: 5)
        var cases: [(a: Tensor, b: Tensor, temperature: Double)] = []
        for temperature in [0.5, 0.1, 1] {
            let a = Tensor.randomNormal([5, 3], using: &generator), b = Tensor.randomNormal([5, 3], using: &generator)
            cases.append((a, b, temperature))
        }
        let results = try learner.run("loss", each: cases.map { lossInput(.tensor($0.a), .tensor($0.b), temperature: $0.temperature) })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            for name in ["a", "b"] {
                try expectGradient(try sideGradient(result, name), side: name, a: rows(item.a), b: rows(item.b),
                                   loss: { referenceLoss($0, $1, temperature: item.temperature) },
                                   "on random batch \(trial) (τ = \(item.temperature))")
            }
        }
    },
    Check("zero-shot predictions match an independent computation on random sets") { learner in
        var generator = SeededGenerator(seed: 77)
        var cases: [(images: Tensor, prototypes: Tensor)] = []
        for trial in 0..<5 {
            let images = Tensor.randomNormal([20, 3 + trial], using: &generator)
            let prototypes = Tensor.randomNormal([4 + trial, 3 + trial], standardDeviation: 1 + Double(trial), using: &generator)
            cases.append((images, prototypes))
        }
        let results = try learner.run("predictions", each: cases.map { ["images": .tensor($0.images), "prototypes": .tensor($0.prototypes)] })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let predictions = try result.integers("classes")
            let expected = referencePredictions(rows(item.images), rows(item.prototypes))
            try expect(predictions.count == expected.count,
                       "Zero-shot predictions on random set \(trial): \(predictions.count) classes for \(expected.count) images; there should be one class per image.")
            let wrong = expected.indices.filter { predictions[$0] != expected[$0] }
            if let first = wrong.first {
                throw ExpectationFailure(
                    "Zero-shot predictions on random set \(trial): \(wrong.count) of \(expected.count) images get a class that is not the prototype with the highest cosine similarity, the first is image \(first) (your class \(predictions[first])). Compare directions (cosine), not dot products or distances; ties go to the lower index.")
            }
        }
    },
    Check("two encoders trained with the loss classify held-out images zero-shot", points: 3) { learner in
        let world = PairedConcepts(seed: 2021)
        let training = world.items(count: 640, seed: 1)
        let test = world.items(count: 300, seed: 2)
        // The held-out images go to the probe in a shuffled order, so that an image's position
        // does not give its concept away; the concepts stay here.
        var shuffling = SeededGenerator(seed: 4)
        let order = Array(0..<300).shuffled(using: &shuffling)
        let concepts = order.map { test.concepts[$0] }
        let result = try learner.run("train", [
            "training images": .tensor(training.images), "training captions": .tensor(training.captions),
            "held-out images": .tensor(test.images.select(indices: order, dim: 0)), "class captions": .tensor(world.classCaptions),
        ])
        func accuracy(_ stage: String) throws -> Double {
            let (imageShape, images) = try result.shapedNumbers("\(stage) images")
            let (prototypeShape, prototypes) = try result.shapedNumbers("\(stage) prototypes")
            try expect(imageShape == [300, 8] && prototypeShape == [10, 8],
                       "The \(stage) encoders gave embeddings of shape \(imageShape) and \(prototypeShape); expected [300, 8] and [10, 8].")
            let predictions = referencePredictions(rows(images, width: 8), rows(prototypes, width: 8))
            return Double(zip(predictions, concepts).filter { $0 == $1 }.count) / Double(concepts.count)
        }
        let untrained = try accuracy("untrained"), trained = try accuracy("trained")
        let chance = 1 / Double(PairedConcepts.conceptCount)
        // Measured with the reference solution: untrained 0.187, trained 0.903 (300 test images; with
        // other seeds for the world and the weights, 0.81 to 0.92). Chance is 0.1. The limits are the README's.
        try expect(trained >= 0.7 && trained >= untrained + 0.3,
                   "After 30 epochs the zero-shot accuracy on held-out images is \(trained) (untrained: \(untrained), chance: \(chance)); it should be at least 0.7 and at least 0.3 above the untrained encoders. Check that row i of the logits has column i as its target, in both directions.")
    },
]
