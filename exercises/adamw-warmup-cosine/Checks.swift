import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.
// reference.json holds numbers computed with PyTorch's torch.optim.AdamW in float64.

/// Numbers with their shape, as reference.json stores them.
struct ShapedValues: Decodable {
    let shape: [Int]
    let data: [Double]
}

/// The schedule's learning rates for one setting.
struct ScheduleCase: Decodable {
    let peak: Double, minimum: Double, warmup: Int, total: Int
    let learningRates: [Double]

    enum CodingKeys: String, CodingKey {
        case peak, minimum, warmup, total
        case learningRates = "learning rates"
    }

    /// The input of the "schedule" probe.
    var probeInput: ProbeValues {
        ["peak": .number(peak), "minimum": .number(minimum), "warmup": .integer(warmup), "total": .integer(total),
         "count": .integer(learningRates.count)]
    }

    var settings: String { "η_max = \(peak), η_min = \(minimum), W = \(warmup), T = \(total)" }

    /// A setting with its learning rates.
    init(peak: Double, minimum: Double, warmup: Int, total: Int, learningRates: [Double]) {
        (self.peak, self.minimum, self.warmup, self.total, self.learningRates) = (peak, minimum, warmup, total, learningRates)
    }
}

/// AdamW driven by fixed gradients, one learning rate per step.
struct FixedGradientCase: Decodable {
    let id: String
    let learningRates: [Double]
    let betas: [Double]
    let epsilon: Double
    let weightDecay: Double
    let initial: [String: ShapedValues]
    let gradients: [[String: [Double]]]
    let trajectory: [[String: [Double]]]

    enum CodingKeys: String, CodingKey {
        case id, betas, epsilon, initial, gradients, trajectory
        case learningRates = "learning rates", weightDecay = "weight decay"
    }

    /// The parameters' names, in the order the probe numbers them.
    var names: [String] { initial.keys.sorted() }

    /// The input of the "fixed gradients" probe.
    var probeInput: ProbeValues {
        fixedGradientInput(initial: names.map { initial[$0] ?? ShapedValues(shape: [0], data: []) },
                           gradients: names.map { name in gradients.flatMap { $0[name] ?? [] } },
                           hasGradient: Array(repeating: true, count: learningRates.count * names.count),
                           learningRates: learningRates, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
    }
}

/// AdamW with the warm-up cosine schedule on a small regression problem.
struct RegressionCase: Decodable {
    let inputs: ShapedValues, targets: ShapedValues
    let initial: [String: ShapedValues]
    let schedule: [String: Double]
    let betas: [Double]
    let epsilon: Double
    let weightDecay: Double
    let learningRates: [Double]
    let losses: [Double]
    let trajectory: [[String: [Double]]]

    enum CodingKeys: String, CodingKey {
        case inputs, targets, initial, schedule, betas, epsilon, trajectory, losses
        case learningRates = "learning rates", weightDecay = "weight decay"
    }
}

/// Everything in reference.json.
struct Reference: Decodable {
    let schedules: [ScheduleCase]
    let fixedGradients: [FixedGradientCase]
    let regression: RegressionCase

    enum CodingKeys: String, CodingKey {
        case schedules, regression
        case fixedGradients = "fixed gradients"
    }

    static func load() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: "reference.json")))
    }
}

/// The input of the "fixed gradients" probe: parameter k starts at `initial[k]` and gets, at step
/// t, row t of `gradients[k]` when `hasGradient[t · K + k]` (else no gradient at all).
func fixedGradientInput(initial: [ShapedValues], gradients: [[Double]], hasGradient: [Bool], learningRates: [Double],
                        betas: [Double], epsilon: Double, weightDecay: Double) -> ProbeValues {
    var input: ProbeValues = [
        "parameter count": .integer(initial.count), "has gradient": .numbers(hasGradient.map { $0 ? 1 : 0 }),
        "learning rates": .numbers(learningRates), "betas": .numbers(betas), "epsilon": .number(epsilon),
        "weight decay": .number(weightDecay),
    ]
    for (k, values) in initial.enumerated() {
        input["initial \(k)"] = .tensor(shape: values.shape, scalars: values.data)
        input["gradients \(k)"] = .numbers(gradients[k])
    }
    return input
}

