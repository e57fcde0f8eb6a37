import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

let hiddenChecks: [Check] = [
    Check("gradients match central finite differences on random cases", points: 2) { learner in
        var generator = CaseGenerator(state: 2016)
        var cases: [(rows: [[Double]], labels: [Int], epsilon: Double)] = []
        for _ in 0..<5 {
            let rows = (0..<4).map { _ in (0..<5).map { _ in 6 * generator.next() - 3 } }
            let labels = (0..<4).map { _ in Int(generator.next() * 5) }
            cases.append((rows, labels, generator.next() * 0.5))
        }
        let results = try learner.run("loss", each: cases.map { lossInput($0.rows, $0.labels, epsilon: $0.epsilon) })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let (rows, labels, epsilon) = item
            try expectClose(try scalarLoss(result), directSmoothedCrossEntropy(rows, labels, epsilon: epsilon), tolerance: 1e-10,
                            "The loss on hidden case \(trial)")
            let gradient = try gradient(result)
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
    Check("random predictions match a direct computation of the ECE for several bin counts", points: 2) { learner in
        var generator = CaseGenerator(state: 2017)
        var cases: [(probabilities: [[Double]], labels: [Int], bins: Int)] = []
        for trial in 0..<12 {
            let count = 10 + 7 * trial
            let classes = 2 + trial % 4
            let probabilities = (0..<count).map { _ -> [Double] in
                let raw = (0..<classes).map { _ in Foundation.exp(4 * generator.next()) }
                return raw.map { $0 / raw.reduce(0, +) }
            }
            let labels = (0..<count).map { _ in Int(generator.next() * Double(classes)) }
            cases.append((probabilities, labels, [1, 3, 10, 15][trial % 4]))
        }
        let results = try learner.run("ece", each: cases.map { calibrationInput($0.probabilities, $0.labels, bins: $0.bins) })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try expectClose(try result.number("ece"), directCalibrationError(item.probabilities, item.labels, bins: item.bins),
                            tolerance: 1e-12,
                            "The ECE on hidden case \(trial) (\(item.labels.count) rows, \(item.probabilities[0].count) classes, \(item.bins) bins)")
        }
    },
    Check("with 5 bins, confidences 0.4, 0.6, 0.8 and 1 each close their bin") { learner in
        let probabilities = [[0.4, 0.35, 0.25], [0.6, 0.3, 0.1], [0.1, 0.8, 0.1], [0.0, 0.0, 1.0]]
        let labels = [0, 1, 1, 0]  // right, wrong, right, wrong: neighbouring gaps have opposite signs
        let result = try learner.run("ece", calibrationInput(probabilities, labels, bins: 5))
        try expectClose(try result.number("ece"), directCalibrationError(probabilities, labels, bins: 5), tolerance: 1e-12,
                        "The ECE with confidences on the edges of 5 bins (each in the bin (m − 1)/M < c ≤ m/M)")
    },
    Check("on a second data set, label smoothing again lowers the ECE", points: 2) { learner in
        let (training, test) = blobData(seed: 1)
        let result = try learner.run("train", trainingInput(training, heldOut: test, epsilon: 0.2))
        let smoothed = try calibration(try result.numbers("probabilities"), test.labels)
        let plain = try calibration(crossEntropyProbabilities(training, heldOut: test), test.labels)
        // Measured with the reference solution: ECE 0.260 → 0.102.
        let shortfall = smoothed.ece - (plain.ece - 0.08)
        try expect(shortfall <= 0,
                   "Smoothing with ε = 0.2 should lower the held-out ECE by at least 0.08 against plain cross-entropy; it falls short of that by about \(String(format: "%.2g", shortfall)).")
    },
]
