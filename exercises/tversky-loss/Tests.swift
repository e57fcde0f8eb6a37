import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

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
}

private func referenceCases() throws -> [ReferenceCase] {
    struct File: Decodable { let cases: [ReferenceCase] }
    let data = try Data(contentsOf: URL(fileURLWithPath: "reference.json"))
    return try JSONDecoder().decode(File.self, from: data).cases
}

private func tensor(_ values: ReferenceCase.Values, requiresGrad: Bool = false) -> Tensor {
    Tensor(shape: values.shape, scalars: values.data, requiresGrad: requiresGrad)
}

/// The recall of the thresholded prediction (`p > 0.5` counts as foreground): found foreground
/// pixels over all foreground pixels, computed with plain Doubles.
private func recall(_ probabilities: [Double], _ mask: [Double]) -> Double {
    var found = 0.0, missed = 0.0
    for (p, g) in zip(probabilities, mask) where g == 1 {
        if p > 0.5 { found += 1 } else { missed += 1 }
    }
    return found / max(found + missed, 1)
}

/// Trains a per-pixel logistic model `p = σ(w·x + b)` with `loss` on a seeded imbalanced
/// segmentation task (8 images of 16×16 pixels, about 7% foreground) and returns its recall on
/// 16 held-out images. Same data, start, optimizer and step count for every loss.
private func recallAfterTraining(with loss: Submission.TverskyLoss) throws -> Double {
    func images(seed: UInt64, count: Int) -> (pixels: Tensor, masks: Tensor) {
        let data = SyntheticData.segmentationShapes(count: count, size: 16, noise: 0.3, seed: seed)
        return (data.inputs, Tensor(shape: data.targetShape ?? [], scalars: data.targets?.values ?? []))
    }
    let training = images(seed: 4, count: 8), heldOut = images(seed: 5, count: 16)
    let weight = Tensor([1.0], requiresGrad: true), bias = Tensor([0.0], requiresGrad: true)
    let optimizer = Adam([weight, bias], learningRate: 0.1)
    for step in 0..<100 {
        optimizer.zeroGrad()
        let value = loss(sigmoid(training.pixels * weight + bias), training.masks)
        guard value.requiresGrad, value.count == 1 else {
            throw ExpectationFailure("At training step \(step) the loss (shape \(value.shape)) is not a scalar that depends on the prediction through tensor operations, so the model cannot learn from it. Complete TverskyLoss first; the tests above show what is missing.")
        }
        value.backward()
        optimizer.step()
    }
    let probabilities = withoutGradients { sigmoid(heldOut.pixels * weight + bias) }
    return recall(probabilities.scalars, heldOut.masks.scalars)
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("the loss matches PyTorch for four (α, β) pairs", points: 2) {
        for reference in try referenceCases() {
            let loss = Submission.TverskyLoss(
                alpha: reference.params["alpha"] ?? .nan, beta: reference.params["beta"] ?? .nan,
                smooth: reference.params["smooth"] ?? .nan)
            let value = loss(tensor(reference.inputs["prediction"]!), tensor(reference.inputs["target"]!))
            try expect(value.shape == [], "The loss should be a scalar tensor (shape []), but its shape is \(value.shape).")
            try expectClose(value.item, reference.value.data[0], tolerance: 1e-9, "The loss for \(reference.id)")
        }
    },
    ExerciseTest("gradients with respect to the prediction match PyTorch", points: 2) {
        for reference in try referenceCases() {
            let prediction = tensor(reference.inputs["prediction"]!, requiresGrad: true)
            let loss = Submission.TverskyLoss(
                alpha: reference.params["alpha"] ?? .nan, beta: reference.params["beta"] ?? .nan,
                smooth: reference.params["smooth"] ?? .nan)
            let value = loss(prediction, tensor(reference.inputs["target"]!))
            guard value.requiresGrad else {
                throw ExpectationFailure("No gradient reached the prediction for \(reference.id): the loss does not depend on it. Build the loss from tensor operations on the prediction, not from Double values.")
            }
            value.backward()
            guard let gradient = prediction.grad else {
                throw ExpectationFailure("No gradient reached the prediction for \(reference.id): build the loss from tensor operations, not from Double values.")
            }
            try expectClose(gradient.scalars, reference.grad["prediction"]!.data, tolerance: 1e-9,
                            "∂loss/∂prediction for \(reference.id)")
        }
    },
    ExerciseTest("α = β = 0.5 with no smoothing is the Dice loss") {
        let prediction: [Double] = [0.9, 0.2, 0.7, 0.1, 0.6, 0.3]
        let target: [Double] = [1, 0, 1, 0, 0, 1]
        let overlap = zip(prediction, target).map { $0 * $1 }.reduce(0, +)
        let dice = 1 - 2 * overlap / (prediction.reduce(0, +) + target.reduce(0, +))
        let value = Submission.TverskyLoss(alpha: 0.5, beta: 0.5, smooth: 0)(Tensor(prediction), Tensor(target))
        try expectClose(value.item, dice, tolerance: 1e-12, "The Tversky loss with α = β = 0.5")
    },
    ExerciseTest("empty masks give 0, and a prediction with no overlap gives 1 − s/(α·FP + s)") {
        let empty = Tensor(shape: [2, 4], scalars: Array(repeating: 0, count: 8))
        let full = Tensor(shape: [2, 4], scalars: Array(repeating: 1, count: 8))
        let loss = Submission.TverskyLoss(alpha: 0.3, beta: 0.7)
        try expectClose(loss(empty, empty).item, 0, tolerance: 1e-12, "The loss of an empty prediction against an empty mask")
        // Every pixel predicted foreground, none is: TP = 0, FP = 8, FN = 0.
        try expectClose(loss(full, empty).item, 1 - 1 / (0.3 * 8 + 1), tolerance: 1e-12,
                        "The loss of an all-foreground prediction against an empty mask")
    },
    ExerciseTest("on an imbalanced segmentation task, training with α = 0.3, β = 0.7 gives higher recall than Dice", points: 2) {
        // Dice is α = β = 0.5. Measured with the reference solution: recall 0.512 (Dice) and
        // 0.655 (α = 0.3, β = 0.7) on the held-out images; the margin asked for is 0.05.
        let dice = try recallAfterTraining(with: Submission.TverskyLoss(alpha: 0.5, beta: 0.5))
        let tversky = try recallAfterTraining(with: Submission.TverskyLoss(alpha: 0.3, beta: 0.7))
        try expect(tversky >= dice + 0.05,
                   "After training with α = 0.3, β = 0.7 the held-out recall is \(tversky), with Dice (α = β = 0.5) \(dice); raising β should raise the recall by at least 0.05. Check that beta multiplies the false negatives and alpha the false positives.")
    },
]
