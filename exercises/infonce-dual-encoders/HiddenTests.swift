import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// The rows of a `[N, D]` tensor.
private func rows(_ tensor: Tensor) -> [[Double]] {
    let width = tensor.shape[1]
    return (0..<tensor.shape[0]).map { Array(tensor.scalars[($0 * width)..<(($0 + 1) * width)]) }
}

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

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("the loss matches an independent computation on random batches", points: 2) {
        var generator = SeededGenerator(seed: 21)
        for trial in 0..<12 {
            let count = 2 + trial % 7, width = 2 + trial % 4
            let temperature = [0.05, 0.1, 0.5, 1, 3][trial % 5]
            let a = Tensor.randomNormal([count, width], using: &generator)
            let b = Tensor.randomNormal([count, width], standardDeviation: 2, using: &generator)
            try expectClose(try lossValue(a, b, temperature: temperature, "random batch \(trial)"),
                            referenceLoss(rows(a), rows(b), temperature: temperature), tolerance: 1e-10,
                            "The loss of random batch \(trial) (N = \(count), D = \(width), τ = \(temperature))")
        }
    },
    ExerciseTest("gradients match central finite differences on random batches", points: 2) {
        var generator = SeededGenerator(seed: 5)
        for (trial, temperature) in [0.5, 0.1, 1].enumerated() {
            let a = Tensor.randomNormal([5, 3], requiresGrad: true, using: &generator)
            let b = Tensor.randomNormal([5, 3], requiresGrad: true, using: &generator)
            let value = Submission.symmetricInfoNCELoss(a, b, temperature: temperature)
            try expect(value.requiresGrad, "The loss does not depend on the embeddings through tensor operations.")
            value.backward()
            let (rowsA, rowsB) = (rows(a), rows(b))
            let step = 1e-6
            for (name, side) in [("a", a), ("b", b)] {
                let gradient = side.grad?.scalars ?? []
                for index in 0..<15 {
                    var (upA, upB, downA, downB) = (rowsA, rowsB, rowsA, rowsB)
                    if name == "a" {
                        upA[index / 3][index % 3] += step
                        downA[index / 3][index % 3] -= step
                    } else {
                        upB[index / 3][index % 3] += step
                        downB[index / 3][index % 3] -= step
                    }
                    let numeric = (referenceLoss(upA, upB, temperature: temperature) - referenceLoss(downA, downB, temperature: temperature)) / (2 * step)
                    try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-6,
                                    "∂loss/∂\(name)[\(index / 3)][\(index % 3)] on random batch \(trial) (τ = \(temperature))")
                }
            }
        }
    },
    ExerciseTest("zero-shot predictions match an independent computation on random sets") {
        var generator = SeededGenerator(seed: 77)
        for trial in 0..<5 {
            let images = Tensor.randomNormal([20, 3 + trial], using: &generator)
            let prototypes = Tensor.randomNormal([4 + trial, 3 + trial], standardDeviation: 1 + Double(trial), using: &generator)
            let predictions = Submission.zeroShotPredictions(imageEmbeddings: images, prototypes: prototypes)
            let expected = referencePredictions(rows(images), rows(prototypes))
            try expect(predictions == expected, "Zero-shot predictions on random set \(trial): \(predictions); expected \(expected).")
        }
    },
    ExerciseTest("two encoders trained with the loss classify held-out images zero-shot", points: 3) {
        let world = PairedConcepts(seed: 2021)
        let training = world.items(count: 640, seed: 1)
        let test = world.items(count: 300, seed: 2)
        manualSeed(0)
        // Two different networks: an MLP for the 16-number images, a tanh network for the 12-number captions.
        let imageEncoder = MLP(input: 16, hidden: [32], output: 8)
        let captionEncoder = Sequential(Linear(inputs: 12, outputs: 16), Tanh(), Linear(inputs: 16, outputs: 8))
        func accuracy() -> Double {
            let (images, prototypes) = withoutGradients { (imageEncoder(test.images), captionEncoder(world.classCaptions)) }
            let predictions = referencePredictions(rows(images), rows(prototypes))
            return Double(zip(predictions, test.concepts).filter { $0 == $1 }.count) / Double(test.concepts.count)
        }
        let untrained = accuracy()
        let optimizer = Adam(imageEncoder.parameters + captionEncoder.parameters, learningRate: 0.01)
        var shuffling = SeededGenerator(seed: 3)
        for epoch in 0..<30 {
            let order = Array(0..<640).shuffled(using: &shuffling)
            for start in stride(from: 0, to: 640, by: 64) {
                let batch = Array(order[start..<(start + 64)])
                optimizer.zeroGrad()
                let value = Submission.symmetricInfoNCELoss(
                    imageEncoder(training.images.select(indices: batch, dim: 0)),
                    captionEncoder(training.captions.select(indices: batch, dim: 0)), temperature: 0.1)
                guard value.requiresGrad, value.count == 1, value.item.isFinite else {
                    throw ExpectationFailure("In epoch \(epoch) the loss is \(value.scalars) (requiresGrad: \(value.requiresGrad)); it must be a finite scalar connected to both encoders.")
                }
                value.backward()
                optimizer.step()
            }
        }
        let trained = accuracy()
        let chance = 1 / Double(PairedConcepts.conceptCount)
        // Measured with the reference solution: untrained 0.187, trained 0.903 (300 test images; with
        // other seeds for the world and the weights, 0.81 to 0.92). Chance is 0.1.
        try expect(trained >= 0.7 && trained >= untrained + 0.3,
                   "After 30 epochs the zero-shot accuracy on held-out images is \(trained) (untrained: \(untrained), chance: \(chance)); it should be at least 0.7 and at least 0.3 above the untrained encoders. Check that row i of the logits has column i as its target, in both directions.")
    },
]
