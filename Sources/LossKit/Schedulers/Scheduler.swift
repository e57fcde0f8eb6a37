// Learning-rate schedules: each changes an optimizer's learning rates once per `step()`.
//
// As in PyTorch, a schedule remembers each group's starting rate, and creating it sets the
// rate for step 0. Call the optimizer's `step()` first, then the schedule's `step()`.

/// Something that sets an optimizer's learning rates as training goes on.
public protocol LearningRateSchedule: AnyObject {
    /// The optimizer whose learning rates change.
    var optimizer: any Optimizer { get }
    /// Moves the schedule forward by one step (usually one epoch).
    func step()
}

extension LearningRateSchedule {
    /// The current learning rate of the first parameter group.
    public var learningRate: Double { optimizer.learningRate }
}

/// The bookkeeping every schedule shares: the starting rates and the step count.
final class ScheduleState {
    let baseRates: [Double]
    var lastStep = 0

    init(optimizer: any Optimizer) {
        baseRates = optimizer.parameterGroups.map(\.learningRate)
    }

    /// Sets each group's rate from its base rate and current rate.
    func apply(to optimizer: any Optimizer, _ rate: (_ base: Double, _ current: Double) -> Double) {
        for index in optimizer.parameterGroups.indices {
            optimizer.parameterGroups[index].learningRate = rate(baseRates[index], optimizer.parameterGroups[index].learningRate)
        }
    }
}
