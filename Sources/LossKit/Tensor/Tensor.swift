/// A multi-dimensional array of `Double` values that can record the operations applied to it,
/// so that gradients can be computed later with ``backward(createGraph:)``.
///
/// `Tensor` is a class: two variables can refer to the same tensor, exactly like PyTorch tensors.
/// Values are stored in row-major order (the last dimension changes fastest).
///
/// ```swift
/// let weight = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
/// let loss = (weight * 3).sum()
/// loss.backward()
/// weight.grad?.scalars   // [3.0, 3.0, 3.0, 3.0]
/// ```
///
/// ## Automatic differentiation
///
/// LossKit records a graph while it computes, like PyTorch, and walks it backwards on request.
///
/// - **Leaves and non-leaves.** A tensor you create (`Tensor([1, 2], requiresGrad: true)`,
///   `Tensor.randomNormal(…)`) is a *leaf*. The result of an operation is a *non-leaf* when
///   gradients are being recorded and at least one input requires gradients; then it requires
///   gradients too and remembers its inputs. Any other result is a plain leaf with
///   `requiresGrad == false`. ``isLeaf`` tells which is which.
/// - **backward.** `loss.backward()` (for a one-element `loss`) or
///   `output.backward(gradient: g)` computes `∂(final value)/∂t` for every tensor `t` the output
///   depends on, visiting each operation once, after every path into it has delivered its part.
/// - **What keeps a gradient.** Leaves that require gradients add their gradient to ``grad``.
///   Non-leaves pass their gradient on and forget it, unless you called ``retainGrad()`` on them
///   before `backward()`; then their ``grad`` is filled the same way.
/// - **Accumulation.** ``grad`` adds up over calls to `backward()`, in place, as in PyTorch:
///   two losses backpropagated one after the other give the gradient of their sum. Calling
///   `backward()` twice on the same output adds its gradient twice (the graph is kept; there is
///   no `retain_graph` to pass). Call ``zeroGrad()`` before each training step.
/// - **No recording.** Inside ``withoutGradients(_:)`` (PyTorch's `torch.no_grad()`) operations
///   record nothing and return plain leaves, which saves memory and time when evaluating a model.
/// - **Detaching.** ``detached()`` returns the same values as a plain leaf: gradients do not flow
///   through it, so it acts as a constant.
/// - **Updating parameters.** ``subtract(_:scaledBy:)``, ``add(_:scaledBy:)`` and ``update(_:)``
///   change the values of a leaf in place, keeping its identity and its ``grad``, the way
///   `with torch.no_grad(): w -= lr * w.grad` does. They are never recorded. If a recorded
///   operation read the tensor before the change, a later `backward()` through that operation
///   stops with a message instead of silently using the new values.
/// - **Gradients are plain tensors unless asked.** By default they do not require gradients and
///   nothing more is kept. With `backward(createGraph: true)` or
///   ``gradients(of:withRespectTo:gradient:createGraph:)`` the backward pass is recorded, so the
///   gradients can be differentiated again (Hessian-vector products, gradient penalties); see
///   <doc:HigherOrderGradients>.
///
/// ## Reading the API
///
/// - Functions of the values are free functions, so formulas read as on paper:
///   `exp(-x)`, `log1p(x)`, `pow(x, 2)`, `relu(x)`, `softmax(logits, dim: 1)`, `maximum(a, b)`,
///   `clamp(x, min: 0, max: 1)`, `Tensor.where(mask, a, b)`.
/// - Summaries and queries of one tensor are methods: `x.sum()`, `x.mean(dim: 0)`,
///   `x.max(dim: 1)`, `x.argmax(dim: 1)`, `x.variance()`, and so are the autograd controls
///   (`backward()`, `detached()`, `zeroGrad()`).
/// - Elementwise comparisons use Swift's dotted operators (`x .> 0`, `a .== b`) and return
///   masks of 0 and 1; the plain operators keep comparing numbers and returning `Bool`.
/// - Binary operations broadcast shapes like NumPy, and every dimension argument may be
///   negative to count from the end (`dim: -1` is the last dimension).
public final class Tensor {
    /// The size of each dimension. A scalar tensor has the empty shape `[]`.
    public let shape: [Int]

    /// All element values, in row-major order.
    public internal(set) var scalars: [Double]

    /// The gradient accumulated into this tensor by ``backward(createGraph:)``, or `nil` if there is none yet.
    ///
    /// Leaf tensors that require gradients receive a gradient, and so do non-leaf tensors on which
    /// ``retainGrad()`` was called. Gradients add up across calls to ``backward(createGraph:)``; call
    /// ``zeroGrad()`` to start again from nothing.
    ///
    /// You may also assign a gradient yourself, as with PyTorch's `p.grad = …` (to feed an
    /// optimizer known gradients, say); it must have this tensor's shape, and later calls to
    /// ``backward(createGraph:)`` add to it in place.
    public var grad: Tensor? {
        get { storedGrad }
        set {
            if let newValue {
                checkPrecondition(
                    newValue.shape == shape,
                    "grad must have the shape of its tensor: the tensor has shape \(shape), the gradient assigned has shape \(newValue.shape)."
                )
            }
            storedGrad = newValue
        }
    }

    private var storedGrad: Tensor?

    /// Whether ``backward(createGraph:)`` keeps this tensor's gradient in ``grad`` even though it is not a leaf.
    /// Leaves that require gradients always keep theirs; see ``retainGrad()``.
    public internal(set) var retainsGrad = false

