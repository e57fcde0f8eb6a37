// Multi-task architectures: one model, several outputs named by task.

/// A network with one output per task, named by task.
public protocol MultiTaskModel: Module {
    /// The task names, in the model's fixed order.
    var taskNames: [String] { get }
    /// Each task's output for `input`, by task name.
    func outputs(_ input: Tensor) -> [String: Tensor]
    /// The parameters of the last layer that every task shares (what GradNorm measures and
    /// PCGrad projects); empty when nothing is shared.
    var lastSharedLayerParameters: [Tensor] { get }
    /// The parameters only `task` uses.
    func taskParameters(for task: String) -> [Tensor]
}

/// What one task predicts, for building a head and choosing its loss and metric.
public struct TaskConfiguration: Sendable, Equatable {
    /// The kind of a task.
    public enum Kind: Sendable, Equatable {
        /// `classes` class scores (logits); trained with cross-entropy, measured by accuracy.
        case classification(classes: Int)
        /// `outputs` real values; trained with mean squared error, measured by mean absolute error.
        case regression(outputs: Int)

        /// How many numbers the head outputs per example.
        public var outputCount: Int {
            switch self {
            case .classification(let classes): classes
            case .regression(let outputs): outputs
            }
        }
    }

    /// The task's name.
    public let name: String
    /// What the task predicts.
    public let kind: Kind
    /// The hidden layer sizes of the task's head (empty: one linear layer).
    public let hidden: [Int]

    /// A task `name` of `kind` whose head has `hidden` layers.
    public init(name: String, kind: Kind, hidden: [Int] = []) {
        checkPrecondition(kind.outputCount > 0, "Task '\(name)' needs at least one output.")
        self.name = name
        self.kind = kind
        self.hidden = hidden
    }
}

/// The part of a multi-task network that belongs to one task: a linear layer (or a small MLP) from
/// the shared features to the task's outputs, reshaped to `[N] + outputShape`.
public final class TaskHead: Module {
    /// The layers: a ``Linear`` layer, or an ``MLP`` when there are hidden layers.
    public let network: any Module
    /// The shape of one example's output (`[C]`, or for example `[C, H, W]` for a dense task).
    public let outputShape: [Int]
    /// Whether the module is in training mode.
    public var isTraining = true

    /// A head from `inputs` features to `outputShape` outputs per example, through `hidden` layers.
    public init(inputs: Int, outputShape: [Int], hidden: [Int] = []) {
        let outputs = outputShape.reduce(1, *)
        checkPrecondition(inputs > 0 && outputs > 0 && !outputShape.isEmpty, "TaskHead needs positive sizes, not inputs \(inputs), outputs \(outputShape).")
        network = hidden.isEmpty ? Linear(inputs: inputs, outputs: outputs) : MLP(input: inputs, hidden: hidden, output: outputs)
        self.outputShape = outputShape
    }

    /// A head from `inputs` features to `outputs` values per example, through `hidden` layers.
    public convenience init(inputs: Int, outputs: Int, hidden: [Int] = []) {
        self.init(inputs: inputs, outputShape: [outputs], hidden: hidden)
    }

    /// The task's output, `[N] + outputShape`, for shared features `[N, inputs]`.
    public func forward(_ input: Tensor) -> Tensor {
        let output = network.forward(input)
        return outputShape.count == 1 ? output : output.reshaped([output.shape[0]] + outputShape)
    }

    /// The layers (as one child, `network`).
    public var children: [(name: String, module: any Module)] { [("network", network)] }
    /// The layers' parameters, named `network.…`.
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }
}

/// Hard parameter sharing: one backbone that every task uses, then one head per task.
///
/// `outputs(x)[t] = headₜ(backbone(x))`. Training on all tasks at once makes the backbone learn
/// features that serve every task, which acts as a regulariser (an inductive bias from the other
/// tasks). Parameters come in a fixed order: the backbone's (`backbone.…`), then each head's
/// (`heads.<task>.…`) in the order of ``heads``.
///
/// As a ``Module``, `model(x)` is every task's output flattened per example and joined along
/// dimension 1, `[N, Σ outputs]`; use ``outputs(_:)`` to get them by task.
///
/// - Source: R. Caruana, "Multitask Learning", Machine Learning 28, 1997.
public final class HardParameterSharing: MultiTaskModel {
    /// The shared layers.
    public let backbone: any Module
    /// The task heads, by task name, in order.
    public let heads: [(name: String, module: any Module)]
    /// The task configurations the model was built from (empty when built from modules).
    public let configurations: [TaskConfiguration]
    /// Whether the module is in training mode.
    public var isTraining = true

