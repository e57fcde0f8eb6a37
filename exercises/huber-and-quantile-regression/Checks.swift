import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

/// The input of the "loss" probe.
func lossInput(_ loss: String, _ parameter: Double, prediction: [Double], target: [Double], shape: [Int]? = nil) -> ProbeValues {
    ["loss": .text(loss), loss == "huber" ? "delta" : "quantile": .number(parameter),
     "prediction": .tensor(shape: shape ?? [prediction.count], scalars: prediction),
     "target": .tensor(shape: shape ?? [target.count], scalars: target)]
}

/// The loss the probe returned, or a failure that says what is wrong with its shape.
func scalarLoss(_ result: ProbeValues, _ what: String) throws -> Double {
    let (shape, scalars) = try result.shapedNumbers("loss")
    try expect(scalars.count == 1, "\(what) should be a scalar (the mean over all elements), but its shape is \(shape).")
    return scalars[0]
}

/// The gradient the probe returned, or a failure that says why there is none.
func gradient(_ result: ProbeValues, _ what: String) throws -> [Double] {
    _ = try scalarLoss(result, what)
    guard try result.flag("depends on prediction"), result["gradient"] != nil else {
        throw ExpectationFailure("No gradient reached the prediction for \(what): build the loss from tensor operations on prediction − target (abs, clamp, *, +, mean), not from Double values.")
    }
    return try result.numbers("gradient")
}

/// Normal numbers (Box–Muller) from a seeded generator, the same on every machine.
struct NormalNumbers {
    var uniform: CaseGenerator

    init(seed: UInt64) { uniform = CaseGenerator(state: seed) }

    mutating func next() -> Double {
        let u = Swift.max(uniform.next(), 1e-300), v = uniform.next()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}

/// Points on a line with noise: training points, some corrupted by `corruption`, and clean
/// held-out points whose targets stay in this program.
struct LineData {
    var trainingXs: [Double] = [], trainingYs: [Double] = []
    var heldOutXs: [Double] = [], heldOutYs: [Double] = []

