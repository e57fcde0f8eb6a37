import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.
//
// The layer weights are learnable, so the checks test the loss and both of its gradients for
// given weights. They never train the weights together with the loss: minimising the loss over
// the weights only moves all the weight onto the layer whose error is smallest, which is no sign
// of a correct loss.

/// A 16×16 one-channel test image: a bright disc of `radius` centred at (cx, cy).
func disc(cx: Double = 8, cy: Double = 8, radius: Double = 4) -> Tensor {
    Tensor(shape: [1, 1, 16, 16], scalars: (0..<256).map { index in
        let x = Double(index % 16) - cx, y = Double(index / 16) - cy
        return x * x + y * y <= radius * radius ? 1 : 0
    })
}

/// The feature extractor the task's MultiScalePerceptualLoss starts with, built here for references.
func referenceExtractor() -> VGGFeatures {
    VGGFeatures(inputChannels: 1, widthFactor: 1.0 / 16, seed: 0)
}

/// The MSE between the reference features of `a` and `b` at each of `layers`.
func layerErrors(_ a: Tensor, _ b: Tensor, layers: [String] = VGGFeatures.tapNames) -> [Double] {
    let extractor = referenceExtractor()
    return withoutGradients {
        let first = extractor.features(a), second = extractor.features(b)
        return layers.map { name in
            guard let ours = first[name], let theirs = second[name] else { return .nan }
            return mseLoss(ours, theirs).item
        }
    }
}

/// softmax(raw) with plain Doubles.
func softmaxWeights(_ raw: [Double]) -> [Double] {
    let largest = raw.max() ?? 0
    let exponentials = raw.map { Foundation.exp($0 - largest) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// Σ softmax(raw)ₗ · errorsₗ.
func combinedLoss(_ errors: [Double], raw: [Double]) -> Double {
    zip(softmaxWeights(raw), errors).map { $0 * $1 }.reduce(0, +)
}

/// ∂L/∂sₗ = wₗ · (errorsₗ − L), the gradient of Σ softmax(s)ₗ · errorsₗ with respect to the raw weights.
func weightGradient(_ errors: [Double], raw: [Double]) -> [Double] {
    let weights = softmaxWeights(raw), total = combinedLoss(errors, raw: raw)
    return zip(weights, errors).map { $0 * ($1 - total) }
}

/// The gradient of the reference loss with respect to the predicted image (by LossKit's autograd).
func referenceImageGradient(_ prediction: Tensor, _ target: Tensor, raw: [Double]) -> [Double] {
    let image = Tensor(shape: prediction.shape, scalars: prediction.scalars, requiresGrad: true)
    let extractor = referenceExtractor()
    let predicted = extractor.features(image)
    let wanted = withoutGradients { extractor.features(target) }
    let weights = softmaxWeights(raw)
    var total = Tensor(0.0)
    for (index, name) in VGGFeatures.tapNames.enumerated() {
        guard let ours = predicted[name], let theirs = wanted[name] else { return [] }
        total = total + weights[index] * mseLoss(ours, theirs)
    }
    total.backward()
    return image.grad?.scalars ?? []
}

/// The input of the "loss" probe; no raw weights means the ones the learner's initialiser gives.
func lossInput(_ prediction: Tensor, _ target: Tensor, raw: [Double]? = nil, layers: [String]? = nil) -> ProbeValues {
    var input: ProbeValues = ["prediction": .tensor(prediction), "target": .tensor(target)]
    if let raw { input["layer weights"] = .numbers(raw) }
    if let layers { input["layers"] = .text(layers.joined(separator: ",")) }
    return input
}

/// The loss the probe returned, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(scalars.count == 1, "The loss should be a scalar tensor, but its shape is \(shape).")
    return scalars[0]
}

/// Fails unless `actual` matches `expected` element by element, to `relative` of its largest element.
func expectCloseScaled(_ actual: [Double], _ expected: [Double], relative: Double, _ what: String) throws {
    let scale = expected.map(abs).max() ?? 0
    try expectClose(actual, expected, tolerance: relative * Swift.max(scale, 1e-300), what)
}

let checks: [Check] = [
    Check("identical images give 0 and different images more than 0") { learner in
        let results = try learner.run("loss", each: [lossInput(disc(), disc()), lossInput(disc(), disc(cx: 10, radius: 3))])
        try expectClose(try scalarLoss(results[0]), 0, tolerance: 1e-12, "The loss of an image against itself")
        let different = try scalarLoss(results[1])
        try expect(different > 1e-6, "Two different images give a loss of \(different); it should be positive.")
        // Not any positive number: with the starting raw weights (all 0) every layer counts 1/4.
        let errors = layerErrors(disc(), disc(cx: 10, radius: 3))
        try expectClose(different, combinedLoss(errors, raw: [0, 0, 0, 0]), tolerance: 1e-9,
                        "The loss of two different images with the starting weights (softmax of zeros: 1/4 per layer)")
    },
    Check("the loss equals Σ softmax(s)ₗ · MSE of each layer's features", points: 2) { learner in
        let a = disc(), b = disc(cx: 9, cy: 7, radius: 3)
        let weightSets = [[0.5, -0.2, 0.1, 0.3], [-1.0, 2.0, 0.5, -0.5]]
        let results = try learner.run("loss", each: weightSets.map { lossInput(a, b, raw: $0) })
        let errors = layerErrors(a, b)
        for (raw, result) in zip(weightSets, results) {
            try expectClose(try scalarLoss(result), combinedLoss(errors, raw: raw), tolerance: 1e-9,
                            "The combined loss with raw weights \(raw)")
        }
    },
    Check("gradients reach the predicted image", points: 2) { learner in
        let prediction = disc(cx: 9), target = disc()
        let result = try learner.run("loss", lossInput(prediction, target))
        _ = try scalarLoss(result)
        guard try result.flag("depends on inputs"), result["image gradient"] != nil else {
            throw ExpectationFailure("The loss does not depend on the predicted image through tensor operations.")
        }
        let gradient = try result.numbers("image gradient")
        try expect(gradient.contains { $0 != 0 } && gradient.allSatisfy(\.isFinite),
                   "The gradient with respect to the predicted image is zero, missing or not finite.")
        try expectCloseScaled(gradient, referenceImageGradient(prediction, target, raw: [0, 0, 0, 0]), relative: 1e-7,
                              "∂loss/∂prediction with the starting weights")
    },
    Check("the layer weights are learnable", points: 2) { learner in
        // Given raw weights s, ∂L/∂sₗ = softmax(s)ₗ · (MSEₗ − L): it moves weight toward the layers
        // whose error is below the loss, the gradient a learnable weighting must pass on.
        let a = disc(cx: 10), b = disc(), raw = [0.5, -0.2, 0.1, 0.3]
        let result = try learner.run("loss", lossInput(a, b, raw: raw))
        _ = try scalarLoss(result)
        guard try result.flag("depends on inputs"), result["weights gradient"] != nil else {
            throw ExpectationFailure("No gradient reached layerWeights: combine the layers with softmax(layerWeights, dim: 0).")
        }
        let gradient = try result.numbers("weights gradient")
        try expect(gradient.count == 4 && gradient.contains { $0 != 0 },
                   "No gradient reached layerWeights: combine the layers with softmax(layerWeights, dim: 0).")
        try expectCloseScaled(gradient, weightGradient(layerErrors(a, b), raw: raw), relative: 1e-7,
                              "∂loss/∂layerWeights with raw weights \(raw) (softmax(s)ₗ · (MSEₗ − loss))")
    },
]
