// Reverse-mode automatic differentiation on a dynamic tape, in the style of PyTorch.
//
// Every operation on tensors that require gradients remembers its inputs and a closure that
// maps the gradient of its result to gradients of its inputs (a `GradientFunction`).
// `backward()` walks that graph from the output back to the leaves in topological order,
// adding up the gradient arriving at each tensor before passing it on.

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
        guard GradientRecording.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
        }
        let function = GradientFunction(operationName: operationName, inputs: inputs, backward: backward)
        return Tensor(shape: shape, storage: scalars, requiresGrad: true, gradientFunction: function)
    }

    /// Computes the gradient of this one-element tensor with respect to every leaf tensor
    /// that requires gradients, and adds it to their ``grad``.
    ///
    /// This is the same as `backward(gradient: Tensor(1))`. For a tensor with more than one
    /// element, say which gradient to start from with ``backward(gradient:)``.
    public func backward() {
        checkPrecondition(
            count == 1,
            "backward() without arguments only works on a tensor with one element, but this one has shape \(shape); pass the gradient of the final value with respect to it: backward(gradient:)."
        )
        backward(gradient: Tensor(repeating: 1, shape: shape))
    }

    /// Propagates `gradient` (the gradient of some final value with respect to this tensor) back
    /// through the recorded operations, adding the result to the ``grad`` of every leaf tensor
    /// that requires gradients.
    ///
    /// Gradients accumulate: calling this twice adds twice. Intermediate (non-leaf) tensors do not keep a gradient.
    ///
    /// - Parameter gradient: A tensor with the same shape as this one.
    public func backward(gradient: Tensor) {
        checkPrecondition(
            requiresGrad,
            "backward() was called on a tensor that does not require gradients: create the inputs with requiresGrad: true."
        )
        checkPrecondition(
            gradient.shape == shape,
            "backward(gradient:) needs a gradient with the same shape as the tensor: tensor shape \(shape), gradient shape \(gradient.shape)."
        )
        var pendingGradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): gradient.detached()]
        GradientRecording.withoutRecording {
            for tensor in topologicalOrder().reversed() {
                guard let incoming = pendingGradients.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
                guard let function = tensor.gradientFunction else {
                    tensor.accumulateGradient(incoming)
                    continue
                }
                let inputGradients = function.backward(incoming, function.inputs)
                assert(inputGradients.count == function.inputs.count, "\(function.operationName) returned the wrong number of gradients.")
                for (input, inputGradient) in zip(function.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    assert(inputGradient.shape == input.shape, "\(function.operationName) returned a gradient of the wrong shape.")
                    let key = ObjectIdentifier(input)
                    if let earlier = pendingGradients[key] {
                        pendingGradients[key] = earlier.adding(inputGradient)
                    } else {
                        pendingGradients[key] = inputGradient
                    }
                }
            }
        }
    }

    /// Forgets the accumulated gradient, setting ``grad`` back to `nil`.
    public func zeroGrad() {
        grad = nil
    }

    /// Returns a new leaf tensor with the same values and no history, which never requires gradients.
    ///
    /// Gradients do not flow through a detached tensor back to the tensors it was computed from.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
    }

    /// Adds `gradient` to this leaf tensor's ``grad``.
    private func accumulateGradient(_ gradient: Tensor) {
        if let existing = grad {
            grad = existing.adding(gradient)
        } else {
            grad = gradient.detached()
        }
    }

    /// The elementwise sum of two tensors with the same shape, without recording history.
    private func adding(_ other: Tensor) -> Tensor {
        let sum = zip(scalars, other.scalars).map { $0 + $1 }
        return Tensor(shape: shape, storage: sum, requiresGrad: false, gradientFunction: nil)
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
