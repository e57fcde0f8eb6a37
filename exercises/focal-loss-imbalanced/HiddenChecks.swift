import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

let hiddenChecks: [Check] = [
    Check("gradients match central finite differences on random cases", points: 2) { learner in
        var generator = CaseGenerator(state: 11)
        var cases: [(logits: [Double], targets: [Double], alpha: Double?, gamma: Double)] = []
        for trial in 0..<6 {
            let logits = (0..<15).map { _ in 8 * generator.next() - 4 }
            let targets = (0..<15).map { _ in generator.next() < 0.3 ? 1.0 : 0.0 }
            let alpha: Double? = trial % 3 == 0 ? nil : generator.next()
            cases.append((logits, targets, alpha, 3 * generator.next()))
        }
        let results = try learner.run("loss", each: cases.map {
            lossInput($0.logits, shape: [5, 3], $0.targets, alpha: $0.alpha, gamma: $0.gamma)
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let gradient = try lossAndGradient(result).gradient
            let numeric = numericGradient(item.logits, step: 1e-6) {
                directFocalLoss($0, item.targets, alpha: item.alpha, gamma: item.gamma)
            }
            for index in item.logits.indices {
                try expectClose(gradient.count > index ? gradient[index] : .nan, numeric[index], tolerance: 1e-7,
                                "∂loss/∂logit[\(index)] on hidden case \(trial)")
            }
        }
    },
    Check("random cases match a direct computation") { learner in
        var generator = CaseGenerator(state: 2017)
        var cases: [(logits: [Double], targets: [Double], alpha: Double?, gamma: Double)] = []
        for trial in 0..<20 {
            let count = 4 + trial
            let logits = (0..<count).map { _ in 12 * generator.next() - 6 }
            let targets = (0..<count).map { _ in generator.next() < 0.5 ? 1.0 : 0.0 }
            let alpha: Double? = trial % 4 == 0 ? nil : generator.next()
            cases.append((logits, targets, alpha, 4 * generator.next()))
        }
        let results = try learner.run("loss", each: cases.map {
            lossInput($0.logits, shape: [$0.logits.count], $0.targets, alpha: $0.alpha, gamma: $0.gamma)
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try expectClose(try scalarLoss(result), directFocalLoss(item.logits, item.targets, alpha: item.alpha, gamma: item.gamma),
                            tolerance: 1e-10, "The loss on hidden random case \(trial)")
        }
    },
    Check("γ = 0.5 and γ = 3 keep values and gradients finite at logits of ±100") { learner in
        let logits = [100.0, -100.0, 100.0, -100.0, 0.0]
        let targets = [1.0, 1.0, 0.0, 0.0, 1.0]
        let gammas = [0.5, 3.0]
        let results = try learner.run("loss", each: gammas.map { lossInput(logits, shape: [5], targets, alpha: 0.4, gamma: $0) })
        for (gamma, result) in zip(gammas, results) {
            let (value, gradient) = try lossAndGradient(result)
            try expectClose(value, stableFocalLoss(logits, targets, alpha: 0.4, gamma: gamma), tolerance: 1e-10,
                            "The loss with γ = \(gamma) at logits ±100")
            try expect(gradient.count == 5 && gradient.allSatisfy(\.isFinite),
                       "The gradient with γ = \(gamma) at logits ±100 is \(gradient); every element should be finite.")
            // Finite is not enough: the gradient must also be the right one.
            let numeric = numericGradient(logits, step: 1e-4) { stableFocalLoss($0, targets, alpha: 0.4, gamma: gamma) }
            for index in logits.indices {
                try expectClose(gradient[index], numeric[index], tolerance: 1e-6, "∂loss/∂logit[\(index)] with γ = \(gamma) at logits ±100")
            }
        }
    },
    Check("with α = 0.9 on a second data set, the rare-class recall rises well above cross-entropy's", points: 2) { learner in
        let (training, test) = rareClassData(seed: 5)
        let result = try learner.run("train", trainingInput(training, heldOut: test, alpha: 0.9, gamma: 2))
        let focal = try recallAndAccuracy(try result.numbers("logits"), test.labels)
        let plain = try recallAndAccuracy(crossEntropyLogits(training, heldOut: test), test.labels)
        // Measured with the reference solution: recall 0.548 (cross-entropy) against 0.875 (focal).
        let shortfall = plain.recall + 0.15 - focal.recall
        try expect(shortfall <= 0,
                   "The focal model (α = 0.9) should find at least 0.15 more of the held-out positives than the cross-entropy model; its gain falls short of that by about \(String(format: "%.2g", shortfall)) in recall.")
    },
]
