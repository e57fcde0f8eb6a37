import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

/// The Tversky loss computed with plain Doubles, independently of the submission.
private func reference(_ p: [Double], _ g: [Double], alpha: Double, beta: Double, smooth: Double) -> Double {
    var tp = 0.0, fp = 0.0, fn = 0.0
    for (pi, gi) in zip(p, g) {
        tp += pi * gi
        fp += pi * (1 - gi)
        fn += (1 - pi) * gi
    }
    return 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)
}

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("random masks and weights match an independent computation", points: 2) {
        var generator = CaseGenerator(state: 2024)
        for trial in 0..<20 {
            let count = 5 + trial * 3
            let p = (0..<count).map { _ in generator.next() }
            let g = (0..<count).map { _ in generator.next() < 0.3 ? 1.0 : 0.0 }
            let alpha = generator.next(), beta = generator.next(), smooth = generator.next() * 2
            let value = Submission.TverskyLoss(alpha: alpha, beta: beta, smooth: smooth)(Tensor(p), Tensor(g))
            try expectClose(value.item, reference(p, g, alpha: alpha, beta: beta, smooth: smooth), tolerance: 1e-10,
                            "The loss on hidden random case \(trial)")
        }
    },
    ExerciseTest("gradients match central finite differences on random cases", points: 2) {
        var generator = CaseGenerator(state: 7)
        for trial in 0..<5 {
            let p = (0..<12).map { _ in 0.05 + 0.9 * generator.next() }
            let g = (0..<12).map { _ in generator.next() < 0.4 ? 1.0 : 0.0 }
            let loss = Submission.TverskyLoss(alpha: 0.3, beta: 0.7, smooth: 1)
            let prediction = Tensor(p, requiresGrad: true)
            let value = loss(prediction, Tensor(g))
            try expect(value.requiresGrad, "The loss does not depend on the prediction through tensor operations.")
            value.backward()
            let gradient = prediction.grad?.scalars ?? []
            for index in p.indices {
                var up = p, down = p
                up[index] += 1e-6
                down[index] -= 1e-6
                let numeric = (reference(up, g, alpha: 0.3, beta: 0.7, smooth: 1)
                    - reference(down, g, alpha: 0.3, beta: 0.7, smooth: 1)) / 2e-6
                try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-6,
                                "∂loss/∂prediction[\(index)] on hidden case \(trial)")
            }
        }
    },
]
