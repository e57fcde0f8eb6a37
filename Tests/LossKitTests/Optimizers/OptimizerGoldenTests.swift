import Foundation
import LossKit
import Testing

/// Optimizer trajectories and learning-rate schedules computed by PyTorch in float64
/// (Fixtures/optimizers.json and schedulers.json, copied from the shared golden data).
@Suite("Optimizers and schedules match PyTorch")
struct OptimizerGoldenTests {
    /// Relative tolerance of the numerical contract.
    static let tolerance = 1e-12

    struct OptimizerCase: Decodable, CustomTestStringConvertible {
        let id: String
        let optimizer: String
        let params: [String: ParameterValue]
        let initial: [Double]
        let gradients: [[Double]]
        let trajectory: [[Double]]
        var testDescription: String { id }
    }

    /// A hyperparameter: a number, a flag, or a pair of betas.
    enum ParameterValue: Decodable {
        case number(Double), flag(Bool), pair([Double])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else { self = .pair(try container.decode([Double].self)) }
        }
    }

    struct ScheduleCase: Decodable, CustomTestStringConvertible {
        let id: String
        let scheduler: String
        let base_lr: Double
        let params: [String: ScheduleParameter]
        let lrs: [Double]
        let metrics: [Double]?
        var testDescription: String { id }
    }

    enum ScheduleParameter: Decodable {
        case number(Double), text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
        var number: Double { if case .number(let value) = self { return value } else { return .nan } }
        var text: String { if case .text(let value) = self { return value } else { return "" } }
    }

    struct CaseFile<Case: Decodable>: Decodable { let cases: [Case] }

    static func load<Case: Decodable>(_ name: String) -> [Case] {
        (try? decodeFixture(name, as: CaseFile<Case>.self))?.cases ?? []
    }

    static let optimizerCases: [OptimizerCase] = load("optimizers")
    static let scheduleCases: [ScheduleCase] = load("schedulers")

    @Test("the fixtures hold every optimizer and schedule of the contract")
    func fixturesComplete() {
        #expect(Self.optimizerCases.count == 18)
        #expect(Self.scheduleCases.count == 8)
    }

    static func makeOptimizer(_ c: OptimizerCase, parameter: Tensor) -> any Optimizer {
        func number(_ key: String, _ fallback: Double) -> Double {
            if case .number(let value)? = c.params[key] { return value }
            return fallback
        }
        func flag(_ key: String) -> Bool {
            if case .flag(let value)? = c.params[key] { return value }
            return false
        }
        func betas(_ fallback: (Double, Double)) -> (Double, Double) {
            if case .pair(let values)? = c.params["betas"] { return (values[0], values[1]) }
            return fallback
        }
        let lr = number("lr", .nan)
        switch c.optimizer {
        case "sgd":
            return SGD([parameter], learningRate: lr, momentum: number("momentum", 0), dampening: number("dampening", 0),
                       nesterov: flag("nesterov"), weightDecay: number("weight_decay", 0))
        case "adam":
            return Adam([parameter], learningRate: lr, betas: betas((0.9, 0.999)), epsilon: number("eps", 1e-8),
                        weightDecay: number("weight_decay", 0), amsgrad: flag("amsgrad"))
        case "adamw":
            return AdamW([parameter], learningRate: lr, betas: betas((0.9, 0.999)), epsilon: number("eps", 1e-8),
                         weightDecay: number("weight_decay", 0.01), amsgrad: flag("amsgrad"))
        case "rmsprop":
            return RMSprop([parameter], learningRate: lr, alpha: number("alpha", 0.99), epsilon: number("eps", 1e-8),
                           weightDecay: number("weight_decay", 0), momentum: number("momentum", 0), centered: flag("centered"))
        case "adagrad":
            return Adagrad([parameter], learningRate: lr, learningRateDecay: number("lr_decay", 0),
                           weightDecay: number("weight_decay", 0), epsilon: number("eps", 1e-10))
        case "adadelta":
            return Adadelta([parameter], learningRate: lr, rho: number("rho", 0.9), epsilon: number("eps", 1e-6),
                            weightDecay: number("weight_decay", 0))
        default:
            return Lion([parameter], learningRate: lr, betas: betas((0.9, 0.99)), weightDecay: number("weight_decay", 0))
        }
    }

    @Test("optimizer trajectories", arguments: optimizerCases)
    func trajectory(_ c: OptimizerCase) {
        let parameter = Tensor(c.initial, requiresGrad: true)
        let optimizer = Self.makeOptimizer(c, parameter: parameter)
        for (step, gradient) in c.gradients.enumerated() {
            parameter.grad = Tensor(gradient)
            optimizer.step()
            for (actual, expected) in zip(parameter.scalars, c.trajectory[step]) {
                let error = abs(actual - expected) / max(abs(expected), 1e-300)
                #expect(error <= Self.tolerance || abs(actual - expected) < 1e-300,
                        "\(c.id) step \(step + 1): \(actual) vs \(expected) (relative error \(error))")
            }
        }
    }

    @Test("learning-rate schedules", arguments: scheduleCases)
    func schedule(_ c: ScheduleCase) {
        let optimizer = SGD([Tensor([0.0], requiresGrad: true)], learningRate: c.base_lr)
        let p = c.params
        var stepSchedule: () -> Void
        switch c.scheduler {
        case "step":
            let schedule = StepLR(optimizer, stepSize: Int(p["step_size"]?.number ?? 1), gamma: p["gamma"]?.number ?? 0.1)
            stepSchedule = schedule.step
        case "exponential":
            stepSchedule = ExponentialLR(optimizer, gamma: p["gamma"]?.number ?? 1).step
        case "cosine":
            stepSchedule = CosineAnnealingLR(optimizer, period: Int(p["T_max"]?.number ?? 1), minimum: p["eta_min"]?.number ?? 0).step
        case "cosine_warm_restarts":
            stepSchedule = CosineAnnealingWarmRestarts(
                optimizer, firstPeriod: Int(p["T_0"]?.number ?? 1), periodMultiplier: Int(p["T_mult"]?.number ?? 1),
                minimum: p["eta_min"]?.number ?? 0).step
        case "one_cycle":
            stepSchedule = OneCycleLR(
                optimizer, maximum: p["max_lr"]?.number ?? .nan, totalSteps: Int(p["total_steps"]?.number ?? 0),
                warmupFraction: p["pct_start"]?.number ?? 0.3,
                annealing: p["anneal_strategy"]?.text == "linear" ? .linear : .cosine,
                divisionFactor: p["div_factor"]?.number ?? 25, finalDivisionFactor: p["final_div_factor"]?.number ?? 1e4).step
        default:
            let plateau = ReduceLROnPlateau(
                optimizer, mode: p["mode"]?.text == "max" ? .max : .min, factor: p["factor"]?.number ?? 0.1,
                patience: Int(p["patience"]?.number ?? 10), threshold: p["threshold"]?.number ?? 1e-4,
                thresholdMode: p["threshold_mode"]?.text == "abs" ? .absolute : .relative,
                cooldown: Int(p["cooldown"]?.number ?? 0), minimum: p["min_lr"]?.number ?? 0)
            var step = 0
            let metrics = c.metrics ?? []
            stepSchedule = {
                plateau.step(metric: metrics[step])
                step += 1
            }
        }
        for (step, expected) in c.lrs.enumerated() {
            let actual = optimizer.learningRate
            let error = abs(actual - expected) / abs(expected)
            #expect(error <= Self.tolerance, "\(c.id) step \(step): \(actual) vs \(expected)")
            if step + 1 < c.lrs.count { stepSchedule() }
        }
    }
}
