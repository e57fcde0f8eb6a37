import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

/// The warm-up cosine schedule, written out independently of the submission.
private func referenceRate(_ step: Int, peak: Double, minimum: Double, warmup: Int, total: Int) -> Double {
    if step < warmup { return peak * Double(step) / Double(warmup) }
    if step >= total { return minimum }
    let angle = Double.pi * Double(step - warmup) / Double(total - warmup)
    return minimum + 0.5 * (peak - minimum) * (1 + Foundation.cos(angle))
}

/// A hidden schedule setting with its rates.
private func hiddenSchedule(peak: Double, minimum: Double, warmup: Int, total: Int, count: Int) -> ScheduleCase {
    ScheduleCase(peak: peak, minimum: minimum, warmup: warmup, total: total,
                 learningRates: (0..<count).map { referenceRate($0, peak: peak, minimum: minimum, warmup: warmup, total: total) })
}

/// A random fixed-gradient run: parameters, gradients and flags.
private struct RandomRun {
    var initial: [ShapedValues] = []
    var gradients: [[Double]] = []
    var hasGradient: [Bool] = []
    var learningRates: [Double] = []
    var betas: [Double] = []
    var epsilon = 0.0
    var weightDecay = 0.0

    var probeInput: ProbeValues {
        fixedGradientInput(initial: initial, gradients: gradients, hasGradient: hasGradient, learningRates: learningRates,
                           betas: betas, epsilon: epsilon, weightDecay: weightDecay)
    }

    var reference: [[[Double]]] {
        libraryFixedGradients(initial: initial, gradients: gradients, hasGradient: hasGradient, learningRates: learningRates,
                              betas: betas, epsilon: epsilon, weightDecay: weightDecay)
    }
}

/// Compares the probe's trajectories with the reference run's, parameter by parameter and step by step.
private func compare(_ result: ProbeValues, _ run: RandomRun, _ what: String) throws {
    let reference = run.reference
    for (k, values) in run.initial.enumerated() {
        let yours = try trajectory(result, parameter: k, steps: run.learningRates.count, size: values.data.count)
        for step in yours.indices {
            try expectEachClose(yours[step], reference[k][step], tolerance: 1e-10, "parameter \(k) after step \(step + 1) \(what)")
        }
    }
}

let hiddenChecks: [Check] = [
    Check("random hyperparameters (ε up to 1), shapes and gradients match AdamW step by step", points: 2) { learner in
        var generator = CaseGenerator(state: 2019)
        var runs: [RandomRun] = []
        for trial in 0..<6 {
            var run = RandomRun()
            let steps = 15, count = 1 + trial % 3
            run.initial = (0..<count).map { _ in
                let size = 1 + Int(6 * generator.next())
                return ShapedValues(shape: [size], data: (0..<size).map { _ in 4 * generator.next() - 2 })
            }
            run.gradients = run.initial.map { values in (0..<(steps * values.data.count)).map { _ in 6 * generator.next() - 3 } }
            run.hasGradient = Array(repeating: true, count: steps * count)
            run.learningRates = (0..<steps).map { _ in 0.05 * generator.next() }
            run.betas = [0.5 + 0.45 * generator.next(), 0.9 + 0.0999 * generator.next()]
            run.epsilon = [1e-8, 1e-3, 0.1, 1.0][trial % 4]
            run.weightDecay = 0.5 * generator.next()
            runs.append(run)
        }
        let results = try learner.run("fixed gradients", each: runs.map(\.probeInput))
        for (trial, (run, result)) in zip(runs, results).enumerated() {
            try compare(result, run, "in hidden run \(trial)")
        }
    },
    Check("a parameter without a gradient is left alone, and its bias correction counts only its own steps") { learner in
        var generator = CaseGenerator(state: 1412)
        var run = RandomRun()
        let steps = 12
        run.initial = [ShapedValues(shape: [3], data: [0.5, -1.0, 2.0]), ShapedValues(shape: [2], data: [1.5, -0.25])]
        run.gradients = run.initial.map { values in (0..<(steps * values.data.count)).map { _ in 2 * generator.next() - 1 } }
        // The second parameter gets a gradient only at steps 3, 4, 7, 8, 11 and 12.
        run.hasGradient = (0..<steps).flatMap { step in [true, step % 4 >= 2] }
        run.learningRates = Array(repeating: 0.02, count: steps)
        run.betas = [0.9, 0.99]
        run.epsilon = 1e-8
        run.weightDecay = 0.1
        try compare(try learner.run("fixed gradients", run.probeInput), run, "when parameter 1 sometimes has no gradient")
    },
    Check("hidden schedule settings, with no warm-up, with warm-up all the way to T, and with η_min > 0") { learner in
        let cases = [
            hiddenSchedule(peak: 0.7, minimum: 0.07, warmup: 3, total: 17, count: 25),
            hiddenSchedule(peak: 2e-3, minimum: 0, warmup: 0, total: 9, count: 12),
            hiddenSchedule(peak: 0.1, minimum: 0.01, warmup: 8, total: 8, count: 12),
            hiddenSchedule(peak: 1.3, minimum: 0.2, warmup: 40, total: 1000, count: 1001),
        ]
        let results = try learner.run("schedule", each: cases.map(\.probeInput))
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let rates = try result.numbers("learning rates")
            try expect(rates.count == item.learningRates.count, "Hidden schedule \(trial) returned \(rates.count) learning rates; expected \(item.learningRates.count).")
            for (step, (yours, expected)) in zip(rates, item.learningRates).enumerated() {
                try expectClose(yours, expected, tolerance: 1e-12, "The learning rate of hidden schedule \(trial) at step \(step)")
            }
        }
    },
    Check("on a hidden regression problem, AdamW with the schedule matches, ignores the loss's scale, and decays more than Adam + L2", points: 2) { learner in
        let schedule = hiddenSchedule(peak: 0.03, minimum: 0.002, warmup: 15, total: 200, count: 200)
        let problem = RegressionProblem(seed: 1999, samples: 96, features: 12)
        let results = try learner.run("train regression", each: [1.0, 100.0].map {
            problem.probeInput(schedule: schedule, weightDecay: 0.5, lossScale: $0)
        })
        let yours = try finalWeight(results[0], steps: 200, features: 12), yoursScaled = try finalWeight(results[1], steps: 200, features: 12)
        try expectEachClose(yours, problem.trainWithLibrary(decoupled: true, weightDecay: 0.5, lossScale: 1, learningRates: schedule.learningRates),
                            tolerance: 1e-8, "your final weight on the hidden problem")
        try expectEachClose(yoursScaled, yours, tolerance: 1e-6, "your final weight on 100 × the hidden loss (against the loss itself)")
        let adamL2 = problem.trainWithLibrary(decoupled: false, weightDecay: 0.5, lossScale: 100, learningRates: schedule.learningRates)
        // Measured with the reference solution: a ratio of about 0.80.
        let ratio = norm(yoursScaled) / norm(adamL2)
        try expect(ratio <= 0.9,
                   "On 100 × the hidden loss, your final weight's norm should be at most 0.9 times Adam + L2's; it is \(String(format: "%.2g", ratio)) times. Decay θ by (1 − η·λ) outside the Adam ratio, not by adding λ·θ to the gradient.")
    },
]
