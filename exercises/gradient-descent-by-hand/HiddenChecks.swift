import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

/// The mean squared error of a line and its gradient, written out with plain Doubles,
/// independently of the submission and of LossKit.
private func directLossAndGradient(slope: Double, intercept: Double, xs: [Double], ys: [Double])
    -> (loss: Double, slope: Double, intercept: Double)
{
    var loss = 0.0, dSlope = 0.0, dIntercept = 0.0
    for index in xs.indices {
        let residual = slope * xs[index] + intercept - ys[index]
        loss += residual * residual
        dSlope += 2 * residual * xs[index]
        dIntercept += 2 * residual
    }
    let count = Double(xs.count)
    return (loss / count, dSlope / count, dIntercept / count)
}

/// The least-squares line through the points, from the normal equations.
private func leastSquaresLine(xs: [Double], ys: [Double]) -> (slope: Double, intercept: Double) {
    let count = Double(xs.count)
    let meanX = xs.reduce(0, +) / count, meanY = ys.reduce(0, +) / count
    var covariance = 0.0, variance = 0.0
    for (x, y) in zip(xs, ys) {
        covariance += (x - meanX) * (y - meanY)
        variance += (x - meanX) * (x - meanX)
    }
    let slope = covariance / variance
    return (slope, meanY - slope * meanX)
}

let hiddenChecks: [Check] = [
    Check("random data sets: the loss and the gradient match an independent computation", points: 2) { learner in
        var generator = CaseGenerator(state: 1847)
        var cases: [(slope: Double, intercept: Double, xs: [Double], ys: [Double])] = []
        for trial in 0..<12 {
            let count = 1 + trial * 3
            let xs = (0..<count).map { _ in 8 * generator.next() - 3 }
            let ys = (0..<count).map { _ in 20 * generator.next() - 10 }
            cases.append((6 * generator.next() - 3, 6 * generator.next() - 3, xs, ys))
        }
        let results = try learner.run("loss and gradient", each: cases.map {
            problem(slope: $0.slope, intercept: $0.intercept, xs: $0.xs, ys: $0.ys)
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let yours = try lossAndGradient(result)
            let reference = directLossAndGradient(slope: item.slope, intercept: item.intercept, xs: item.xs, ys: item.ys)
            try expectClose(yours.loss, reference.loss, tolerance: 1e-12, "The loss on hidden data set \(trial)")
            try expectClose(yours.slope, reference.slope, tolerance: 1e-10, "∂MSE/∂slope on hidden data set \(trial)")
            try expectClose(yours.intercept, reference.intercept, tolerance: 1e-10, "∂MSE/∂intercept on hidden data set \(trial)")
        }
    },
    Check("on hidden data, gradient descent follows the expected loss curve and reaches the least-squares line", points: 2) { learner in
        // Points on [0, 5] (not centred, so slope and intercept are coupled and the valley is long).
        var generator = CaseGenerator(state: 1809)
        let xs = (0..<20).map { _ in 5 * generator.next() }
        let ys = xs.map { -1.7 * $0 + 4.2 + (generator.next() - 0.5) }
        let learningRate = 1 / largestCurvature(xs), steps = 1500
        let result = try learner.run("gradient descent", problem(slope: 0, intercept: 0, xs: xs, ys: ys)
            .merging(["learning rate": .number(learningRate), "steps": .integer(steps)]))
        let yours = try descentPath(result, steps: steps)
        var slope = 0.0, intercept = 0.0
        for step in 0..<steps {
            let reference = directLossAndGradient(slope: slope, intercept: intercept, xs: xs, ys: ys)
            try expectClose(yours.losses[step], reference.loss, tolerance: 1e-9, "The loss recorded before step \(step + 1) on hidden data")
            slope -= learningRate * reference.slope
            intercept -= learningRate * reference.intercept
        }
        let best = leastSquaresLine(xs: xs, ys: ys)
        try expectClose(yours.slope, best.slope, tolerance: 1e-7, "The final slope (against the least-squares line)")
        try expectClose(yours.intercept, best.intercept, tolerance: 1e-7, "The final intercept (against the least-squares line)")
    },
]
