// Reverse-mode automatic differentiation on a dynamic tape, in the style of PyTorch.
//
// Every operation on tensors that require gradients remembers its inputs and a closure that
// maps the gradient of its result to gradients of its inputs (a `GradientFunction`).
// `backward()` walks that graph from the output back to the leaves in topological order,
// adding up the gradient arriving at each tensor before passing it on (Backward.swift).
// This file holds the recording: the gradient functions and how an operation makes its result.
// The rules (leaves, accumulation, retainGrad, no-grad, detach) are listed in the documentation
// of `Tensor`, under "Automatic differentiation".
//
// Gradients of gradients: with `createGraph: true` the walk itself is recorded, so the gradients
// it returns are tensors with a history of their own that can be differentiated again. Every rule
// therefore exists in a form built from recorded operations. Many rules are written that way
// anyway (addition, multiplication, sums, reshapes, and the linear operations whose rule is
// another recorded operation); a fused rule that works on raw arrays for speed comes with a
// second, differentiable rule, used only when a graph is wanted (see `Tensor.result`).

/// How one operation turns the gradient of its result into gradients of its inputs.
struct GradientFunction {
    /// A short name for the operation, such as `"multiply"`, to help when debugging a graph.
    let operationName: String

    /// The tensors the operation read, in the order the `backward` closure answers for them.
    let inputs: [Tensor]

    /// Given the gradient of the result (same shape as the result) and the `inputs`, returns one
    /// gradient per input, each with that input's shape, or `nil` for an input that does not require
    /// gradients.
    ///
    /// The closure receives the inputs as an argument instead of capturing them, so that the graph's
    /// only strong references are in `inputs`; this lets `Tensor.deinit` take a long graph apart
    /// without deep recursion.
    let backward: (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?]

    /// The rule used when the gradients must be differentiable (`createGraph: true`): built from
    /// recorded operations, so that the gradients it returns carry a history. It also receives the
    /// operation's result, for rules written with it (`exp`: `gradient · result`).
    ///
    /// `nil` when ``backward`` is itself built from recorded operations and serves both purposes.
    let differentiableBackward: ((_ gradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?])?

    /// The ``Tensor/version`` of each input when the operation ran.
    let inputVersions: [Int]

    init(
        operationName: String,
        inputs: [Tensor],
        backward: @escaping (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?],
        differentiableBackward: ((_ gradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?])?
    ) {
        self.operationName = operationName
        self.inputs = inputs
        self.backward = backward
        self.differentiableBackward = differentiableBackward
        self.inputVersions = inputs.map(\.version)
    }
}

/// Whether new operations record their history for `backward()`.
enum GradientRecording {
    /// `true` unless the current code runs inside ``withoutRecording(_:)``.
    @TaskLocal static var isEnabled = true

    /// Runs `body` without recording history, like `torch.no_grad()`.
    static func withoutRecording<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isEnabled.withValue(false, operation: body)
    }
}

/// Runs `body` without recording operations for ``Tensor/backward(createGraph:)``, like PyTorch's
/// `with torch.no_grad():`.
///
/// Results computed inside are plain leaf tensors with `requiresGrad == false`, even when their
/// inputs require gradients. Use it to evaluate a model (nothing is kept for a backward pass, which
/// saves memory and time) and around hand-written parameter updates.
///
/// ```swift
/// let validationLoss = withoutGradients { mseLoss(model(inputs), targets) }
/// ```
///
/// The setting belongs to the current task (a `TaskLocal`), so concurrent tasks do not affect each other.
///
/// - Parameter body: The code to run without recording.
/// - Returns: Whatever `body` returns.
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradientRecording.withoutRecording(body)
}

/// Whether operations run now are recorded for ``Tensor/backward(createGraph:)``: `false` inside
/// ``withoutGradients(_:)``, `true` elsewhere (PyTorch's `torch.is_grad_enabled()`).
public var isRecordingGradients: Bool { GradientRecording.isEnabled }

extension Tensor {
    /// Creates the result of an operation whose gradient rule is built from recorded operations,
    /// recording its history when any input requires gradients.
    ///
    /// `backward` must compute the input gradients with tensor operations (`+`, `*`, `sum`,
    /// `broadcast`, other recorded operations), never from raw arrays: run with recording on, it
    /// is then differentiable, and the same rule serves first-order gradients and gradients of
    /// gradients. Rules that compute from raw arrays use
    /// ``result(of:shape:scalars:inputs:backward:differentiableBackward:)`` instead.
    ///
    /// - Parameters:
    ///   - operationName: A short name for the operation, kept for debugging.
    ///   - shape: The shape of the result.
    ///   - scalars: The values of the result, in row-major order.
    ///   - inputs: The tensors the operation read.
    ///   - backward: Maps the gradient of the result and the inputs to one gradient per input
    ///     (see ``GradientFunction``). It must not capture tensors; it receives the inputs instead.
    static func result(
        of operationName: String,
        shape: [Int],
        scalars: [Double],
        inputs: [Tensor],
        backward: @escaping (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?]
    ) -> Tensor {
        record(operationName, shape: shape, scalars: scalars, inputs: inputs, backward: backward, differentiableBackward: nil)
    }

    /// Creates the result of an operation with a fast gradient rule for first-order gradients and a
    /// differentiable one for when a graph of the gradient is wanted.
    ///
    /// - Parameters:
    ///   - operationName: A short name for the operation, kept for debugging.
    ///   - shape: The shape of the result.
    ///   - scalars: The values of the result, in row-major order.
    ///   - inputs: The tensors the operation read.
    ///   - backward: The fast rule, free to compute from raw arrays; its gradients are constants.
    ///   - differentiableBackward: The same gradients built from recorded operations of the
    ///     incoming gradient, the inputs and the result (the third argument), used by
    ///     `backward(createGraph: true)` and `gradients(of:withRespectTo:createGraph: true)`.
    ///     Neither closure may capture tensors.
    static func result(
        of operationName: String,
        shape: [Int],
        scalars: [Double],
        inputs: [Tensor],
        backward: @escaping (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?],
        differentiableBackward: @escaping (_ gradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?]
    ) -> Tensor {
        record(operationName, shape: shape, scalars: scalars, inputs: inputs, backward: backward,
               differentiableBackward: differentiableBackward)
    }

    /// The shared part of both `result` functions.
    private static func record(
        _ operationName: String,
        shape: [Int],
        scalars: [Double],
        inputs: [Tensor],
        backward: @escaping (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?],
        differentiableBackward: ((_ gradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?])?
    ) -> Tensor {
        assert(shape.reduce(1, *) == scalars.count, "\(operationName) made \(scalars.count) values for shape \(shape).")
        guard GradientRecording.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
        }
        let function = GradientFunction(
            operationName: operationName, inputs: inputs, backward: backward, differentiableBackward: differentiableBackward)
        return Tensor(shape: shape, storage: scalars, requiresGrad: true, gradientFunction: function)
    }

    /// A tensor that records no history, made from values computed by an operation or a gradient.
    static func plain(_ scalars: [Double], shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
    }
}
