// Optimizers: each one moves parameters against their gradients by its own rule.
//
// One small protocol, one family per file. Parameters come in groups, each with its own learning
// rate (schedulers change these). A parameter whose `grad` is nil is skipped, as in PyTorch.

/// Parameters that share a learning rate.
public struct ParameterGroup {
    /// The tensors to update (leaves created with `requiresGrad: true`).
    public var parameters: [Tensor]
    /// The learning rate of this group.
    public var learningRate: Double

    /// A group of `parameters` with `learningRate`.
    public init(_ parameters: [Tensor], learningRate: Double) {
        checkPrecondition(learningRate >= 0, "A learning rate must be 0 or more, not \(learningRate).")
        self.parameters = parameters
        self.learningRate = learningRate
    }
}

/// Something that updates parameters from their gradients, one `step()` at a time.
public protocol Optimizer: AnyObject {
    /// The parameters, in groups with their own learning rates.
    var parameterGroups: [ParameterGroup] { get set }

    /// Moves every parameter that has a gradient by one step of the optimizer's rule.
    func step()
}

extension Optimizer {
    /// The learning rate of the first group; setting it sets every group's.
    public var learningRate: Double {
        get { parameterGroups.first?.learningRate ?? 0 }
        set {
            checkPrecondition(newValue >= 0, "A learning rate must be 0 or more, not \(newValue).")
            for index in parameterGroups.indices { parameterGroups[index].learningRate = newValue }
        }
    }

    /// Forgets every parameter's gradient (sets `grad` to nil), ready for the next backward pass.
    public func zeroGrad() {
        for group in parameterGroups {
            for parameter in group.parameters { parameter.zeroGrad() }
        }
    }

    /// Calls `body` for each parameter that has a gradient, with its group's learning rate, the
    /// gradient's values, and the parameter's values to change in place.
    func forEachParameterWithGradient(
        _ body: (_ parameter: Tensor, _ learningRate: Double, _ gradient: [Double], _ values: inout [Double]) -> Void
    ) {
        for group in parameterGroups {
            for parameter in group.parameters {
                guard let gradient = parameter.grad?.scalars else { continue }
                parameter.update { values in body(parameter, group.learningRate, gradient, &values) }
            }
        }
    }
}

/// Per-parameter buffers an optimizer keeps between steps (momentum, running averages, ...).
struct OptimizerState {
    private var buffers: [ObjectIdentifier: [String: [Double]]] = [:]
    private var steps: [ObjectIdentifier: Int] = [:]

    /// Whether `parameter` has a buffer `name` yet.
    func hasBuffer(_ name: String, of parameter: Tensor) -> Bool {
        buffers[ObjectIdentifier(parameter)]?[name] != nil
    }

    /// Removes the buffer `name` of `parameter` and returns it (created with `count` copies of
    /// `initial` on first use), so that the caller holds the only reference and changes it in
    /// place, without the copy that changing a shared array would make; every optimizer puts it
    /// back with ``store(_:as:of:)`` after its update.
    mutating func take(_ name: String, of parameter: Tensor, count: Int, initial: Double = 0) -> [Double] {
        buffers[ObjectIdentifier(parameter)]?.removeValue(forKey: name) ?? Array(repeating: initial, count: count)
    }

    /// Keeps `values` as the buffer `name` of `parameter`.
    mutating func store(_ values: [Double], as name: String, of parameter: Tensor) {
        buffers[ObjectIdentifier(parameter), default: [:]][name] = values
    }

    /// Counts one more step for `parameter` and returns the new count (1 on the first step).
    mutating func nextStep(of parameter: Tensor) -> Int {
        let step = (steps[ObjectIdentifier(parameter)] ?? 0) + 1
        steps[ObjectIdentifier(parameter)] = step
        return step
    }
}
