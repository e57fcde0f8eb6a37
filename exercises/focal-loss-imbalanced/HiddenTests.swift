import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("gradients match central finite differences on random cases", points: 2) {
        var generator = CaseGenerator(state: 11)
        for trial in 0..<6 {
            let logits = (0..<15).map { _ in 8 * generator.next() - 4 }
            let targets = (0..<15).map { _ in generator.next() < 0.3 ? 1.0 : 0.0 }
            let alpha: Double? = trial % 3 == 0 ? nil : generator.next()
            let gamma = 3 * generator.next()
            let (_, gradient) = try lossAndGradient(logits, shape: [5, 3], targets, alpha: alpha, gamma: gamma)
            for index in logits.indices {
                var up = logits, down = logits
                up[index] += 1e-6
                down[index] -= 1e-6
                let numeric = (directFocalLoss(up, targets, alpha: alpha, gamma: gamma)
                    - directFocalLoss(down, targets, alpha: alpha, gamma: gamma)) / 2e-6
                try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-7,
                                "∂loss/∂logit[\(index)] on hidden case \(trial)")
            }
        }
    },
    ExerciseTest("random cases match a direct computation") {
        var generator = CaseGenerator(state: 2017)
        for trial in 0..<20 {
            let count = 4 + trial
            let logits = (0..<count).map { _ in 12 * generator.next() - 6 }
            let targets = (0..<count).map { _ in generator.next() < 0.5 ? 1.0 : 0.0 }
            let alpha: Double? = trial % 4 == 0 ? nil : generator.next()
            let gamma = 4 * generator.next()
            let value = Submission.binaryFocalLoss(Tensor(logits), Tensor(targets), alpha: alpha, gamma: gamma)
            try expectClose(value.item, directFocalLoss(logits, targets, alpha: alpha, gamma: gamma), tolerance: 1e-10,
                            "The loss on hidden random case \(trial)")
        }
    },
    ExerciseTest("γ = 0.5 and γ = 3 keep values and gradients finite at logits of ±100") {
        let logits = [100.0, -100.0, 100.0, -100.0, 0.0]
        let targets = [1.0, 1.0, 0.0, 0.0, 1.0]
        for gamma in [0.5, 3.0] {
            let (value, gradient) = try lossAndGradient(logits, shape: [5], targets, alpha: 0.4, gamma: gamma)
            try expectClose(value, stableFocalLoss(logits, targets, alpha: 0.4, gamma: gamma), tolerance: 1e-10,
                            "The loss with γ = \(gamma) at logits ±100")
            try expect(gradient.count == 5 && gradient.allSatisfy(\.isFinite),
                       "The gradient with γ = \(gamma) at logits ±100 is \(gradient); every element should be finite.")
        }
    },
    ExerciseTest("with α = 0.9 on a second data set, the rare-class recall rises well above cross-entropy's", points: 2) {
        let (training, test) = rareClassData(seed: 5)
        let plain = recallAndAccuracy(try trainLogisticRegression(training) { bceWithLogitsLoss($0, $1) }, on: test)
        let focal = recallAndAccuracy(
            try trainLogisticRegression(training) { Submission.binaryFocalLoss($0, $1, alpha: 0.9, gamma: 2) }, on: test)
        // Measured with the reference solution: recall 0.548 (cross-entropy) against 0.875 (focal).
        try expect(focal.recall >= plain.recall + 0.15,
                   "The focal model (α = 0.9) finds \(focal.recall) of the positives and cross-entropy \(plain.recall); expected at least 0.15 more.")
    },
]
