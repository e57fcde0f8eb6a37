import Foundation
import LossLab
import ExerciseTesting

// Hidden checks: their messages say which property failed and how far off, never the expected numbers.

/// `value` rounded to a multiple of 1/64, so that sums and differences of such numbers are exact.
private func onGrid(_ value: Double) -> Double { (value * 64).rounded() / 64 }

let hiddenChecks: [Check] = [
    Check("random residuals: values and gradients match an independent computation, ties at 0 and ±δ included", points: 2) { learner in
        var generator = CaseGenerator(state: 1964)
        var cases: [(loss: String, parameter: Double, prediction: [Double], target: [Double], shape: [Int])] = []
        for trial in 0..<16 {
            let loss = trial % 2 == 0 ? "huber" : "pinball"
            let parameter = loss == "huber" ? onGrid(0.2 + 2 * generator.next()) : 0.05 + 0.9 * generator.next()
            let shape = [1 + trial % 4, 3 + trial % 5]
            let count = shape[0] * shape[1]
            let target = (0..<count).map { _ in onGrid(6 * generator.next() - 3) }
            // Every fifth residual sits exactly on a kink: 0 for pinball; δ, −δ or 0 for Huber.
            let residual = (0..<count).map { index -> Double in
                guard index % 5 == 0 else { return onGrid(8 * generator.next() - 4) }
                return loss == "pinball" ? 0 : [parameter, -parameter, 0][index / 5 % 3]
            }
            cases.append((loss, parameter, zip(residual, target).map { $0 + $1 }, target, shape))
        }
        let results = try learner.run("loss", each: cases.map {
            lossInput($0.loss, $0.parameter, prediction: $0.prediction, target: $0.target, shape: $0.shape)
        })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            let count = Double(item.prediction.count)
            let rs = zip(item.prediction, item.target).map { $0 - $1 }
            let value = item.loss == "huber"
                ? rs.map { Swift.abs($0) <= item.parameter ? 0.5 * $0 * $0 : item.parameter * (Swift.abs($0) - 0.5 * item.parameter) }.reduce(0, +) / count
                : rs.map { Swift.max(-item.parameter * $0, (1 - item.parameter) * $0) }.reduce(0, +) / count
            let slopes = rs.map { r -> Double in
                if item.loss == "huber" { return Swift.min(Swift.max(r, -item.parameter), item.parameter) }
                return r > 0 ? 1 - item.parameter : (r < 0 ? -item.parameter : 0.5 - item.parameter)
            }
            try expectClose(try scalarLoss(result, "The \(item.loss) loss on hidden case \(trial)"), value, tolerance: 1e-12,
                            "The \(item.loss) loss on hidden case \(trial)")
            try expectClose(try gradient(result, "hidden case \(trial)"), slopes.map { $0 / count }, tolerance: 1e-12,
                            "∂\(item.loss)/∂prediction on hidden case \(trial)")
        }
    },
    Check("on a second data set with outliers above the line, Huber (δ = 0.5) beats MSE on held-out points", points: 2) { learner in
        // Measured with the reference solution: the Huber line's held-out error is about a quarter of the MSE line's.
        let data = corruptedLine(seed: 11, slope: -1.5, intercept: 0.5, corrupted: [0, 2, 4, 6, 8, 10, 12], shift: 6)
        let result = try learner.run("fit line", data.fitInput("huber", 0.5))
        let ratio = heldOutError(try predictions(result, data), data) / heldOutError(fitWithMSE(data), data)
        try expect(ratio <= 0.6,
                   "On hidden data with outliers, the line fitted with your Huber loss (δ = 0.5) should have at most 0.6 times the held-out error of the MSE line; it has \(String(format: "%.2g", ratio)) times. Check the linear part: beyond δ each residual pulls with a force of δ.")
    },
    Check("on skewed noise, quantile regression at τ = 0.1 and τ = 0.75 covers about 10% and 75% of held-out points", points: 2) { learner in
        // Exponential noise: the quantiles are not symmetric about the mean, so only the pinball loss finds them.
        let data = wideningBand(seed: 13) { noise in -Foundation.log(Swift.max(noise.uniform.next(), 1e-300)) - 1 }
        let levels = [0.1, 0.75]
        let results = try learner.run("fit line", each: levels.map { data.fitInput("pinball", $0) })
        for (tau, result) in zip(levels, results) {
            let miss = Swift.abs(fractionBelow(try predictions(result, data), data) - tau)
            try expect(miss <= 0.03,
                       "On hidden data, the fraction of held-out points below your τ = \(tau) line is \(String(format: "%.2g", miss)) away from \(tau); it should be within 0.03.")
        }
    },
]