    /// The input of the "fit line" probe: the held-out inputs without their targets.
    func fitInput(_ loss: String, _ parameter: Double) -> ProbeValues {
        ["loss": .text(loss), loss == "huber" ? "delta" : "quantile": .number(parameter),
         "training inputs": .numbers(trainingXs), "training targets": .numbers(trainingYs),
         "held-out inputs": .numbers(heldOutXs)]
    }
}

/// Chapter 2's corrupted line: 40 points near y = 2x + 1 (noise 0.3) on [−2, 2], of which six on
/// the right read far too low, and 400 clean held-out points.
func corruptedLine(seed: UInt64, slope: Double = 2, intercept: Double = 1, corrupted: Set<Int> = [29, 31, 33, 35, 37, 39],
                   shift: Double = -8) -> LineData {
    var noise = NormalNumbers(seed: seed)
    var data = LineData()
    for index in 0..<40 {
        let x = -2 + 4 * Double(index) / 39
        data.trainingXs.append(x)
        data.trainingYs.append(slope * x + intercept + 0.3 * noise.next() + (corrupted.contains(index) ? shift : 0))
    }
    for _ in 0..<400 {
        let x = -2 + 4 * noise.uniform.next()
        data.heldOutXs.append(x)
        data.heldOutYs.append(slope * x + intercept + 0.3 * noise.next())
    }
    return data
}

/// Points whose spread grows with x (y = x + 1 + (0.2 + 0.5·x)·noise on [0, 3]): 1000 for
/// training, 4000 held out.
func wideningBand(seed: UInt64, noise shape: (inout NormalNumbers) -> Double = { $0.next() }) -> LineData {
    var noise = NormalNumbers(seed: seed)
    var data = LineData()
    for index in 0..<5000 {
        let x = 3 * noise.uniform.next()
        let y = x + 1 + (0.2 + 0.5 * x) * shape(&noise)
        if index < 1000 {
            data.trainingXs.append(x)
            data.trainingYs.append(y)
        } else {
            data.heldOutXs.append(x)
            data.heldOutYs.append(y)
        }
    }
    return data
}

/// The same fit as the "fit line" probe, made here with LossKit's `mseLoss`: the line's
/// predictions at the held-out inputs.
func fitWithMSE(_ data: LineData) -> [Double] {
    let w = Tensor(0.0, requiresGrad: true), b = Tensor(0.0, requiresGrad: true)
    let optimizer = Adam([w, b], learningRate: 0.05)
    let schedule = CosineAnnealingLR(optimizer, period: 1500)
    let xs = Tensor(data.trainingXs), ys = Tensor(data.trainingYs)
    for _ in 0..<1500 {
        optimizer.zeroGrad()
        mseLoss(w * xs + b, ys).backward()
        optimizer.step()
        schedule.step()
    }
    return data.heldOutXs.map { w.item * $0 + b.item }
}

/// The predictions the probe returned, one per held-out input.
func predictions(_ result: ProbeValues, _ data: LineData) throws -> [Double] {
    let values = try result.numbers("predictions")
    try expect(values.count == data.heldOutXs.count,
               "The fitted line returned \(values.count) predictions for \(data.heldOutXs.count) held-out points.")
    return values
}

/// The mean absolute error of `predictions` against the held-out targets.
func heldOutError(_ predictions: [Double], _ data: LineData) -> Double {
    zip(predictions, data.heldOutYs).map { Swift.abs($0 - $1) }.reduce(0, +) / Double(predictions.count)
}

/// The fraction of held-out targets below `predictions`.
func fractionBelow(_ predictions: [Double], _ data: LineData) -> Double {
    Double(zip(predictions, data.heldOutYs).filter { $1 < $0 }.count) / Double(predictions.count)
}

/// The Huber loss of one residual.
func huberOf(_ r: Double, delta: Double) -> Double {
    Swift.abs(r) <= delta ? 0.5 * r * r : delta * (Swift.abs(r) - 0.5 * delta)
}

/// The pinball loss of one residual.
func pinballOf(_ r: Double, quantile: Double) -> Double {
    r > 0 ? (1 - quantile) * r : -quantile * r
}

/// Residuals with every special case: exactly 0, exactly ±δ (for δ = 0.5, 1 and 2), and both sides.
let residuals = [-3.0, -2.0, -1.0, -0.5, -0.2, 0.0, 0.3, 0.5, 1.0, 1.7, 2.0, 4.5]
let targets = [0.5, -1.0, 2.0, 0.0, 1.5, -2.5, 0.25, 3.0, -0.75, 1.0, 0.0, -4.0]

let checks: [Check] = [
    Check("the Huber loss matches its definition for δ = 0.5, 1 and 2, residuals at ±δ and 0 included") { learner in
        let deltas = [0.5, 1.0, 2.0]
        let results = try learner.run("loss", each: deltas.map { delta in
            lossInput("huber", delta, prediction: zip(residuals, targets).map { $0 + $1 }, target: targets, shape: [3, 4])
        })
        for (delta, result) in zip(deltas, results) {
            let expected = residuals.map { huberOf($0, delta: delta) }.reduce(0, +) / Double(residuals.count)
            try expectClose(try scalarLoss(result, "The Huber loss with δ = \(delta)"), expected, tolerance: 1e-12, "The Huber loss with δ = \(delta)")
        }
    },
    Check("the Huber gradient is the residual clipped to [−δ, δ], divided by N") { learner in
        let deltas = [0.5, 1.0, 2.0]
        let results = try learner.run("loss", each: deltas.map { delta in
            lossInput("huber", delta, prediction: zip(residuals, targets).map { $0 + $1 }, target: targets)
        })
        for (delta, result) in zip(deltas, results) {
            let yours = try gradient(result, "the Huber loss with δ = \(delta)")
            try expect(yours.count == residuals.count, "The Huber gradient has \(yours.count) elements for \(residuals.count) predictions.")
            for (index, r) in residuals.enumerated() {
                try expectClose(yours[index], Swift.min(Swift.max(r, -delta), delta) / Double(residuals.count), tolerance: 1e-12,
                                "∂Huber/∂prediction[\(index)] at residual \(r) with δ = \(delta)")
            }
        }
    },
    Check("the pinball loss matches its definition for τ = 0.1, 0.5 and 0.9") { learner in
        let levels = [0.1, 0.5, 0.9]
        let results = try learner.run("loss", each: levels.map { tau in
            lossInput("pinball", tau, prediction: zip(residuals, targets).map { $0 + $1 }, target: targets, shape: [2, 6])
        })
        for (tau, result) in zip(levels, results) {
            let expected = residuals.map { pinballOf($0, quantile: tau) }.reduce(0, +) / Double(residuals.count)
            try expectClose(try scalarLoss(result, "The pinball loss with τ = \(tau)"), expected, tolerance: 1e-12, "The pinball loss with τ = \(tau)")
        }
    },
    Check("the pinball gradient is 1 − τ above, −τ below, and ½ − τ at a residual of exactly 0 (divided by N)", points: 2) { learner in
        let levels = [0.1, 0.5, 0.9, 0.3]
        let results = try learner.run("loss", each: levels.map { tau in
            lossInput("pinball", tau, prediction: zip(residuals, targets).map { $0 + $1 }, target: targets)
        })
        for (tau, result) in zip(levels, results) {
            let yours = try gradient(result, "the pinball loss with τ = \(tau)")
            try expect(yours.count == residuals.count, "The pinball gradient has \(yours.count) elements for \(residuals.count) predictions.")
            for (index, r) in residuals.enumerated() {
                let slope = r > 0 ? 1 - tau : (r < 0 ? -tau : 0.5 - tau)
                try expectClose(yours[index], slope / Double(residuals.count), tolerance: 1e-12,
                                "∂pinball/∂prediction[\(index)] at residual \(r) with τ = \(tau)")
            }
        }
    },
    Check("limits: a δ above every residual gives ½·MSE, a tiny δ gives δ·MAE, and τ = 0.5 gives ½·MAE") { learner in
        let prediction = zip(residuals, targets).map { $0 + $1 }
        let results = try learner.run("loss", each: [
            lossInput("huber", 10, prediction: prediction, target: targets),
            lossInput("huber", 1e-6, prediction: prediction, target: targets),
            lossInput("pinball", 0.5, prediction: prediction, target: targets),
        ])
        let mse = mseLoss(Tensor(prediction), Tensor(targets)).item, mae = l1Loss(Tensor(prediction), Tensor(targets)).item
        try expectClose(try scalarLoss(results[0], "The Huber loss with δ = 10"), mse / 2, tolerance: 1e-12,
                        "The Huber loss with δ = 10 (every residual inside δ: half the mean squared error)")
        try expectClose(try scalarLoss(results[1], "The Huber loss with δ = 1e-6") / 1e-6, mae, tolerance: 1e-6,
                        "The Huber loss with δ = 1e-6, divided by δ (every residual but the zero one outside δ: nearly the mean absolute error)")
        try expectClose(try scalarLoss(results[2], "The pinball loss with τ = 0.5"), mae / 2, tolerance: 1e-12,
                        "The pinball loss with τ = 0.5 (half the mean absolute error)")
    },
    Check("a line fitted with Huber (δ = 1) is pulled less by six corrupted points than one fitted with MSE", points: 2) { learner in
        // The probe fits the line on the 40 training points and returns its predictions at 400
        // clean held-out inputs; their targets never leave this program. The MSE line is fitted
        // here, the same way. Measured with the reference solution: mean |error| on the held-out
        // points 0.428 (Huber) against 1.595 (MSE).
        let data = corruptedLine(seed: 2)
        let result = try learner.run("fit line", data.fitInput("huber", 1))
        let huberError = heldOutError(try predictions(result, data), data)
        let mseError = heldOutError(fitWithMSE(data), data)
        try expect(huberError <= 0.6 * mseError,
                   "On clean held-out points, the line fitted with your Huber loss is off by \(huberError) on average and the MSE line by \(mseError); Huber should do clearly better (at most 0.6 times MSE's error). Check that a residual beyond δ pulls with a force of only δ.")
    },
    Check("quantile regression at τ = 0.9 puts about 90% of held-out points below the line", points: 2) { learner in
        // 1000 training points whose spread grows with x; the fraction is measured on 4000
        // held-out points, whose targets never leave this program. Measured with the reference
        // solution: 0.905 (an MSE line: 0.503).
        let data = wideningBand(seed: 5)
        let result = try learner.run("fit line", data.fitInput("pinball", 0.9))
        let fraction = fractionBelow(try predictions(result, data), data)
        try expect(Swift.abs(fraction - 0.9) <= 0.03,
                   "The line fitted with your pinball loss at τ = 0.9 has \(fraction) of the held-out points below it; it should be within 0.03 of 0.9. Check which side of the residual gets τ: a prediction that is too low (r < 0) must cost τ·|r|.")
    },
]