    /// A model from a shared `backbone` and one head per task (names must differ). With a `seed`,
    /// every parameter is drawn again from `SeededGenerator(seed:)` (see
    /// ``init(inputs:sharedHidden:tasks:seed:)``).
    public init(backbone: any Module, heads: [(name: String, module: any Module)], seed: UInt64? = nil) {
        checkPrecondition(!heads.isEmpty, "HardParameterSharing needs at least one task head.")
        checkPrecondition(Set(heads.map(\.name)).count == heads.count, "HardParameterSharing's task names must differ: \(heads.map(\.name)).")
        self.backbone = backbone
        self.heads = heads
        configurations = []
        if let seed { initializeParameters(namedParameters, seed: seed) }
    }

    /// A model built from task configurations: a backbone of Linear + ReLU layers of sizes
    /// `sharedHidden` from `inputs` features, then a ``TaskHead`` per task. With a `seed`, every
    /// parameter is then drawn again (as `Linear` does, uniform in ±1/√fan-in) from
    /// `SeededGenerator(seed:)`, so the values do not depend on the default generator (which
    /// building the layers still advances) or on whatever else draws from it.
    public init(inputs: Int, sharedHidden: [Int], tasks: [TaskConfiguration], seed: UInt64? = nil) {
        checkPrecondition(!sharedHidden.isEmpty, "HardParameterSharing needs at least one shared hidden layer (sharedHidden is empty).")
        checkPrecondition(!tasks.isEmpty && Set(tasks.map(\.name)).count == tasks.count, "HardParameterSharing needs tasks with different names.")
        var layers: [any Module] = []
        var width = inputs
        for size in sharedHidden {
            layers += [Linear(inputs: width, outputs: size), ReLU()]
            width = size
        }
        backbone = Sequential(layers)
        heads = tasks.map { ($0.name, TaskHead(inputs: width, outputs: $0.kind.outputCount, hidden: $0.hidden)) }
        configurations = tasks
        if let seed { initializeParameters(namedParameters, seed: seed) }
    }

    /// The task names, in order.
    public var taskNames: [String] { heads.map(\.name) }

    /// The shared features for `input`.
    public func features(_ input: Tensor) -> Tensor { backbone.forward(input) }

    /// Each task's output: the backbone runs once, then every head.
    public func outputs(_ input: Tensor) -> [String: Tensor] {
        let shared = backbone.forward(input)
        return Dictionary(uniqueKeysWithValues: heads.map { ($0.name, $0.module.forward(shared)) })
    }

    /// Every task's output, flattened per example and joined: `[N, Σ outputs]`.
    public func forward(_ input: Tensor) -> Tensor {
        let all = outputs(input)
        return concat(taskNames.compactMap { all[$0] }.map { $0.flattened(startDim: 1) }, dim: 1)
    }

    /// The backbone (`backbone`), then the heads (`heads.<task>`).
    public var children: [(name: String, module: any Module)] {
        [("backbone", backbone)] + heads.map { ("heads.\($0.name)", $0.module) }
    }

    /// Every parameter: the backbone's, then each head's.
    public var namedParameters: [(name: String, tensor: Tensor)] { childParameters }

    /// The backbone's parameters (used by every task).
    public var sharedParameters: [Tensor] { backbone.parameters }

    /// The parameters of the backbone's last layer that has any (for a Linear + ReLU stack, the
    /// last Linear layer).
    public var lastSharedLayerParameters: [Tensor] {
        layersWithParameters(backbone).last?.parameters ?? []
    }

    /// The parameters of `task`'s head.
    public func taskParameters(for task: String) -> [Tensor] {
        guard let head = heads.first(where: { $0.name == task }) else {
            fatalError("HardParameterSharing has no task '\(task)'; its tasks are \(taskNames).")
        }
        return head.module.parameters
    }
}

/// The innermost modules of `module` that hold parameters, in order.
func layersWithParameters(_ module: any Module) -> [any Module] {
    if module.children.isEmpty { return module.namedParameters.isEmpty ? [] : [module] }
    return module.children.flatMap { layersWithParameters($0.module) }
}

/// Draws every parameter again, uniform in ±1/√fan-in as `Linear` and `Conv2d` do, from
/// `SeededGenerator(seed:)`. A weight's fan-in is its size over its first dimension; a vector (a
/// bias) uses the fan-in of the weight before it.
func initializeParameters(_ parameters: [(name: String, tensor: Tensor)], seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    var fanIn = 1
    for (_, parameter) in parameters {
        if parameter.rank >= 2, parameter.shape[0] > 0 { fanIn = Swift.max(1, parameter.count / parameter.shape[0]) }
        let bound = 1 / Double(fanIn).squareRoot()
        let values = Tensor.randomUniform(parameter.shape, in: -bound...bound, using: &generator).scalars
        parameter.update { $0 = values }
    }
}
