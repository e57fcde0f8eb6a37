import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("gradients match central finite differences on random cases", points: 2) {
        var generator = CaseGenerator(state: 2016)
        for trial in 0..<5 {
            let rows = (0..<4).map { _ in (0..<5).map { _ in 6 * generator.next() - 3 } }
            let labels = (0..<4).map { _ in Int(generator.next() * 5) }
            let epsilon = generator.next() * 0.5
            let logits = Tensor(shape: [4, 5], scalars: rows.flatMap { $0 }, requiresGrad: true)
            let value = Submission.labelSmoothedCrossEntropy(logits, labels, epsilon: epsilon)
            try expect(value.requiresGrad, "No gradient reaches the logits: build the loss from tensor operations.")
            try expectClose(value.item, directSmoothedCrossEntropy(rows, labels, epsilon: epsilon), tolerance: 1e-10,
                            "The loss on hidden case \(trial)")
            value.backward()
            let gradient = logits.grad?.scalars ?? []
            for row in 0..<4 {
                for column in 0..<5 {
                    var up = rows, down = rows
                    up[row][column] += 1e-6
                    down[row][column] -= 1e-6
                    let numeric = (directSmoothedCrossEntropy(up, labels, epsilon: epsilon)
                        - directSmoothedCrossEntropy(down, labels, epsilon: epsilon)) / 2e-6
                    let index = row * 5 + column
                    try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-7,
                                    "∂loss/∂logits[\(row), \(column)] on hidden case \(trial)")
                }
            }
        }
    },
    ExerciseTest("random predictions match a direct computation of the ECE for several bin counts", points: 2) {
        var generator = CaseGenerator(state: 2017)
        for trial in 0..<12 {
            let count = 10 + 7 * trial
            let classes = 2 + trial % 4
            let probabilities = (0..<count).map { _ -> [Double] in
                let raw = (0..<classes).map { _ in Foundation.exp(4 * generator.next()) }
                return raw.map { $0 / raw.reduce(0, +) }
            }
            let labels = (0..<count).map { _ in Int(generator.next() * Double(classes)) }
            let bins = [1, 3, 10, 15][trial % 4]
            let value = Submission.expectedCalibrationError(
                Tensor(shape: [count, classes], scalars: probabilities.flatMap { $0 }), labels, bins: bins)
            try expectClose(value, directCalibrationError(probabilities, labels, bins: bins), tolerance: 1e-12,
                            "The ECE on hidden case \(trial) (\(count) rows, \(classes) classes, \(bins) bins)")
        }
    },
    ExerciseTest("with 5 bins, confidences 0.4, 0.6, 0.8 and 1 each close their bin") {
        let probabilities = [[0.4, 0.35, 0.25], [0.6, 0.3, 0.1], [0.1, 0.8, 0.1], [0.0, 0.0, 1.0]]
        let labels = [0, 1, 1, 0]  // right, wrong, right, wrong: neighbouring gaps have opposite signs
        try expectClose(Submission.expectedCalibrationError(matrix(probabilities), labels, bins: 5),
                        directCalibrationError(probabilities, labels, bins: 5), tolerance: 1e-12,
                        "The ECE with confidences on the edges of 5 bins (each in the bin (m − 1)/M < c ≤ m/M)")
    },
    ExerciseTest("on a second data set, label smoothing again lowers the ECE", points: 2) {
        let (training, test) = blobData(seed: 1)
        let plain = calibration(try trainBlobClassifier(training) { crossEntropyLoss($0, $1) }, on: test)
        let smoothed = calibration(
            try trainBlobClassifier(training) { Submission.labelSmoothedCrossEntropy($0, $1, epsilon: 0.2) }, on: test)
        // Measured with the reference solution: ECE 0.260 → 0.102.
        try expect(smoothed.ece <= plain.ece - 0.08,
                   "The test ECE is \(smoothed.ece) with smoothing and \(plain.ece) without; expected at least 0.08 lower.")
    },
]
