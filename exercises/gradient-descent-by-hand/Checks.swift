import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.
// The references come from LossKit itself (mseLoss, autograd and SGD), which your code may not
// use: the point is to see your hand-written numbers agree with them.

/// Chapter 1's data: nine points near the line y = 3x − 1.
let chapterXs = stride(from: -2.0, through: 2.0, by: 0.5).map { $0 }
let chapterYs = chapterXs.map { 3 * $0 - 1 + 0.3 * Foundation.sin(7 * $0) }

/// Seven uneven points (Σx ≠ 0), so that both parts of the gradient mix slope and intercept.
let unevenXs = [0.3, 1.1, 1.7, 2.4, 3.9, 4.2, 5.0]
let unevenYs = [1.0, 2.9, 3.2, 5.5, 8.1, 8.0, 10.6]

/// The input of both probes: a line and the points.
func problem(slope: Double, intercept: Double, xs: [Double], ys: [Double]) -> ProbeValues {
    ["slope": .number(slope), "intercept": .number(intercept), "xs": .numbers(xs), "ys": .numbers(ys)]
}

/// The loss and gradient the probe returned, or a failure that says what is wrong with them.
func lossAndGradient(_ result: ProbeValues) throws -> (loss: Double, slope: Double, intercept: Double) {
    let gradient = try result.numbers("gradient")
    try expect(gradient.count == 2, "The gradient should have two parts (∂/∂slope, ∂/∂intercept), but it has \(gradient.count).")
    return (try result.number("loss"), gradient[0], gradient[1])
}

/// The loss of a line by LossKit's `mseLoss`, and its gradient by autograd.
func autograd(slope: Double, intercept: Double, xs: [Double], ys: [Double]) -> (loss: Double, slope: Double, intercept: Double) {
    let w = Tensor(slope, requiresGrad: true), b = Tensor(intercept, requiresGrad: true)
    let loss = mseLoss(w * Tensor(xs) + b, Tensor(ys))
    loss.backward()
    return (loss.item, w.grad?.item ?? .nan, b.grad?.item ?? .nan)
}

/// The same descent run with autograd and LossKit's `SGD`: the final line and the loss before each step.
func descentWithSGD(slope: Double, intercept: Double, xs: [Double], ys: [Double], learningRate: Double, steps: Int)
    -> (slope: Double, intercept: Double, losses: [Double])
{
    let w = Tensor(slope, requiresGrad: true), b = Tensor(intercept, requiresGrad: true)
    let optimizer = SGD([w, b], learningRate: learningRate)
    let inputs = Tensor(xs), targets = Tensor(ys)
    var losses: [Double] = []
    for _ in 0..<steps {
        optimizer.zeroGrad()
        let loss = mseLoss(w * inputs + b, targets)
        losses.append(loss.item)
        loss.backward()
        optimizer.step()
    }
    return (w.item, b.item, losses)
}

/// The largest eigenvalue of the Hessian of the MSE of a line, `H = (2/N)·[[Σx², Σx], [Σx, N]]`:
/// gradient descent on this quadratic converges exactly when the learning rate is below 2/λ_max.
func largestCurvature(_ xs: [Double]) -> Double {
    let count = Double(xs.count)
    let a = 2 * xs.map { $0 * $0 }.reduce(0, +) / count, c = 2 * xs.reduce(0, +) / count, d = 2.0
    return (a + d) / 2 + (((a - d) / 2) * ((a - d) / 2) + c * c).squareRoot()
}

/// The path the probe returned, or a failure that says what is wrong with its shape.
func descentPath(_ result: ProbeValues, steps: Int) throws -> (slope: Double, intercept: Double, losses: [Double]) {
    let losses = try result.numbers("losses")
    try expect(losses.count == steps,
               "gradientDescent returned \(losses.count) losses for \(steps) steps; record the loss of the line once before each step.")
    return (try result.number("slope"), try result.number("intercept"), losses)
}

