/// Soft parameter sharing: every task has its own network, and a penalty on the distance between
/// the networks' corresponding parameters keeps them close, so tasks share knowledge without
/// sharing weights.
///
/// `outputs(x)[t] = networkₜ(x)`, and the penalty to add to the training loss is
/// `λ · Σ_{a<b} Σ_k ‖θₐ,ₖ − θ_b,ₖ‖²`, over every pair of networks a < b and every pair of
/// corresponding parameters k (the networks must have the same architecture). λ = 0 gives
/// independent single-task networks; a large λ ties them together (in the limit, one network).
///
/// As a ``Module``, `model(x)` is every task's output flattened per example and joined along
/// dimension 1; use ``outputs(_:)`` to get them by task. Nothing is shared, so
/// ``lastSharedLayerParameters`` is empty: use it with weighting strategies that do not need
/// shared parameters (not ``GradNorm``), and add ``sharingPenalty()`` to the loss (for example as
/// a ``MultiTaskTrainer/regularizers`` entry).
///
/// - Source: L. Duong, T. Cohn, S. Bird and P. Cook, "Low Resource Dependency Parsing:
///   Cross-lingual Parameter Sharing in a Neural Network Parser", ACL 2015 (the L2 distance
///   between the parameters of the two parsers).
public final class SoftParameterSharing: MultiTaskModel {
    /// One network per task, by task name, in order.
    public let networks: [(name: String, module: any Module)]
    /// The strength λ ≥ 0 of the penalty.
    public let sharingStrength: Double
    /// Whether the module is in training mode.
    public var isTraining = true

    /// One network per task (all with the same parameter shapes), tied with strength λ = `sharingStrength`.
    public init(networks: [(name: String, module: any Module)], sharingStrength: Double) {
        checkPrecondition(!networks.isEmpty, "SoftParameterSharing needs at least one network.")
        checkPrecondition(Set(networks.map(\.name)).count == networks.count, "SoftParameterSharing's task names must differ: \(networks.map(\.name)).")
        checkPrecondition(sharingStrength >= 0, "SoftParameterSharing needs a sharing strength λ ≥ 0, not \(sharingStrength).")
        let shapes = networks.map { $0.module.parameters.map(\.shape) }
        checkPrecondition(shapes.allSatisfy { $0 == shapes[0] },
                          "SoftParameterSharing needs networks with the same parameter shapes; got \(zip(networks.map(\.name), shapes).map { "\($0): \($1)" }.joined(separator: "; ")).")
        self.networks = networks
        self.sharingStrength = sharingStrength
    }

    /// The task names, in order.
    public var taskNames: [String] { networks.map(\.name) }

    /// Each task's network applied to `input`.
    public func outputs(_ input: Tensor) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: networks.map { ($0.name, $0.module.forward(input)) })
    }

    /// Every task's output, flattened per example and joined: `[N, Σ outputs]`.
    public func forward(_ input: Tensor) -> Tensor {
        concat(networks.map { $0.module.forward(input).flattened(startDim: 1) }, dim: 1)
    }

    /// The networks, named by task.
    public var children: [(name: String, module: any Module)] { networks }

    /// Every network's parameters, in task order (`<task>.…`).
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }

    /// Empty: soft sharing shares no layer.
    public var lastSharedLayerParameters: [Tensor] { [] }

    /// The parameters of `task`'s network.
    public func taskParameters(for task: String) -> [Tensor] {
        guard let network = networks.first(where: { $0.name == task }) else {
            fatalError("SoftParameterSharing has no task '\(task)'; its tasks are \(taskNames).")
        }
        return network.module.parameters
    }

    /// The penalty `λ · Σ_{a<b} Σ_k ‖θₐ,ₖ − θ_b,ₖ‖²` on the current parameters (differentiable;
    /// zero with a single network).
    public func sharingPenalty() -> Tensor {
        Self.penalty(networks.map { $0.module.parameters }, strength: sharingStrength)
    }

    /// The soft-sharing penalty for parameter lists given directly: `parameterSets[a][k]` is
    /// parameter k of network a. `strength · Σ_{a<b} Σ_k ‖θₐ,ₖ − θ_b,ₖ‖²`.
    ///
    /// Example: two networks with parameters `[1, 2]` and `[0, 4]`, λ = 0.5 →
    /// `0.5 · ((1 − 0)² + (2 − 4)²) = 2.5`.
    public static func penalty(_ parameterSets: [[Tensor]], strength: Double) -> Tensor {
        checkPrecondition(strength >= 0, "The sharing strength must be 0 or more, not \(strength).")
        var total = Tensor(0.0)
        for a in parameterSets.indices {
            for b in parameterSets.indices where b > a {
                checkPrecondition(parameterSets[a].count == parameterSets[b].count,
                                  "Soft sharing pairs parameters one to one, but network \(a) has \(parameterSets[a].count) and network \(b) has \(parameterSets[b].count).")
                for (first, second) in zip(parameterSets[a], parameterSets[b]) {
                    checkPrecondition(first.shape == second.shape, "Soft sharing pairs parameters of the same shape, not \(first.shape) and \(second.shape).")
                    let difference = first - second
                    total = total + (difference * difference).sum()
                }
            }
        }
        return strength * total
    }
}
