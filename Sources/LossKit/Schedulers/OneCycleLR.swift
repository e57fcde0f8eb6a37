import Foundation

/// The one-cycle policy (`OneCycleLR`): the rate rises from `maximum / divisionFactor` to
/// `maximum` over the first `warmupFraction` of `totalSteps`, then falls to
/// `maximum / (divisionFactor · finalDivisionFactor)`, by cosine or linear annealing.
///
/// Reference: Smith & Topin, "Super-Convergence: Very Fast Training of Neural Networks Using
/// Large Learning Rates", 2018.
public final class OneCycleLR: LearningRateSchedule {
    /// How the rate moves within a phase.
    public enum Annealing: Sendable {
        /// Half a cosine wave.
        case cosine
        /// A straight line.
        case linear
    }

    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    private let phases: [(end: Double, start: Double, finish: Double)]
    private let annealing: Annealing
    private let totalSteps: Int
    private var stepNumber = 0

    /// A one-cycle schedule for `optimizer` (its learning rates are replaced).
    public init(
        _ optimizer: any Optimizer, maximum: Double, totalSteps: Int, warmupFraction: Double = 0.3,
        annealing: Annealing = .cosine, divisionFactor: Double = 25, finalDivisionFactor: Double = 1e4
    ) {
        checkPrecondition(totalSteps > 1, "OneCycleLR needs at least 2 total steps, not \(totalSteps).")
        checkPrecondition(warmupFraction > 0 && warmupFraction < 1, "OneCycleLR's warmupFraction must be in (0, 1), not \(warmupFraction).")
        self.optimizer = optimizer
        self.annealing = annealing
        self.totalSteps = totalSteps
        let initial = maximum / divisionFactor
        let final = initial / finalDivisionFactor
        phases = [
            (end: warmupFraction * Double(totalSteps) - 1, start: initial, finish: maximum),
            (end: Double(totalSteps - 1), start: maximum, finish: final),
        ]
        setRate()
    }

    /// Moves to the next step.
    public func step() {
        stepNumber += 1
        checkPrecondition(stepNumber <= totalSteps, "OneCycleLR was stepped \(stepNumber) times, more than its totalSteps (\(totalSteps)).")
        setRate()
    }

    private func setRate() {
        let t = Double(stepNumber)
        var phaseStart = 0.0
        var rate = phases[phases.count - 1].finish
        for (index, phase) in phases.enumerated() {
            if t <= phase.end || index == phases.count - 1 {
                rate = anneal(phase.start, phase.finish, (t - phaseStart) / (phase.end - phaseStart))
                break
            }
            phaseStart = phase.end
        }
        for index in optimizer.parameterGroups.indices { optimizer.parameterGroups[index].learningRate = rate }
    }

    private func anneal(_ start: Double, _ end: Double, _ fraction: Double) -> Double {
        switch annealing {
        case .cosine: return end + (start - end) / 2.0 * (cos(Double.pi * fraction) + 1)
        case .linear: return (end - start) * fraction + start
        }
    }
}
