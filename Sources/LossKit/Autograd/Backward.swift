// The walk backwards: `backward()`, `gradients(withRespectTo:)`, and what a tensor keeps of the
// gradients that reach it (retainGrad, zeroGrad, detached). How operations record the graph that
// this walks is in Autograd.swift.

extension Tensor {
    /// Computes the gradient of this one-element tensor with respect to every leaf tensor
    /// that requires gradients, and adds it to their ``grad``.
    ///
    /// This is the same as `backward(gradient: Tensor(1))`. For a tensor with more than one
    /// element, say which gradient to start from with ``backward(gradient:createGraph:)``.
    /// The rules are listed under "Automatic differentiation" in the documentation of ``Tensor``.
    ///
    /// - Parameter createGraph: Whether to record the backward pass itself, so that the gradients
    ///   left in ``grad`` can be differentiated again (PyTorch's `create_graph=True`). Off by
    ///   default: the gradients are then plain tensors and nothing more is kept. See
    ///   <doc:HigherOrderGradients>.
    public func backward(createGraph: Bool = false) {
        checkPrecondition(
            count == 1,
            "backward() without arguments only works on a tensor with one element, but this one has shape \(shape); pass the gradient of the final value with respect to it: backward(gradient:)."
        )
        backward(gradient: Tensor(repeating: 1, shape: shape), createGraph: createGraph)
    }

    /// Propagates `gradient` (the gradient of some final value with respect to this tensor) back
    /// through the recorded operations, adding the result to the ``grad`` of every leaf tensor
    /// that requires gradients (and of every tensor that called ``retainGrad()``).
    ///
    /// Gradients accumulate: calling this twice adds twice. Other intermediate tensors do not keep
    /// a gradient.
    ///
    /// - Parameters:
    ///   - gradient: A tensor with the same shape as this one: `∂(final value)/∂self`.
    ///   - createGraph: Whether to record the backward pass, so that the gradients left in
    ///     ``grad`` have a history and can be differentiated again. Then the gradients add up out
    ///     of place (`grad = grad + new`), and `gradient` itself may require gradients. A gradient
    ///     that holds a graph keeps the tensors of that graph alive until ``zeroGrad()``.
    public func backward(gradient: Tensor, createGraph: Bool = false) {
        checkPrecondition(
            requiresGrad,
            "backward() was called on a tensor that does not require gradients: create the inputs with requiresGrad: true."
        )
        checkPrecondition(
            gradient.shape == shape,
            "backward(gradient:) needs a gradient with the same shape as the tensor: tensor shape \(shape), gradient shape \(gradient.shape)."
        )
        propagate(gradient, createGraph: createGraph) { tensor, incoming in
            if tensor.gradientFunction == nil || tensor.retainsGrad {
                tensor.accumulateGradient(incoming, createGraph: createGraph)
            }
        }
    }

    /// Walks the recorded graph from this tensor back to the leaves, starting from `gradient`,
    /// and hands every tensor the total gradient that reaches it (`visit`), in reverse
    /// topological order.
    ///
    /// - Parameters:
    ///   - gradient: The gradient of the final value with respect to this tensor.
    ///   - createGraph: Whether the walk is recorded (with each operation's differentiable rule),
    ///     so that the gradients it hands out can be differentiated again. Without it nothing is
    ///     recorded and the fast rules run.
    ///   - boundary: Tensors where the walk stops: they receive their gradient, but it is not
    ///     passed on to what they were computed from.
    ///   - targets: When given, only the gradients that can reach one of these tensors are
    ///     computed (`gradients(of:withRespectTo:)` needs no others).
    ///   - visit: Receives each tensor and the total gradient that reached it.
    func propagate(
        _ gradient: Tensor, createGraph: Bool, boundary: Set<ObjectIdentifier> = [],
        targets: Set<ObjectIdentifier>? = nil,
        visit: (_ tensor: Tensor, _ incoming: Tensor) -> Void
    ) {
        var pending = PendingGradients(recordsSums: createGraph)
        pending.add(createGraph ? gradient : gradient.detached(), for: self)
        let order = topologicalOrder(boundary: boundary)
        let leadsToTarget = targets.map { Self.tensorsLeading(to: $0, in: order) }
        GradientRecording.$isEnabled.withValue(createGraph) {
            for tensor in order.reversed() {
                guard let incoming = pending.take(for: tensor) else { continue }
                visit(tensor, incoming)
                guard let function = tensor.gradientFunction,
                      boundary.isEmpty || !boundary.contains(ObjectIdentifier(tensor)),
                      leadsToTarget?.contains(ObjectIdentifier(tensor)) ?? true
                else { continue }
                for (input, recordedVersion) in zip(function.inputs, function.inputVersions) {
                    checkPrecondition(
                        input.version == recordedVersion,
                        "backward() needs the values that '\(function.operationName)' read, but its input of shape \(input.shape) was changed in place (update, add or subtract) after the operation ran. Compute the loss again after updating parameters, then call backward()."
                    )
                }
                let inputGradients: [Tensor?]
                if createGraph, let differentiableBackward = function.differentiableBackward {
                    inputGradients = differentiableBackward(incoming, function.inputs, tensor)
                } else {
                    inputGradients = function.backward(incoming, function.inputs)
                }
                assert(inputGradients.count == function.inputs.count, "\(function.operationName) returned the wrong number of gradients.")
                for (input, inputGradient) in zip(function.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    assert(inputGradient.shape == input.shape, "\(function.operationName) returned a gradient of the wrong shape.")
                    pending.add(inputGradient, for: input)
                }
            }
        }
    }

