// Gradients of gradients: the public entry point in PyTorch's style (`torch.autograd.grad`), and
// the fallback that fused operations use when a graph of their gradient is wanted.
//
// A fused operation computes its values (and its first-order gradient) from raw arrays in one
// pass, which is fast but records nothing inside. When a caller asks for a differentiable
// gradient, such an operation can rebuild its result from recorded operations (the *composed
// formula*: cross-entropy as log-sum-exp minus the picked logit, say) and hand back the
// gradient of that formula, computed with the graph kept. The values agree with the fast rule to
// rounding; the formula only runs when a graph is wanted.

/// The gradients of `output` with respect to `inputs`, returned instead of accumulated into
/// ``Tensor/grad`` (PyTorch's `torch.autograd.grad`).
///
/// With `createGraph: true` the gradients are themselves tensors with a history: any expression
/// of them can be differentiated again, which gives Hessian-vector products, gradient penalties
/// and other second-order quantities.
///
/// ```swift
/// let w = Tensor([1.0, 2.0], requiresGrad: true)
/// let loss = (w * w * w).sum()                                  // Σ w³
/// let g = gradients(of: loss, withRespectTo: [w], createGraph: true)   // 3w²
/// let v = Tensor([1.0, 0.0])
/// (g[0] * v).sum().backward()                                    // H·v = 6w ⊙ v
/// w.grad?.scalars                                                // [6.0, 0.0]
/// ```
///
/// A tensor `output` does not depend on gets a zero gradient (a constant). With
/// `createGraph: false` (the default) every gradient is a constant, and the backward pass keeps
/// nothing, exactly like ``Tensor/backward(createGraph:)`` without a graph.
///
/// - Parameters:
///   - output: The tensor to differentiate, usually a scalar loss.
///   - inputs: The tensors to differentiate with respect to: leaves (parameters) or
///     intermediate results.
///   - gradient: The gradient of the final value with respect to `output` (PyTorch's
///     `grad_outputs`), with the shape of `output`; required when `output` has more than one
///     element, and 1 by default otherwise. It may itself require gradients.
///   - createGraph: Whether to record the backward pass so that the returned gradients can be
///     differentiated again.
/// - Returns: One gradient per input, with the input's shape, in the order of `inputs`.
public func gradients(
    of output: Tensor, withRespectTo inputs: [Tensor], gradient: Tensor? = nil, createGraph: Bool = false
) -> [Tensor] {
    output.gradients(withRespectTo: inputs, gradient: gradient, createGraph: createGraph)
}

extension Tensor {
    /// The differentiable gradients of a fused operation, from its composed formula.
    ///
    /// Runs `formula` on the operation's own inputs (with recording on, as it is while a graph is
    /// being built), then walks back from the formula's result to those inputs only, with the
    /// graph kept, starting from `gradient`. Use it in a `differentiableBackward` rule when writing
    /// the gradient by hand would repeat the formula's derivation.
    ///
    /// - Parameters:
    ///   - gradient: The gradient reaching the fused operation's result (it may have a history).
    ///   - inputs: The fused operation's inputs.
    ///   - formula: Computes the fused operation's result from `inputs` with recorded operations,
    ///     following the same conventions (at kinks, for ignored entries, …).
    /// - Returns: One gradient per input, `nil` for inputs that do not require gradients.
    static func gradientsThroughFormula(
        _ gradient: Tensor, _ inputs: [Tensor], _ formula: ([Tensor]) -> Tensor
    ) -> [Tensor?] {
        // The formula reads stand-ins (recorded identities of the inputs), so that an input given
        // twice (`cdist(x, x)`) still gets one partial gradient per position, as the fast rule does.
        let (standIns, composed) = GradientRecording.$isEnabled.withValue(true) { () -> ([Tensor], Tensor) in
            let standIns = inputs.map { $0.requiresGrad ? $0.identity() : $0 }
            return (standIns, formula(standIns))
        }
        checkPrecondition(
            composed.shape == gradient.shape,
            "A composed formula made shape \(composed.shape) where its operation's gradient has shape \(gradient.shape)."
        )
        var found: [ObjectIdentifier: Tensor] = [:]
        let boundary = Set(standIns.filter(\.requiresGrad).map(ObjectIdentifier.init))
        if composed.requiresGrad {
            composed.propagate(gradient, createGraph: true, boundary: boundary) { tensor, incoming in
                if boundary.contains(ObjectIdentifier(tensor)) { found[ObjectIdentifier(tensor)] = incoming }
            }
        }
        return standIns.map { standIn in
            standIn.requiresGrad ? found[ObjectIdentifier(standIn)] ?? Tensor(repeating: 0, shape: standIn.shape) : nil
        }
    }

    /// The same values as a new recorded tensor whose gradient passes straight through.
    func identity() -> Tensor {
        Tensor.result(of: "identity", shape: shape, scalars: scalars, inputs: [self]) { gradient, _ in [gradient] }
    }
}
