/// Multiplies the learning rate by γ every `stepSize` steps (`torch.optim.lr_scheduler.StepLR`):
/// `η_t = η₀ · γ^⌊t / stepSize⌋`.
public final class StepLR: LearningRateSchedule {
    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    /// Steps between decays.
    public let stepSize: Int
    /// The decay factor γ.
    public let gamma: Double
    private let state: ScheduleState

    /// A step schedule for `optimizer`.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) {
        checkPrecondition(stepSize > 0, "StepLR needs a positive stepSize, not \(stepSize).")
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        state = ScheduleState(optimizer: optimizer)
    }

    /// Moves to the next step.
    public func step() {
        state.lastStep += 1
        guard state.lastStep % stepSize == 0 else { return }
        state.apply(to: optimizer) { _, current in current * gamma }
    }
}

/// Multiplies the learning rate by γ every step (`ExponentialLR`): `η_t = η₀ · γ^t`.
public final class ExponentialLR: LearningRateSchedule {
    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    /// The decay factor γ.
    public let gamma: Double
    private let state: ScheduleState

    /// An exponential schedule for `optimizer`.
    public init(_ optimizer: any Optimizer, gamma: Double) {
        checkPrecondition(gamma > 0, "ExponentialLR needs a positive gamma, not \(gamma).")
        self.optimizer = optimizer
        self.gamma = gamma
        state = ScheduleState(optimizer: optimizer)
    }

    /// Moves to the next step.
    public func step() {
        state.lastStep += 1
        state.apply(to: optimizer) { _, current in current * gamma }
    }
}

/// Raises the learning rate linearly from `startFactor · η₀` to η₀ over `warmupSteps` steps, then
/// keeps it (`LinearLR` with end factor 1): `η_t = η₀ · (s + (1 − s)·min(t, T)/T)`.
///
/// Reference: Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017.
public final class LinearWarmup: LearningRateSchedule {
    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    /// Steps until the full learning rate.
    public let warmupSteps: Int
    /// The fraction of the learning rate at step 0.
    public let startFactor: Double
    private let state: ScheduleState

    /// A linear warm-up for `optimizer`.
    public init(_ optimizer: any Optimizer, warmupSteps: Int, startFactor: Double = 1.0 / 3.0) {
        checkPrecondition(warmupSteps > 0, "LinearWarmup needs a positive number of warm-up steps, not \(warmupSteps).")
        checkPrecondition(startFactor > 0 && startFactor <= 1, "LinearWarmup's startFactor must be in (0, 1], not \(startFactor).")
        self.optimizer = optimizer
        self.warmupSteps = warmupSteps
        self.startFactor = startFactor
        state = ScheduleState(optimizer: optimizer)
        state.apply(to: optimizer) { base, _ in base * startFactor }
    }

    /// Moves to the next step.
    public func step() {
        state.lastStep += 1
        let progress = Double(min(state.lastStep, warmupSteps)) / Double(warmupSteps)
        state.apply(to: optimizer) { base, _ in base * (startFactor + (1 - startFactor) * progress) }
    }
}
