/// A multi-dimensional array of `Double` values that can record the operations applied to it,
/// so that gradients can be computed later with ``backward()``.
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
public final class Tensor {
    /// The size of each dimension. A scalar tensor has the empty shape `[]`.
    public let shape: [Int]

    /// All element values, in row-major order.
    public internal(set) var scalars: [Double]

    /// The gradient accumulated into this tensor by ``backward()``, or `nil` if there is none yet.
    ///
    /// Only leaf tensors that require gradients receive a gradient. Gradients add up across
    /// calls to ``backward()``; call ``zeroGrad()`` to start again from nothing.
    public internal(set) var grad: Tensor?

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
    ///   - requiresGrad: Whether ``backward()`` should compute a gradient for this tensor.
    public convenience init(_ value: Double, requiresGrad: Bool = false) {
        self.init(shape: [], storage: [value], requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Creates a one-dimensional tensor (shape `[values.count]`).
    ///
    /// - Parameters:
    ///   - values: The elements, in order.
    ///   - requiresGrad: Whether ``backward()`` should compute a gradient for this tensor.
    public convenience init(_ values: [Double], requiresGrad: Bool = false) {
        self.init(shape: [values.count], storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Creates a two-dimensional tensor (shape `[rows.count, columns]`) from a list of rows.
    ///
    /// Every row must have the same length. An empty list of rows gives shape `[0, 0]`.
    ///
    /// - Parameters:
    ///   - rows: The rows of the matrix, each one a list of the same length.
    ///   - requiresGrad: Whether ``backward()`` should compute a gradient for this tensor.
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
    ///   - requiresGrad: Whether ``backward()`` should compute a gradient for this tensor.
    public convenience init(shape: [Int], scalars: [Double], requiresGrad: Bool = false) {
        checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension.")
        let expectedCount = shape.reduce(1, *)
        checkPrecondition(
            scalars.count == expectedCount,
            "Tensor(shape: \(shape)) needs \(expectedCount) scalars, but \(scalars.count) were given."
        )
        self.init(shape: shape, storage: scalars, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Whether ``backward()`` computes gradients through this tensor.
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
