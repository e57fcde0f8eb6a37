import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// A 16×16 one-channel test image: a bright disc of `radius` centred at (cx, cy).
func disc(cx: Double = 8, cy: Double = 8, radius: Double = 4) -> Tensor {
    Tensor(shape: [1, 1, 16, 16], scalars: (0..<256).map { index in
        let x = Double(index % 16) - cx, y = Double(index / 16) - cy
        return x * x + y * y <= radius * radius ? 1 : 0
    })
}

let exerciseTests: [ExerciseTest] = [
    ExerciseTest("identical images give 0 and different images more than 0") {
        let loss = Submission.MultiScalePerceptualLoss()
        let value = loss(disc(), disc())
        try expect(value.count == 1, "The loss should be a scalar tensor, but its shape is \(value.shape).")
        try expectClose(value.item, 0, tolerance: 1e-12, "The loss of an image against itself")
        let different = loss(disc(), disc(cx: 10, radius: 3)).item
        try expect(different > 1e-6, "Two different images give a loss of \(different); it should be positive.")
    },
    ExerciseTest("the loss equals Σ softmax(s)ₗ · MSE of each layer's features", points: 2) {
        let loss = Submission.MultiScalePerceptualLoss()
        loss.layerWeights.update { $0 = [0.5, -0.2, 0.1, 0.3] }
        let a = disc(), b = disc(cx: 9, cy: 7, radius: 3)
        let fa = loss.extractor.features(a), fb = loss.extractor.features(b)
        let raw = [0.5, -0.2, 0.1, 0.3].map { exp($0) }
        let weights = raw.map { $0 / raw.reduce(0, +) }
        var expected = 0.0
        for (index, name) in VGGFeatures.tapNames.enumerated() {
            expected += weights[index] * mseLoss(fa[name]!, fb[name]!).item
        }
        try expectClose(loss(a, b).item, expected, tolerance: 1e-9, "The combined loss")
    },
    ExerciseTest("gradients reach the predicted image", points: 2) {
        let loss = Submission.MultiScalePerceptualLoss()
        let prediction = Tensor(shape: [1, 1, 16, 16], scalars: disc(cx: 9).scalars, requiresGrad: true)
        let value = loss(prediction, disc())
        try expect(value.requiresGrad, "The loss does not depend on the predicted image through tensor operations.")
        value.backward()
        let gradient = prediction.grad?.scalars ?? []
        try expect(gradient.contains { $0 != 0 } && gradient.allSatisfy(\.isFinite),
                   "The gradient with respect to the predicted image is zero, missing or not finite.")
    },
    ExerciseTest("the layer weights are learnable", points: 2) {
        let loss = Submission.MultiScalePerceptualLoss()
        let value = loss(disc(cx: 10), disc())
        try expect(value.requiresGrad, "The loss does not depend on layerWeights through tensor operations.")
        value.backward()
        let gradient = loss.layerWeights.grad?.scalars ?? []
        try expect(gradient.count == 4 && gradient.contains { $0 != 0 },
                   "No gradient reached layerWeights: combine the layers with softmax(layerWeights, dim: 0).")
    },
]
