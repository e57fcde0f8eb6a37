/// Soft parameter sharing: every task has its own network, and a penalty on the distance between
/// the networks' corresponding parameters keeps them close, so tasks share knowledge without
/// sharing weights.
///
/// `outputs(x)[t] = networkₜ(x)`, and the penalty to add to the training loss is
/// `λ · Σ_{a<b} Σ_k ‖θₐ,ₖ − θ_b,ₖ‖²`, over every pair of networks a < b and every pair of
/// corresponding tied parameters k. λ = 0 gives independent single-task networks; a large λ ties
/// them together (in the limit, one shared trunk). Built from whole networks
/// (``init(networks:sharingStrength:)``), every parameter is tied and the networks must have the
/// same architecture; built from trunks and heads (``init(trunks:heads:sharingStrength:)``), only
/// the trunks are tied, so each task keeps a head of its own shape, as in hard sharing.
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
    /// The modules whose parameters the penalty ties, one per task, in task order.
    public let tiedModules: [any Module]
    /// Whether the module is in training mode.
    public var isTraining = true

    /// One network per task (all with the same parameter shapes), every parameter tied with
    /// strength λ = `sharingStrength`.
    public init(networks: [(name: String, module: any Module)], sharingStrength: Double) {
        Self.checkTasks(networks.map(\.name), sharingStrength: sharingStrength)
        Self.checkSameShapes(networks)
        self.networks = networks
        self.sharingStrength = sharingStrength
        tiedModules = networks.map(\.module)
    }

    /// One trunk and one head per task: task t computes `headₜ(trunkₜ(x))`, and the penalty
    /// (strength λ = `sharingStrength`) ties the trunks only, which must have the same parameter
    /// shapes; the heads may differ. The parameters are named `<task>.trunk.…` and `<task>.head.…`.
    public init(trunks: [(name: String, module: any Module)], heads: [any Module], sharingStrength: Double) {
        Self.checkTasks(trunks.map(\.name), sharingStrength: sharingStrength)
        checkPrecondition(heads.count == trunks.count, "SoftParameterSharing needs one head per trunk: \(trunks.count) trunks, \(heads.count) heads.")
        Self.checkSameShapes(trunks)
        networks = zip(trunks, heads).map { trunk, head in (trunk.name, TrunkAndHead(trunk: trunk.module, head: head) as any Module) }
        self.sharingStrength = sharingStrength
        tiedModules = trunks.map(\.module)
    }

    private static func checkTasks(_ names: [String], sharingStrength: Double) {
        checkPrecondition(!names.isEmpty, "SoftParameterSharing needs at least one network.")
        checkPrecondition(Set(names).count == names.count, "SoftParameterSharing's task names must differ: \(names).")
        checkPrecondition(sharingStrength >= 0, "SoftParameterSharing needs a sharing strength λ ≥ 0, not \(sharingStrength).")
    }

    private static func checkSameShapes(_ networks: [(name: String, module: any Module)]) {
        let shapes = networks.map { $0.module.parameters.map(\.shape) }
        checkPrecondition(shapes.allSatisfy { $0 == shapes[0] },
                          "SoftParameterSharing ties parameters one to one, so it needs networks with the same parameter shapes; got \(zip(networks.map(\.name), shapes).map { "\($0): \($1)" }.joined(separator: "; ")). Give the tasks' own layers as heads: SoftParameterSharing(trunks:heads:sharingStrength:).")
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

    /// The penalty `λ · Σ_{a<b} Σ_k ‖θₐ,ₖ − θ_b,ₖ‖²` on the current tied parameters
    /// (differentiable; zero with a single network).
    public func sharingPenalty() -> Tensor {
        Self.penalty(tiedModules.map(\.parameters), strength: sharingStrength)
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

/// A task's network in soft sharing: its trunk (tied to the other tasks' trunks), then its head.
final class TrunkAndHead: Module {
    let trunk: any Module
    let head: any Module
    var isTraining = true

    init(trunk: any Module, head: any Module) {
        self.trunk = trunk
        self.head = head
    }

    func forward(_ input: Tensor) -> Tensor { head.forward(trunk.forward(input)) }
    var children: [(name: String, module: any Module)] { [("trunk", trunk), ("head", head)] }
    var namedParameters: [(name: String, tensor: Tensor)] { childParameters }
}
