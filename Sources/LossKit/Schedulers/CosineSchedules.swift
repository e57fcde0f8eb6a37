import Foundation

/// Cosine annealing from η₀ down to `minimum` over `period` steps (`CosineAnnealingLR`):
/// `η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2`, computed step by step as PyTorch does.
///
/// Reference: Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017.
public final class CosineAnnealingLR: LearningRateSchedule {
    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    /// The half-period T in steps.
    public let period: Int
    /// The lowest learning rate η_min.
    public let minimum: Double
    private let state: ScheduleState

    /// A cosine schedule for `optimizer`.
    public init(_ optimizer: any Optimizer, period: Int, minimum: Double = 0) {
        checkPrecondition(period > 0, "CosineAnnealingLR needs a positive period, not \(period).")
        self.optimizer = optimizer
        self.period = period
        self.minimum = minimum
        state = ScheduleState(optimizer: optimizer)
    }

    /// Moves to the next step.
    public func step() {
        state.lastStep += 1
        let t = Double(state.lastStep), tMax = Double(period)
        if (state.lastStep - 1 - period) % (2 * period) == 0 {
            state.apply(to: optimizer) { base, current in current + (base - minimum) * (1 - cos(Double.pi / tMax)) / 2 }
        } else {
            state.apply(to: optimizer) { _, current in
                (1 + cos(Double.pi * t / tMax)) / (1 + cos(Double.pi * (t - 1) / tMax)) * (current - minimum) + minimum
            }
        }
    }
}

/// Cosine annealing that restarts: the first cycle lasts `firstPeriod` steps, each next one
/// `periodMultiplier` times longer (`CosineAnnealingWarmRestarts`):
/// `η = η_min + (η₀ − η_min)(1 + cos(π·t_cur/T_i))/2`.
///
/// Reference: Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017.
public final class CosineAnnealingWarmRestarts: LearningRateSchedule {
    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    /// The length T₀ of the first cycle.
    public let firstPeriod: Int
    /// How much longer each cycle is than the one before.
    public let periodMultiplier: Int
    /// The lowest learning rate η_min.
    public let minimum: Double
    private let state: ScheduleState
    private var stepsInCycle = 0
    private var currentPeriod: Int

    /// A warm-restart schedule for `optimizer`.
    public init(_ optimizer: any Optimizer, firstPeriod: Int, periodMultiplier: Int = 1, minimum: Double = 0) {
        checkPrecondition(firstPeriod > 0, "CosineAnnealingWarmRestarts needs a positive first period, not \(firstPeriod).")
        checkPrecondition(periodMultiplier >= 1, "The period multiplier must be 1 or more, not \(periodMultiplier).")
        self.optimizer = optimizer
        self.firstPeriod = firstPeriod
        self.periodMultiplier = periodMultiplier
        self.minimum = minimum
        currentPeriod = firstPeriod
        state = ScheduleState(optimizer: optimizer)
    }

    /// Moves to the next step.
    public func step() {
        state.lastStep += 1
        stepsInCycle += 1
        if stepsInCycle >= currentPeriod {
            stepsInCycle -= currentPeriod
            currentPeriod *= periodMultiplier
        }
        let fraction = Double(stepsInCycle) / Double(currentPeriod)
        state.apply(to: optimizer) { base, _ in minimum + (base - minimum) * (1 + cos(Double.pi * fraction)) / 2 }
    }
}