/// Parameter k's values after step t, from the probe's "trajectory k" (shape [steps, size]).
func trajectory(_ result: ProbeValues, parameter k: Int, steps: Int, size: Int) throws -> [[Double]] {
    let (shape, scalars) = try result.shapedNumbers("trajectory \(k)")
    try expect(shape == [steps, size], "The recorded trajectory of parameter \(k) has shape \(shape); expected [\(steps), \(size)].")
    return (0..<steps).map { Array(scalars[($0 * size)..<(($0 + 1) * size)]) }
}

/// The same run with LossKit's own AdamW (trusted here: your code may not use it), for checks
/// without PyTorch numbers.
func libraryFixedGradients(initial: [ShapedValues], gradients: [[Double]], hasGradient: [Bool], learningRates: [Double],
                           betas: [Double], epsilon: Double, weightDecay: Double) -> [[[Double]]] {
    let parameters = initial.map { Tensor(shape: $0.shape, scalars: $0.data, requiresGrad: true) }
    let optimizer = AdamW(parameters, learningRate: learningRates.first ?? 0, betas: (betas[0], betas[1]), epsilon: epsilon,
                          weightDecay: weightDecay)
    var trajectories = Array(repeating: [[Double]](), count: parameters.count)
    for (step, rate) in learningRates.enumerated() {
        optimizer.learningRate = rate
        optimizer.zeroGrad()
        var total: Tensor?
        for (k, parameter) in parameters.enumerated() where hasGradient[step * parameters.count + k] {
            let size = parameter.count
            let term = (parameter * Tensor(shape: parameter.shape, scalars: Array(gradients[k][(step * size)..<((step + 1) * size)]))).sum()
            total = total.map { $0 + term } ?? term
        }
        total?.backward()
        optimizer.step()
        for (k, parameter) in parameters.enumerated() { trajectories[k].append(parameter.scalars) }
    }
    return trajectories
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

/// A regression problem for the training checks: `samples` points with `features` inputs, one
/// target each, and a small random starting weight.
struct RegressionProblem {
    let inputs: ShapedValues, targets: ShapedValues, weight: ShapedValues, bias: ShapedValues

    init(seed: UInt64, samples: Int, features: Int) {
        var noise = NormalNumbers(seed: seed)
        let trueWeight = (0..<features).map { _ in noise.next() }
        let inputs = (0..<(samples * features)).map { _ in noise.next() }
        let targets = (0..<samples).map { row in
            (0..<features).map { inputs[row * features + $0] * trueWeight[$0] }.reduce(0, +) + 0.5 + 0.3 * noise.next()
        }
        self.inputs = ShapedValues(shape: [samples, features], data: inputs)
        self.targets = ShapedValues(shape: [samples, 1], data: targets)
        weight = ShapedValues(shape: [features, 1], data: (0..<features).map { _ in 0.1 * noise.next() })
        bias = ShapedValues(shape: [1], data: [0])
    }

    /// The input of the "train regression" probe.
    func probeInput(schedule: ScheduleCase, weightDecay: Double, lossScale: Double) -> ProbeValues {
        var input = schedule.probeInput
        input.entries.merge([
            "inputs": .tensor(shape: inputs.shape, scalars: inputs.data), "targets": .tensor(shape: targets.shape, scalars: targets.data),
            "initial weight": .tensor(shape: weight.shape, scalars: weight.data), "initial bias": .tensor(shape: bias.shape, scalars: bias.data),
            "betas": .numbers([0.9, 0.999]), "epsilon": .number(1e-8), "weight decay": .number(weightDecay),
            "loss scale": .number(lossScale), "steps": .integer(schedule.learningRates.count),
        ]) { _, new in new }
        return input
    }

    /// The final weight after training here with LossKit's `Adam` (`decoupled: false`: λ·θ is
    /// added to the gradient, Adam + L2) or `AdamW` (`decoupled: true`) at the given learning rates.
    func trainWithLibrary(decoupled: Bool, weightDecay: Double, lossScale: Double, learningRates: [Double]) -> [Double] {
        let w = Tensor(shape: weight.shape, scalars: weight.data, requiresGrad: true)
        let b = Tensor(shape: bias.shape, scalars: bias.data, requiresGrad: true)
        let optimizer: any Optimizer = decoupled
            ? AdamW([w, b], learningRate: learningRates.first ?? 0, weightDecay: weightDecay)
            : Adam([w, b], learningRate: learningRates.first ?? 0, weightDecay: weightDecay)
        let x = Tensor(shape: inputs.shape, scalars: inputs.data), y = Tensor(shape: targets.shape, scalars: targets.data)
        for rate in learningRates {
            optimizer.learningRate = rate
            optimizer.zeroGrad()
            (lossScale * mseLoss(matmul(x, w) + b, y)).backward()
            optimizer.step()
        }
        return w.scalars
    }
}

/// The final weight the "train regression" probe returned.
func finalWeight(_ result: ProbeValues, steps: Int, features: Int) throws -> [Double] {
    let (shape, scalars) = try result.shapedNumbers("weights")
    try expect(shape == [steps, features], "The recorded weights have shape \(shape); expected [\(steps), \(features)].")
    return Array(scalars.suffix(features))
}

/// Fails unless `actual` has as many values as `expected` and each is close to its partner;
/// `what` names the whole (“the bias after step 3”), the message names the element.
func expectEachClose(_ actual: [Double], _ expected: [Double], tolerance: Double, _ what: String) throws {
    try expect(actual.count == expected.count, "\(what.prefix(1).uppercased() + what.dropFirst()) has \(actual.count) values; expected \(expected.count).")
    for index in actual.indices {
        try expectClose(actual[index], expected[index], tolerance: tolerance, "Element \(index) of \(what)")
    }
}

/// The Euclidean norm.
func norm(_ values: [Double]) -> Double { values.map { $0 * $0 }.reduce(0, +).squareRoot() }

let checks: [Check] = [
    Check("the schedule rises linearly from 0 over W steps, follows a half cosine down to η_min at T, then stays there", points: 2) { learner in
        let cases = try Reference.load().schedules
        let results = try learner.run("schedule", each: cases.map(\.probeInput))
        for (item, result) in zip(cases, results) {
            let rates = try result.numbers("learning rates")
            try expect(rates.count == item.learningRates.count, "The probe returned \(rates.count) learning rates; expected \(item.learningRates.count).")
            for (step, (yours, expected)) in zip(rates, item.learningRates).enumerated() {
                try expectClose(yours, expected, tolerance: 1e-12, "The learning rate at step \(step) with \(item.settings)")
            }
        }
    },
    Check("with fixed gradients, every step matches PyTorch's torch.optim.AdamW", points: 2) { learner in
        let cases = try Reference.load().fixedGradients
        let results = try learner.run("fixed gradients", each: cases.map(\.probeInput))
        for (item, result) in zip(cases, results) {
            for (k, name) in item.names.enumerated() {
                let size = item.initial[name]?.data.count ?? 0
                let yours = try trajectory(result, parameter: k, steps: item.learningRates.count, size: size)
                for step in yours.indices {
                    try expectEachClose(yours[step], item.trajectory[step][name] ?? [], tolerance: 1e-10,
                                        "the \(name) parameter after step \(step + 1) in “\(item.id)”")
                }
            }
        }
    },
    Check("a weight whose gradient is 0 shrinks by exactly (1 − η_t·λ) at each step: the decay is decoupled from the gradient") { learner in
        // Adam + L2 would add λ·θ to the gradient, and Adam's normalisation would turn that into a
        // step of about η, whatever λ is.
        let rates = [0.0, 0.02, 0.05, 0.05, 0.04, 0.03, 0.01, 0.005]
        let start = ShapedValues(shape: [3], data: [2.0, -0.5, 0.25])
        let input = fixedGradientInput(initial: [start], gradients: [Array(repeating: 0, count: 3 * rates.count)],
                                       hasGradient: Array(repeating: true, count: rates.count), learningRates: rates,
                                       betas: [0.9, 0.999], epsilon: 1e-8, weightDecay: 0.3)
        let yours = try trajectory(try learner.run("fixed gradients", input), parameter: 0, steps: rates.count, size: 3)
        var factor = 1.0
        for (step, rate) in rates.enumerated() {
            factor *= 1 - rate * 0.3
            try expectEachClose(yours[step], start.data.map { $0 * factor }, tolerance: 1e-12,
                                "the weight after step \(step + 1) with zero gradients and λ = 0.3 (the start times Π(1 − η_t·λ))")
        }
    },
    Check("AdamW with your schedule follows PyTorch on a small regression problem, loss by loss", points: 2) { learner in
        let problem = try Reference.load().regression
        let schedule = problem.schedule
        let input: ProbeValues = [
            "inputs": .tensor(shape: problem.inputs.shape, scalars: problem.inputs.data),
            "targets": .tensor(shape: problem.targets.shape, scalars: problem.targets.data),
            "initial weight": .tensor(shape: problem.initial["weight"]?.shape ?? [], scalars: problem.initial["weight"]?.data ?? []),
            "initial bias": .tensor(shape: problem.initial["bias"]?.shape ?? [], scalars: problem.initial["bias"]?.data ?? []),
            "peak": .number(schedule["peak"] ?? .nan), "minimum": .number(schedule["minimum"] ?? .nan),
            "warmup": .integer(Int(schedule["warmup"] ?? 0)), "total": .integer(Int(schedule["total"] ?? 0)),
            "betas": .numbers(problem.betas), "epsilon": .number(problem.epsilon), "weight decay": .number(problem.weightDecay),
            "loss scale": .number(1), "steps": .integer(problem.losses.count),
        ]
        let result = try learner.run("train regression", input)
        let steps = problem.losses.count
        let rates = try result.numbers("learning rates"), losses = try result.numbers("losses")
        let weights = try result.numbers("weights"), biases = try result.numbers("biases")
        let weightSize = problem.initial["weight"]?.data.count ?? 0, biasSize = problem.initial["bias"]?.data.count ?? 0
        try expect(rates.count == steps && losses.count == steps && weights.count == steps * weightSize && biases.count == steps * biasSize,
                   "The training run returned \(rates.count) learning rates and \(losses.count) losses for \(steps) steps.")
        for step in 0..<steps {
            try expectClose(rates[step], problem.learningRates[step], tolerance: 1e-12, "The learning rate your schedule gave for step \(step)")
            try expectClose(losses[step], problem.losses[step], tolerance: 1e-10, "The loss before step \(step + 1)")
            try expectEachClose(Array(weights[(step * weightSize)..<((step + 1) * weightSize)]), problem.trajectory[step]["weight"] ?? [],
                                tolerance: 1e-10, "the weight after step \(step + 1)")
            try expectEachClose(Array(biases[(step * biasSize)..<((step + 1) * biasSize)]), problem.trajectory[step]["bias"] ?? [],
                                tolerance: 1e-10, "the bias after step \(step + 1)")
        }
    },
    Check("multiplying the loss by 100 leaves AdamW's weights unchanged, and they end smaller than Adam + L2's", points: 2) { learner in
        // Adam's step m̂/(√v̂ + ε) does not change when every gradient is multiplied by 100 (up to ε).
        // AdamW's decay η·λ·θ is outside that ratio, so it does not change either; Adam + L2 puts λ·θ
        // inside the gradient, where the data's 100-times larger gradients drown it.
        let schedule = try Reference.load().schedules[4]
        let problem = RegressionProblem(seed: 2019, samples: 64, features: 8)
        let results = try learner.run("train regression", each: [1.0, 100.0].map {
            problem.probeInput(schedule: schedule, weightDecay: 0.5, lossScale: $0)
        })
        let steps = schedule.learningRates.count
        let yours = try finalWeight(results[0], steps: steps, features: 8), yoursScaled = try finalWeight(results[1], steps: steps, features: 8)
        let adamW = problem.trainWithLibrary(decoupled: true, weightDecay: 0.5, lossScale: 1, learningRates: schedule.learningRates)
        try expectEachClose(yours, adamW, tolerance: 1e-8, "your weight after 300 steps with λ = 0.5 (against LossKit's AdamW)")
        try expectEachClose(yoursScaled, yours, tolerance: 1e-6,
                            "your weight after training on 100 × the loss (against your weight on the loss itself)")
        let adamL2 = problem.trainWithLibrary(decoupled: false, weightDecay: 0.5, lossScale: 100, learningRates: schedule.learningRates)
        // Measured with the reference solution: norms 1.759 (AdamW, on either scale) against 2.330
        // (Adam + L2 on 100 × the loss; 1.955 on the loss itself, 2.335 for Adam without decay).
        try expect(norm(yoursScaled) <= 0.85 * norm(adamL2),
                   "On 100 × the loss, your weight's norm is \(norm(yoursScaled)) and Adam + L2's \(norm(adamL2)); decoupled decay should keep it clearly smaller (at most 0.85 times).")
    },
]
