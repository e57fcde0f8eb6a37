// Reverse-mode automatic differentiation on a dynamic tape, in the style of PyTorch.
//
// Every operation on tensors that require gradients remembers its inputs and a closure that
// maps the gradient of its result to gradients of its inputs (a `GradientFunction`).
// `backward()` walks that graph from the output back to the leaves in topological order,
// adding up the gradient arriving at each tensor before passing it on.
// The rules (leaves, accumulation, retainGrad, no-grad, detach) are listed in the documentation
// of `Tensor`, under "Automatic differentiation".

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

    /// The ``Tensor/version`` of each input when the operation ran.
    let inputVersions: [Int]

    init(
        operationName: String,
        inputs: [Tensor],
        backward: @escaping (_ gradient: Tensor, _ inputs: [Tensor]) -> [Tensor?]
    ) {
        self.operationName = operationName
        self.inputs = inputs
        self.backward = backward
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

/// Runs `body` without recording operations for ``Tensor/backward()``, like PyTorch's
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

/// Whether operations run now are recorded for ``Tensor/backward()``: `false` inside
/// ``withoutGradients(_:)``, `true` elsewhere (PyTorch's `torch.is_grad_enabled()`).
public var isRecordingGradients: Bool { GradientRecording.isEnabled }

extension Tensor {
    /// Creates the result of an operation, recording its history when any input requires gradients.
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
        assert(shape.reduce(1, *) == scalars.count, "\(operationName) made \(scalars.count) values for shape \(shape).")
        guard GradientRecording.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
        }
        let function = GradientFunction(operationName: operationName, inputs: inputs, backward: backward)
        return Tensor(shape: shape, storage: scalars, requiresGrad: true, gradientFunction: function)
    }

    /// A tensor that records no history, made from values computed by an operation or a gradient.
    static func plain(_ scalars: [Double], shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
    }

    /// Computes the gradient of this one-element tensor with respect to every leaf tensor
    /// that requires gradients, and adds it to their ``grad``.
    ///
    /// This is the same as `backward(gradient: Tensor(1))`. For a tensor with more than one
    /// element, say which gradient to start from with ``backward(gradient:)``.
    /// The rules are listed under "Automatic differentiation" in the documentation of ``Tensor``.
    public func backward() {
        checkPrecondition(
            count == 1,
            "backward() without arguments only works on a tensor with one element, but this one has shape \(shape); pass the gradient of the final value with respect to it: backward(gradient:)."
        )
        backward(gradient: Tensor(repeating: 1, shape: shape))
    }

    /// Propagates `gradient` (the gradient of some final value with respect to this tensor) back
    /// through the recorded operations, adding the result to the ``grad`` of every leaf tensor
    /// that requires gradients (and of every tensor that called ``retainGrad()``).
    ///
    /// Gradients accumulate: calling this twice adds twice. Other intermediate tensors do not keep
    /// a gradient.
    ///
    /// - Parameter gradient: A tensor with the same shape as this one: `∂(final value)/∂self`.
    public func backward(gradient: Tensor) {
        checkPrecondition(
            requiresGrad,
            "backward() was called on a tensor that does not require gradients: create the inputs with requiresGrad: true."
        )
        checkPrecondition(
            gradient.shape == shape,
            "backward(gradient:) needs a gradient with the same shape as the tensor: tensor shape \(shape), gradient shape \(gradient.shape)."
        )
        propagate(gradient) { tensor, incoming in
            if tensor.gradientFunction == nil || tensor.retainsGrad { tensor.accumulateGradient(incoming) }
        }
    }

    /// Walks the recorded graph from this tensor back to the leaves, starting from `gradient`,
    /// and hands every tensor the total gradient that reaches it (`visit`), in reverse
    /// topological order. Nothing is recorded while walking.
    private func propagate(_ gradient: Tensor, visit: (_ tensor: Tensor, _ incoming: Tensor) -> Void) {
        var pending = PendingGradients()
        pending.add(gradient.detached(), for: self)
        GradientRecording.withoutRecording {
            for tensor in topologicalOrder().reversed() {
                guard let incoming = pending.take(for: tensor) else { continue }
                visit(tensor, incoming)
                guard let function = tensor.gradientFunction else { continue }
                for (input, recordedVersion) in zip(function.inputs, function.inputVersions) {
                    checkPrecondition(
                        input.version == recordedVersion,
                        "backward() needs the values that '\(function.operationName)' read, but its input of shape \(input.shape) was changed in place (update, add or subtract) after the operation ran. Compute the loss again after updating parameters, then call backward()."
                    )
                }
                let inputGradients = function.backward(incoming, function.inputs)
                assert(inputGradients.count == function.inputs.count, "\(function.operationName) returned the wrong number of gradients.")
                for (input, inputGradient) in zip(function.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    assert(inputGradient.shape == input.shape, "\(function.operationName) returned a gradient of the wrong shape.")
                    pending.add(inputGradient, for: input)
                }
            }
        }
    }

    /// The gradients of this scalar with respect to `tensors`, returned instead of accumulated:
    /// no tensor's ``grad`` changes (PyTorch's `torch.autograd.grad`). A tensor this one does not
    /// depend on gets a zero gradient. Multi-task methods use it to look at each task's gradient
    /// on the shared parameters.
    public func gradients(withRespectTo tensors: [Tensor]) -> [Tensor] {
        checkPrecondition(count == 1, "gradients(withRespectTo:) needs a tensor with one element, but this one has shape \(shape).")
        var found: [ObjectIdentifier: Tensor] = [:]
        let wanted = Set(tensors.map(ObjectIdentifier.init))
        if requiresGrad {
            propagate(Tensor(repeating: 1, shape: shape)) { tensor, incoming in
                if wanted.contains(ObjectIdentifier(tensor)) { found[ObjectIdentifier(tensor)] = incoming }
            }
        }
        return tensors.map { found[ObjectIdentifier($0)] ?? Tensor(repeating: 0, shape: $0.shape) }
    }

    /// Keeps the gradient of this non-leaf tensor in ``grad`` during later calls to ``backward()``,
    /// like PyTorch's `retain_grad()`. Useful to look at the gradient of an intermediate result,
    /// such as the logits before a loss.
    ///
    /// On a leaf tensor that requires gradients this changes nothing: leaves keep their gradient anyway.
    public func retainGrad() {
        checkPrecondition(
            requiresGrad,
            "retainGrad() was called on a tensor that does not require gradients, so it will never receive one: compute it from inputs created with requiresGrad: true."
        )
        if !isLeaf {
            retainsGrad = true
        }
    }

    /// Forgets the accumulated gradient, setting ``grad`` back to `nil`.
    public func zeroGrad() {
        grad = nil
    }

    /// Returns a new leaf tensor with the same values and no history, which never requires gradients.
    ///
    /// Gradients do not flow through a detached tensor back to the tensors it was computed from.
    /// The values are shared until one side changes them (copy on write), so detaching is cheap.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
    }

    /// Adds `gradient` to this tensor's ``grad``, in place when there is one already (bumping the
    /// gradient tensor's version, in case a recorded operation read it).
    private func accumulateGradient(_ gradient: Tensor) {
        if let existing = grad {
            existing.addInPlace(gradient.scalars, scaledBy: 1)
            existing.version += 1
        } else {
            grad = gradient.detached()
        }
    }

    /// Every tensor that requires gradients and that this tensor depends on, this tensor included,
    /// ordered so that each tensor comes after all of its inputs.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        // Depth-first search with an explicit stack, so that long chains cannot overflow the call stack.
        // A tensor is pushed once to visit its inputs, then appears again (`inputsDone`) to be emitted.
        var stack: [(tensor: Tensor, inputsDone: Bool)] = [(self, false)]
        while let (tensor, inputsDone) = stack.popLast() {
            if inputsDone {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.gradientFunction?.inputs ?? []
            where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}

/// The gradients that have reached each tensor during one ``Tensor/backward(gradient:)`` and
/// not yet been passed on.
///
/// The first gradient to reach a tensor is kept as it is (it may be shared with other tensors, as
/// the gradient of an addition is for both operands). When a second one arrives, their sum goes
/// into a new buffer that this table owns, and later arrivals are added to that buffer in place.
private struct PendingGradients {
    private var entries: [ObjectIdentifier: (gradient: Tensor, isOwned: Bool)] = [:]

    /// Adds `gradient` to what has reached `tensor` so far.
    mutating func add(_ gradient: Tensor, for tensor: Tensor) {
        let key = ObjectIdentifier(tensor)
        guard let (earlier, isOwned) = entries[key] else {
            entries[key] = (gradient, false)
            return
        }
        if isOwned {
            earlier.addInPlace(gradient.scalars, scaledBy: 1)
        } else {
            let sum = Kernels.map(earlier.scalars, gradient.scalars) { $0 + $1 }
            entries[key] = (Tensor(shape: earlier.shape, storage: sum, requiresGrad: false, gradientFunction: nil), true)
        }
    }

    /// Removes and returns the total gradient that reached `tensor`, if any did.
    mutating func take(for tensor: Tensor) -> Tensor? {
        entries.removeValue(forKey: ObjectIdentifier(tensor))?.gradient
    }
}