    /// How many times the values were changed in place (by ``update(_:)`` and its relatives).
    /// Recorded operations remember it, so that `backward()` can refuse to use changed values.
    var version = 0

    /// The operation that produced this tensor, or `nil` for a leaf tensor created by the user.
    /// Only `deinit` changes it, when taking a graph apart.
    private(set) var gradientFunction: GradientFunction?

    private var storedRequiresGrad: Bool

    /// Creates a tensor from its parts; every public initializer and every operation ends here.
    init(shape: [Int], storage: [Double], requiresGrad: Bool, gradientFunction: GradientFunction?) {
        self.shape = shape
        self.scalars = storage
        self.storedRequiresGrad = requiresGrad
        self.gradientFunction = gradientFunction
    }

    deinit {
        // Releasing the last tensor of a long chain would otherwise release its inputs recursively,
        // one stack frame per operation, and overflow the stack. Instead, take the graph apart here
        // with an explicit worklist: a tensor that nobody else holds gives up its inputs before it goes.
        guard gradientFunction != nil else { return }
        var worklist = takeInputs()
        while var tensor = worklist.popLast() {
            if isKnownUniquelyReferenced(&tensor) {
                worklist.append(contentsOf: tensor.takeInputs())
            }
        }
    }

    /// Removes this tensor's history and returns the tensors it was computed from.
    ///
    /// Only `deinit` uses this, to release long graphs one tensor at a time.
    private func takeInputs() -> [Tensor] {
        let inputs = gradientFunction?.inputs ?? []
        gradientFunction = nil
        return inputs
    }

    /// Creates a tensor with the given shape, every element set to `value`, that records no history.
    convenience init(repeating value: Double, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(shape: shape, storage: Array(repeating: value, count: count),
                  requiresGrad: false, gradientFunction: nil)
    }

    /// Creates a scalar tensor (shape `[]`) holding one value.
    ///
    /// - Parameters:
    ///   - value: The single element.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public convenience init(_ value: Double, requiresGrad: Bool = false) {
        self.init(shape: [], storage: [value], requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Creates a one-dimensional tensor (shape `[values.count]`).
    ///
    /// - Parameters:
    ///   - values: The elements, in order.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public convenience init(_ values: [Double], requiresGrad: Bool = false) {
        self.init(shape: [values.count], storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Creates a two-dimensional tensor (shape `[rows.count, columns]`) from a list of rows.
    ///
    /// Every row must have the same length. An empty list of rows gives shape `[0, 0]`.
    ///
    /// - Parameters:
    ///   - rows: The rows of the matrix, each one a list of the same length.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public convenience init(_ rows: [[Double]], requiresGrad: Bool = false) {
        let columnCount = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            checkPrecondition(
                row.count == columnCount,
                "Tensor rows must all have the same length: row 0 has \(columnCount) values, but row \(index) has \(row.count)."
            )
        }
        self.init(shape: [rows.count, columnCount], storage: rows.flatMap { $0 },
                  requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Creates a tensor of any rank from its shape and its elements in row-major order.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension; `[]` makes a scalar.
    ///   - scalars: The elements in row-major order; as many as the product of `shape`.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public convenience init(shape: [Int], scalars: [Double], requiresGrad: Bool = false) {
        checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension.")
        let expectedCount = shape.reduce(1, *)
        checkPrecondition(
            scalars.count == expectedCount,
            "Tensor(shape: \(shape)) needs \(expectedCount) scalars, but \(scalars.count) were given."
        )
        self.init(shape: shape, storage: scalars, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Whether ``backward(createGraph:)`` computes gradients through this tensor.
    ///
    /// You can only change this on a leaf tensor (one you created yourself, not the result of an operation).
    public var requiresGrad: Bool {
        get { storedRequiresGrad }
        set {
            checkPrecondition(
                isLeaf,
                "requiresGrad can only be changed on a leaf tensor; use detached() to cut a result from its history."
            )
            storedRequiresGrad = newValue
        }
    }

    /// Whether this tensor was created directly rather than computed by an operation on tensors
    /// that require gradients. Only leaf tensors keep a ``grad``.
    public var isLeaf: Bool { gradientFunction == nil }

    /// The number of elements (the product of the shape; 1 for a scalar).
    public var count: Int { scalars.count }

    /// The number of dimensions (0 for a scalar, 1 for a vector, 2 for a matrix).
    public var rank: Int { shape.count }

    /// The value of a tensor that holds exactly one element.
    public var item: Double {
        checkPrecondition(
            scalars.count == 1,
            "item needs a tensor with exactly one element, but this tensor has shape \(shape) (\(scalars.count) elements)."
        )
        return scalars[0]
    }
}

// Tensor deliberately does not conform to ExpressibleByIntegerLiteral or
// ExpressibleByFloatLiteral: with those, everyday code such as `[Double].reduce(0, +)` becomes
// ambiguous as soon as LossLab is imported. Numbers still combine with tensors (`1 - x`,
// `2 * x`) through the operators that take a `Double`, and `Tensor(3)` makes a scalar.

extension Tensor: ExpressibleByArrayLiteral {
    /// Creates a one-dimensional tensor from an array literal, as in `let x: Tensor = [1, 2, 3]`.
    public convenience init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}
