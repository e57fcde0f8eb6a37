import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

let hiddenChecks: [Check] = [
    Check("optimising an image toward a target lowers the loss at least 5×", points: 3) { learner in
        // The probe moves only the image, with your loss; the loss before and after is measured
        // here, with the reference loss at the starting weights, so it cannot be made up.
        var generator = SeededGenerator(seed: 5)
        let target = disc(cx: 7, cy: 9, radius: 5)
        let start = Tensor.randomUniform([1, 1, 16, 16], in: 0...1, using: &generator)
        let result = try learner.run("optimise image", [
            "image": .tensor(start), "target": .tensor(target), "steps": .integer(60), "learning rate": .number(0.05),
        ])
        let (shape, values) = try result.shapedNumbers("image")
        try expect(shape == [1, 1, 16, 16] && values.allSatisfy(\.isFinite),
                   "After 60 Adam steps the image has shape \(shape) or values that are not finite.")
        let uniform = [0.0, 0.0, 0.0, 0.0]
        let before = combinedLoss(layerErrors(start, target), raw: uniform)
        let after = combinedLoss(layerErrors(Tensor(shape: shape, scalars: values), target), raw: uniform)
        try expect(after < before / 5,
                   "60 Adam steps on the image with your loss lowered the perceptual loss only by a factor of about \(String(format: "%.2g", before / after)); it should fall at least 5×.")
    },
    Check("only the chosen layers count") { learner in
        let a = disc(), b = disc(cx: 10)
        // One layer, and two layers in an order that is not VGG's, with weights that tell them apart.
        let order = ["relu4_3", "relu1_2"], raw = [0.3, -0.1]
        let results = try learner.run("loss", each: [lossInput(a, b, layers: ["relu2_2"]), lossInput(a, b, raw: raw, layers: order)])
        try expectClose(try scalarLoss(results[0]), layerErrors(a, b, layers: ["relu2_2"])[0], tolerance: 1e-9,
                        "The loss with layers [\"relu2_2\"]")
        try expectClose(try scalarLoss(results[1]), combinedLoss(layerErrors(a, b, layers: order), raw: raw), tolerance: 1e-9,
                        "The loss with layers [\"relu4_3\", \"relu1_2\"] (weights in the order of layers)")
    },
]
