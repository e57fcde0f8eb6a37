import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

/// One Tversky case computed with PyTorch in float64 (see reference.json).
private struct ReferenceCase: Decodable {
    struct Values: Decodable {
        let shape: [Int]
        let data: [Double]
    }
    let id: String
    let params: [String: Double]
    let inputs: [String: Values]
    let value: Values
    let grad: [String: Values]

    /// The probe's input for this case.
    var probeInput: ProbeValues {
        var input: ProbeValues = ["alpha": .number(params["alpha"] ?? .nan), "beta": .number(params["beta"] ?? .nan),
                                  "smooth": .number(params["smooth"] ?? .nan)]
        for (name, values) in inputs { input[name] = .tensor(shape: values.shape, scalars: values.data) }
        return input
    }
}

private func referenceCases() throws -> [ReferenceCase] {
    struct File: Decodable { let cases: [ReferenceCase] }
    let data = try Data(contentsOf: URL(fileURLWithPath: "reference.json"))
    return try JSONDecoder().decode(File.self, from: data).cases
}

/// The loss as a scalar, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues, _ what: String) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(shape == [] && scalars.count == 1, "\(what) should be a scalar tensor (shape []), but its shape is \(shape).")
    return scalars[0]
}

/// The gradient the probe returned, or a failure that says why there is none.
func gradient(_ result: ProbeValues, _ what: String) throws -> [Double] {
    guard try result.flag("depends on prediction"), result["gradient"] != nil else {
        throw ExpectationFailure("No gradient reached the prediction for \(what): the loss does not depend on it. Build the loss from tensor operations on the prediction, not from Double values.")
    }
    return try result.numbers("gradient")
}

/// Recall (found foreground over all foreground) and IoU (overlap over union) of the
/// thresholded prediction, where `p > 0.5` counts as foreground.
private func recallAndOverlap(_ probabilities: [Double], _ mask: [Double]) -> (recall: Double, iou: Double) {
    var truePositives = 0.0, falsePositives = 0.0, falseNegatives = 0.0
    for (p, g) in zip(probabilities, mask) {
        let predicted = p > 0.5 ? 1.0 : 0.0
        truePositives += predicted * g
        falsePositives += predicted * (1 - g)
        falseNegatives += (1 - predicted) * g
    }
    return (truePositives / max(truePositives + falseNegatives, 1),
            truePositives / max(truePositives + falsePositives + falseNegatives, 1))
}

let checks: [Check] = [
    Check("the loss matches PyTorch for four (α, β) pairs", points: 2) { learner in
        let cases = try referenceCases()
        let results = try learner.run("loss", each: cases.map(\.probeInput))
        for (reference, result) in zip(cases, results) {
            let value = try scalarLoss(result, "The loss for \(reference.id)")
            try expectClose(value, reference.value.data[0], tolerance: 1e-9, "The loss for \(reference.id)")
        }
    },
    Check("gradients with respect to the prediction match PyTorch", points: 2) { learner in
        let cases = try referenceCases()
        let results = try learner.run("loss", each: cases.map(\.probeInput))
        for (reference, result) in zip(cases, results) {
            try expectClose(try gradient(result, reference.id), reference.grad["prediction"]?.data ?? [], tolerance: 1e-9,
                            "∂loss/∂prediction for \(reference.id)")
        }
    },
    Check("α = β = 0.5 with no smoothing is the Dice loss") { learner in
        let prediction: [Double] = [0.9, 0.2, 0.7, 0.1, 0.6, 0.3]
        let target: [Double] = [1, 0, 1, 0, 0, 1]
        let overlap = zip(prediction, target).map { $0 * $1 }.reduce(0, +)
        let dice = 1 - 2 * overlap / (prediction.reduce(0, +) + target.reduce(0, +))
        let result = try learner.run("loss", [
            "alpha": .number(0.5), "beta": .number(0.5), "smooth": .number(0),
            "prediction": .numbers(prediction), "target": .numbers(target),
        ])
        try expectClose(try scalarLoss(result, "The Tversky loss with α = β = 0.5"), dice, tolerance: 1e-12,
                        "The Tversky loss with α = β = 0.5")
    },
    Check("empty masks give 0, and a prediction with no overlap gives 1 − s/(α·FP + s)") { learner in
        let empty = ProbeValue.tensor(shape: [2, 4], scalars: Array(repeating: 0, count: 8))
        let full = ProbeValue.tensor(shape: [2, 4], scalars: Array(repeating: 1, count: 8))
        // No "smooth": your default smoothing (1) applies.
        let results = try learner.run("loss", each: [
            ["alpha": .number(0.3), "beta": .number(0.7), "prediction": empty, "target": empty],
            ["alpha": .number(0.3), "beta": .number(0.7), "prediction": full, "target": empty],
        ])
        try expectClose(try scalarLoss(results[0], "The loss of an empty prediction against an empty mask"), 0,
                        tolerance: 1e-12, "The loss of an empty prediction against an empty mask")
        // Every pixel predicted foreground, none is: TP = 0, FP = 8, FN = 0.
        try expectClose(try scalarLoss(results[1], "The loss of an all-foreground prediction"), 1 - 1 / (0.3 * 8 + 1),
                        tolerance: 1e-12, "The loss of an all-foreground prediction against an empty mask")
    },
    Check("on an imbalanced segmentation task, training with α = 0.3, β = 0.7 gives higher recall than Dice", points: 2) { learner in
        // 8 training images of 16×16 pixels (about 7% foreground) and 16 held-out images whose
        // masks never leave this program: the probe returns probabilities, recall is measured here.
        let training = SyntheticData.segmentationShapes(count: 8, size: 16, noise: 0.3, seed: 4)
        let heldOut = SyntheticData.segmentationShapes(count: 16, size: 16, noise: 0.3, seed: 5)
        func input(alpha: Double, beta: Double) -> ProbeValues {
            ["alpha": .number(alpha), "beta": .number(beta),
             "training pixels": .tensor(training.inputs),
             "training masks": .tensor(shape: training.targetShape ?? [], scalars: training.targets?.values ?? []),
             "held-out pixels": .tensor(heldOut.inputs)]
        }
        // Dice is α = β = 0.5. Measured with the reference solution on the held-out images: recall
        // 0.512 (Dice) and 0.655 (α = 0.3, β = 0.7); IoU 0.344 and 0.315. The margin asked for is
        // 0.05 of recall, and both models must still segment (IoU ≥ 0.2; predicting every pixel as
        // foreground gives about 0.07, predicting none gives 0), so a loss that merely pushes
        // everything to foreground when β > α does not pass.
        let results = try learner.run("train", each: [input(alpha: 0.5, beta: 0.5), input(alpha: 0.3, beta: 0.7)])
        let masks = heldOut.targets?.values ?? []
        let dice = recallAndOverlap(try results[0].numbers("probabilities"), masks)
        let tversky = recallAndOverlap(try results[1].numbers("probabilities"), masks)
        for (name, model) in [("Dice (α = β = 0.5)", dice), ("α = 0.3, β = 0.7", tversky)] {
            try expect(model.iou >= 0.2,
                       "After training with \(name) the held-out IoU is \(model.iou): the model no longer segments the shapes (it marks almost every pixel the same). The loss should reward overlap, not only recall.")
        }
        try expect(tversky.recall >= dice.recall + 0.05,
                   "After training with α = 0.3, β = 0.7 the held-out recall is \(tversky.recall), with Dice (α = β = 0.5) \(dice.recall); raising β should raise the recall by at least 0.05. Check that beta multiplies the false negatives and alpha the false positives.")
    },
]
