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
]