let checks: [Check] = [
    Check("the loss matches mseLoss for three lines on chapter 1's data") { learner in
        let lines: [(Double, Double)] = [(0.5, 0), (3, -1), (-1, 2)]
        let results = try learner.run("loss and gradient", each: lines.map { problem(slope: $0.0, intercept: $0.1, xs: chapterXs, ys: chapterYs) })
        for ((slope, intercept), result) in zip(lines, results) {
            try expectClose(try lossAndGradient(result).loss, autograd(slope: slope, intercept: intercept, xs: chapterXs, ys: chapterYs).loss,
                            tolerance: 1e-12, "The loss of the line w = \(slope), b = \(intercept)")
        }
    },
    Check("the gradient matches central finite differences of the loss") { learner in
        let lines: [(Double, Double)] = [(0.5, 0), (3, -1), (-1, 2), (2.2, 0.4)]
        let results = try learner.run("loss and gradient", each: lines.map { problem(slope: $0.0, intercept: $0.1, xs: chapterXs, ys: chapterYs) })
        let h = 1e-5
        func loss(_ slope: Double, _ intercept: Double) -> Double {
            autograd(slope: slope, intercept: intercept, xs: chapterXs, ys: chapterYs).loss
        }
        for ((slope, intercept), result) in zip(lines, results) {
            let yours = try lossAndGradient(result)
            try expectClose(yours.slope, (loss(slope + h, intercept) - loss(slope - h, intercept)) / (2 * h), tolerance: 1e-7,
                            "∂MSE/∂slope at w = \(slope), b = \(intercept) (against (L(w + h) − L(w − h)) / 2h)")
            try expectClose(yours.intercept, (loss(slope, intercept + h) - loss(slope, intercept - h)) / (2 * h), tolerance: 1e-7,
                            "∂MSE/∂intercept at w = \(slope), b = \(intercept) (against (L(b + h) − L(b − h)) / 2h)")
        }
    },
    Check("the hand-written gradient equals autograd's to 12 digits", points: 2) { learner in
        let xs = unevenXs, ys = unevenYs
        let lines: [(Double, Double)] = [(0, 0), (1.5, 0.7), (2.1, -0.3)]
        let results = try learner.run("loss and gradient", each: lines.map { problem(slope: $0.0, intercept: $0.1, xs: xs, ys: ys) })
        for ((slope, intercept), result) in zip(lines, results) {
            let yours = try lossAndGradient(result), reference = autograd(slope: slope, intercept: intercept, xs: xs, ys: ys)
            try expectClose(yours.slope, reference.slope, tolerance: 1e-12, "∂MSE/∂slope at w = \(slope), b = \(intercept) (autograd's w.grad)")
            try expectClose(yours.intercept, reference.intercept, tolerance: 1e-12,
                            "∂MSE/∂intercept at w = \(slope), b = \(intercept) (autograd's b.grad)")
        }
    },
    Check("chapter 1's run (80 steps at η = 0.05) and a run on uneven points follow the path of SGD with autograd", points: 2) { learner in
        // Chapter 1's points are symmetric about 0 (Σx = 0), which makes ∂MSE/∂b independent of w;
        // the uneven points couple the two parameters, so the order of the updates matters there.
        let runs: [(name: String, xs: [Double], ys: [Double], learningRate: Double, steps: Int)] = [
            ("chapter 1's data", chapterXs, chapterYs, 0.05, 80),
            ("the uneven points", unevenXs, unevenYs, 0.02, 200),
        ]
        let results = try learner.run("gradient descent", each: runs.map { run in
            problem(slope: 0.5, intercept: 0, xs: run.xs, ys: run.ys)
                .merging(["learning rate": .number(run.learningRate), "steps": .integer(run.steps)])
        })
        for (run, result) in zip(runs, results) {
            let yours = try descentPath(result, steps: run.steps)
            let reference = descentWithSGD(slope: 0.5, intercept: 0, xs: run.xs, ys: run.ys, learningRate: run.learningRate, steps: run.steps)
            for step in 0..<run.steps {
                try expectClose(yours.losses[step], reference.losses[step], tolerance: 1e-10,
                                "On \(run.name), the loss recorded before step \(step + 1)\(step == 0 ? " (the loss of the start)" : "")")
            }
            try expectClose(yours.slope, reference.slope, tolerance: 1e-10, "On \(run.name), the slope after \(run.steps) steps")
            try expectClose(yours.intercept, reference.intercept, tolerance: 1e-10, "On \(run.name), the intercept after \(run.steps) steps")
        }
    },
    Check("with a learning rate 10% above 2/λ_max the loss grows, exactly as SGD's does") { learner in
        // λ_max is the largest eigenvalue of the loss's Hessian (the README explains why 2/λ_max is the limit).
        let learningRate = 1.1 * 2 / largestCurvature(chapterXs)
        let result = try learner.run("gradient descent", problem(slope: 0.5, intercept: 0, xs: chapterXs, ys: chapterYs)
            .merging(["learning rate": .number(learningRate), "steps": .integer(25)]))
        let yours = try descentPath(result, steps: 25)
        let reference = descentWithSGD(slope: 0.5, intercept: 0, xs: chapterXs, ys: chapterYs, learningRate: learningRate, steps: 25)
        try expectClose(yours.losses, reference.losses, tolerance: 1e-9, "The loss curve at learning rate \(learningRate)")
        try expect(yours.losses[24] > 10 * yours.losses[0],
                   "At learning rate \(learningRate) the loss went from \(yours.losses[0]) to \(yours.losses[24]); it should grow.")
        try expectClose(yours.slope, reference.slope, tolerance: 1e-9, "The slope after 25 steps")
        try expectClose(yours.intercept, reference.intercept, tolerance: 1e-9, "The intercept after 25 steps")
    },
]

extension ProbeValues {
    /// These values with `other`'s added (`other` wins on a shared name).
    func merging(_ other: ProbeValues) -> ProbeValues {
        ProbeValues(entries.merging(other.entries) { _, new in new })
    }
}
