import LossLab
import ExerciseTesting

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

let hiddenChecks: [Check] = [
    Check("random masks and weights match an independent computation", points: 2) { learner in
        var generator = CaseGenerator(state: 2024)
        var cases: [(p: [Double], g: [Double], alpha: Double, beta: Double, smooth: Double)] = []
        for trial in 0..<20 {
            let count = 5 + trial * 3
            let p = (0..<count).map { _ in generator.next() }
            let g = (0..<count).map { _ in generator.next() < 0.3 ? 1.0 : 0.0 }
            cases.append((p, g, generator.next(), generator.next(), generator.next() * 2))
        }
        let results = try learner.run("loss", each: cases.map {
            ["alpha": .number($0.alpha), "beta": .number($0.beta), "smooth": .number($0.smooth),
             "prediction": .numbers($0.p), "target": .numbers($0.g)]
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try expectClose(try scalarLoss(result, "The loss on hidden random case \(trial)"),
                            reference(item.p, item.g, alpha: item.alpha, beta: item.beta, smooth: item.smooth),
                            tolerance: 1e-10, "The loss on hidden random case \(trial)")
        }
    },
    Check("gradients match central finite differences on random cases", points: 2) { learner in
        var generator = CaseGenerator(state: 7)
        var cases: [(p: [Double], g: [Double])] = []
        for _ in 0..<5 {
            cases.append(((0..<12).map { _ in 0.05 + 0.9 * generator.next() }, (0..<12).map { _ in generator.next() < 0.4 ? 1.0 : 0.0 }))
        }
        let results = try learner.run("loss", each: cases.map {
            ["alpha": .number(0.3), "beta": .number(0.7), "smooth": .number(1), "prediction": .numbers($0.p), "target": .numbers($0.g)]
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let gradient = try gradient(result, "hidden case \(trial)")
            for index in item.p.indices {
                var up = item.p, down = item.p
                up[index] += 1e-6
                down[index] -= 1e-6
                let numeric = (reference(up, item.g, alpha: 0.3, beta: 0.7, smooth: 1)
                    - reference(down, item.g, alpha: 0.3, beta: 0.7, smooth: 1)) / 2e-6
                try expectClose(gradient.count > index ? gradient[index] : .nan, numeric, tolerance: 1e-6,
                                "∂loss/∂prediction[\(index)] on hidden case \(trial)")
            }
        }
    },
]