    /// The tensors of `order` (inputs before results) from which one of `targets` can be reached
    /// by going back through the inputs, the targets included.
    private static func tensorsLeading(to targets: Set<ObjectIdentifier>, in order: [Tensor]) -> Set<ObjectIdentifier> {
        var leading: Set<ObjectIdentifier> = []
        for tensor in order {
            let identifier = ObjectIdentifier(tensor)
            if targets.contains(identifier)
                || (tensor.gradientFunction?.inputs.contains { leading.contains(ObjectIdentifier($0)) } ?? false) {
                leading.insert(identifier)
            }
        }
        return leading
    }

    /// The gradients of this scalar with respect to `tensors`, returned instead of accumulated:
    /// no tensor's ``grad`` changes (PyTorch's `torch.autograd.grad`). A tensor this one does not
    /// depend on gets a zero gradient. Multi-task methods use it to look at each task's gradient
    /// on the shared parameters.
    ///
    /// The same as ``gradients(of:withRespectTo:gradient:createGraph:)`` with this tensor as `of`.
    ///
    /// - Parameters:
    ///   - tensors: The tensors to differentiate with respect to: leaves or intermediate results.
    ///   - gradient: The gradient of the final value with respect to this tensor, which must be
    ///     given when this tensor has more than one element (`nil`: 1 for a one-element tensor).
    ///   - createGraph: Whether the returned gradients carry a history, so that they can be
    ///     differentiated again (PyTorch's `create_graph=True`). Without it they are constants.
    /// - Returns: One gradient per tensor, with its shape, in the same order.
    public func gradients(withRespectTo tensors: [Tensor], gradient: Tensor? = nil, createGraph: Bool = false) -> [Tensor] {
        let seed: Tensor
        if let gradient {
            checkPrecondition(
                gradient.shape == shape,
                "gradients(of:withRespectTo:gradient:) needs a gradient with the shape of the tensor differentiated: tensor shape \(shape), gradient shape \(gradient.shape)."
            )
            seed = gradient
        } else {
            checkPrecondition(
                count == 1,
                "gradients(of:withRespectTo:) needs a tensor with one element, but this one has shape \(shape); pass the gradient of the final value with respect to it as gradient:."
            )
            seed = Tensor(repeating: 1, shape: shape)
        }
        var found: [ObjectIdentifier: Tensor] = [:]
        let wanted = Set(tensors.map(ObjectIdentifier.init))
        if requiresGrad {
            propagate(seed, createGraph: createGraph, targets: wanted) { tensor, incoming in
                if wanted.contains(ObjectIdentifier(tensor)) { found[ObjectIdentifier(tensor)] = incoming }
            }
        }
        return tensors.map { tensor in
            guard let gradient = found[ObjectIdentifier(tensor)] else { return Tensor(repeating: 0, shape: tensor.shape) }
            // A first-order gradient may be shared between tensors (the gradient of `a + b` is the
            // same for both): give each its own tensor, as `grad` does.
            return gradient.requiresGrad ? gradient : gradient.detached()
        }
    }

    /// Keeps the gradient of this non-leaf tensor in ``grad`` during later calls to ``backward(createGraph:)``,
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

    /// Adds `gradient` to this tensor's ``grad``: in place when there is a plain gradient already
    /// and no graph is being recorded (bumping the gradient tensor's version, in case a recorded
    /// operation read it); out of place, as a recorded sum, when a graph is being recorded or the
    /// gradient there has a history of its own.
    private func accumulateGradient(_ gradient: Tensor, createGraph: Bool) {
        if let existing = grad {
            if createGraph || existing.requiresGrad {
                grad = existing + gradient
            } else {
                existing.addInPlace(gradient.scalars, scaledBy: 1)
                existing.version += 1
            }
        } else {
            grad = gradient.requiresGrad ? gradient : gradient.detached()
        }
    }

    /// Every tensor that requires gradients and that this tensor depends on, this tensor included,
    /// ordered so that each tensor comes after all of its inputs. The search does not go past the
    /// tensors in `boundary`.
    private func topologicalOrder(boundary: Set<ObjectIdentifier>) -> [Tensor] {
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
            if !boundary.isEmpty && boundary.contains(ObjectIdentifier(tensor)) { continue }
            for input in tensor.gradientFunction?.inputs ?? []
            where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}

/// The gradients that have reached each tensor during one walk backwards and not yet been
/// passed on.
///
/// The first gradient to reach a tensor is kept as it is (it may be shared with other tensors, as
/// the gradient of an addition is for both operands). When a second one arrives, their sum goes
/// into a new buffer that this table owns, and later arrivals are added to that buffer in place.
/// When the walk is recorded (`recordsSums`), every sum is a recorded, out-of-place addition
/// instead, so that the total stays differentiable and no recorded tensor changes.
private struct PendingGradients {
    /// Whether sums are recorded additions (when gradients of gradients are wanted).
    let recordsSums: Bool
    private var entries: [ObjectIdentifier: (gradient: Tensor, isOwned: Bool)] = [:]

    init(recordsSums: Bool) {
        self.recordsSums = recordsSums
    }

    /// Adds `gradient` to what has reached `tensor` so far.
    mutating func add(_ gradient: Tensor, for tensor: Tensor) {
        let key = ObjectIdentifier(tensor)
        guard let (earlier, isOwned) = entries[key] else {
            entries[key] = (gradient, false)
            return
        }
        if recordsSums {
            entries[key] = (earlier + gradient, false)
        } else if isOwned {
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
