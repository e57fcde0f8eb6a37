import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("optimising an image toward a target lowers the loss at least 5×", points: 3) {
        let loss = Submission.MultiScalePerceptualLoss()
        var generator = SeededGenerator(seed: 5)
        let target = disc(cx: 7, cy: 9, radius: 5)
        let image = Tensor.randomUniform([1, 1, 16, 16], in: 0...1, requiresGrad: true, using: &generator)
        let optimizer = Adam([image], learningRate: 0.05)
        let start = loss(image, target).item
        var end = start
        for _ in 0..<60 {
            optimizer.zeroGrad()
            let value = loss(image, target)
            end = value.item
            try expect(value.requiresGrad, "The loss does not depend on the image through tensor operations, so it cannot be optimised.")
            value.backward()
            optimizer.step()
        }
        try expect(end.isFinite && end < start / 5, "The loss went from \(start) to \(end) in 60 Adam steps; it should fall at least 5×.")
    },
    ExerciseTest("only the chosen layers count") {
        let loss = Submission.MultiScalePerceptualLoss(layers: ["relu2_2"])
        let a = disc(), b = disc(cx: 10)
        let expected = mseLoss(loss.extractor.features(a)["relu2_2"]!, loss.extractor.features(b)["relu2_2"]!).item
        try expectClose(loss(a, b).item, expected, tolerance: 1e-9, "The loss with layers [\"relu2_2\"]")
    },
]
