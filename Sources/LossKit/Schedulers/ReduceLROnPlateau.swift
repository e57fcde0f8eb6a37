/// Lowers the learning rate when a metric stops improving (`ReduceLROnPlateau`): after more than
/// `patience` steps without an improvement by more than `threshold` (relative or absolute), the
/// rate is multiplied by `factor` (not below `minimum`), then `cooldown` steps pass before bad
/// steps count again.
public final class ReduceLROnPlateau {
    /// Whether smaller or larger metric values are better.
    public enum Mode: Sendable {
        /// Smaller is better (a loss).
        case min
        /// Larger is better (an accuracy).
        case max
    }

    /// How the improvement threshold is measured.
    public enum ThresholdMode: Sendable {
        /// `best · (1 ∓ threshold)`.
        case relative
        /// `best ∓ threshold`.
        case absolute
    }

    /// The optimizer whose learning rates change.
    public let optimizer: any Optimizer
    let mode: Mode, factor: Double, patience: Int, threshold: Double, thresholdMode: ThresholdMode
    let cooldown: Int, minimum: Double
    private var best: Double
    private var badSteps = 0
    private var cooldownLeft = 0

    /// A plateau schedule for `optimizer`.
    public init(
        _ optimizer: any Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
        threshold: Double = 1e-4, thresholdMode: ThresholdMode = .relative, cooldown: Int = 0, minimum: Double = 0
    ) {
        checkPrecondition(factor < 1 && factor > 0, "ReduceLROnPlateau's factor must be in (0, 1), not \(factor).")
        checkPrecondition(patience >= 0 && cooldown >= 0, "patience and cooldown must be 0 or more.")
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minimum = minimum
        best = mode == .min ? .infinity : -.infinity
    }

    /// The current learning rate of the first parameter group.
    public var learningRate: Double { optimizer.learningRate }

    /// Takes the metric of the step that just ended.
    public func step(metric: Double) {
        if isBetter(metric) {
            best = metric
            badSteps = 0
        } else {
            badSteps += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badSteps = 0
        }
        if badSteps > patience {
            for index in optimizer.parameterGroups.indices {
                let old = optimizer.parameterGroups[index].learningRate
                let new = Swift.max(old * factor, minimum)
                if old - new > 1e-8 { optimizer.parameterGroups[index].learningRate = new }
            }
            cooldownLeft = cooldown
            badSteps = 0
        }
    }

    private func isBetter(_ value: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .relative): return value < best * (1 - threshold)
        case (.min, .absolute): return value < best - threshold
        case (.max, .relative): return value > best * (threshold + 1)
        case (.max, .absolute): return value > best + threshold
        }
    }
}
