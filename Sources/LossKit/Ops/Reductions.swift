// Reductions: adding up (or averaging) elements, over the whole tensor or along some dimensions.
//
// The gradient of a sum sends the incoming gradient unchanged to every element that was added,
// which is a broadcast back to the input's shape.

extension Tensor {
    /// Adds up all elements, giving a scalar tensor (shape `[]`).
    ///
    /// `sum(x) = Σᵢ xᵢ`, added pairwise like NumPy for accuracy. The sum of no elements is 0.
    public func sum() -> Tensor {
        let originalShape = shape
        let total = scalars.withUnsafeBufferPointer { Kernels.pairwiseSum($0) }
        return Tensor.result(of: "sum", shape: [], scalars: [total], inputs: [self]) { gradient, _ in
            [gradient.broadcast(to: originalShape)]
        }
    }

    /// Averages all elements, giving a scalar tensor (shape `[]`). The mean of no elements is NaN.
    ///
    /// `mean(x) = (Σᵢ xᵢ) / n`
    public func mean() -> Tensor {
        sum() / Double(count)
    }

    /// Adds up the elements along one dimension.
    ///
    /// For a matrix of shape `[2, 3]`, `sum(dim: 0)` adds the rows (shape `[3]`) and
    /// `sum(dim: 1)` adds the columns (shape `[2]`).
    ///
    /// - Parameters:
    ///   - dim: The dimension to add along. Negative values count from the end: `-1` is the last dimension.
    ///   - keepDims: If `true`, the summed dimension stays in the shape with size 1 (`[2, 3]` → `[1, 3]`),
    ///     which makes the result broadcast against the original tensor.
    /// - Returns: A tensor with the summed dimension removed (or set to 1 when `keepDims` is `true`).
    public func sum(dim: Int, keepDims: Bool = false) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: "sum")
        return summed(over: [dimension], keepDims: keepDims, operationName: "sum along dimension")
    }

    /// Adds up the elements along several dimensions at once.
    ///
    /// For a tensor of shape `[2, 3, 4]`, `sum(dims: [0, 2])` has shape `[3]`.
    ///
    /// - Parameters:
    ///   - dims: The dimensions to add along, in any order, each at most once. Negative values count from the end.
    ///   - keepDims: If `true`, the summed dimensions stay in the shape with size 1.
    /// - Returns: A tensor without the summed dimensions (or with size 1 there when `keepDims` is `true`).
    public func sum(dims: [Int], keepDims: Bool = false) -> Tensor {
        let dimensions = normalizedDimensions(dims, operationName: "sum")
        return summed(over: dimensions, keepDims: keepDims, operationName: "sum along dimensions")
    }

    /// Averages the elements along one dimension.
    ///
    /// `mean(x, dim) = sum(x, dim) / shape[dim]`
    ///
    /// - Parameters:
    ///   - dim: The dimension to average along. Negative values count from the end: `-1` is the last dimension.
    ///   - keepDims: If `true`, the averaged dimension stays in the shape with size 1.
    /// - Returns: A tensor with the averaged dimension removed (or set to 1 when `keepDims` is `true`).
    public func mean(dim: Int, keepDims: Bool = false) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: "mean")
        return sum(dim: dimension, keepDims: keepDims) / Double(shape[dimension])
    }

    /// Averages the elements along several dimensions at once.
    ///
    /// `mean(x, dims) = sum(x, dims) / (product of shape[d] for d in dims)`
    ///
    /// - Parameters:
    ///   - dims: The dimensions to average along, each at most once. Negative values count from the end.
    ///   - keepDims: If `true`, the averaged dimensions stay in the shape with size 1.
    /// - Returns: A tensor without the averaged dimensions (or with size 1 there when `keepDims` is `true`).
    public func mean(dims: [Int], keepDims: Bool = false) -> Tensor {
        let dimensions = normalizedDimensions(dims, operationName: "mean")
        let averagedCount = dimensions.reduce(1) { $0 * shape[$1] }
        return summed(over: dimensions, keepDims: keepDims, operationName: "sum along dimensions") / Double(averagedCount)
    }

    /// Adds up the elements along the given (valid, distinct) dimensions.
    private func summed(over dimensions: [Int], keepDims: Bool, operationName: String) -> Tensor {
        var keptShape = shape
        for dimension in dimensions {
            keptShape[dimension] = 1
        }
        let reducedShape = shape.indices.filter { !dimensions.contains($0) }.map { shape[$0] }
        let originalShape = shape
        return Tensor.result(
            of: operationName,
            shape: keepDims ? keptShape : reducedShape,
            scalars: Kernels.sum(scalars, shape: shape, toShape: keptShape),
            inputs: [self]
        ) { gradient, _ in
            [gradient.reshaped(to: keptShape).broadcast(to: originalShape)]
        }
    }

    /// Turns a possibly negative dimension into an index into ``shape``, stopping with a clear
    /// message if it is out of range.
    func normalizedDimension(_ dim: Int, operationName: String) -> Int {
        checkPrecondition(
            rank > 0,
            "\(operationName)(dim:) needs a tensor with at least one dimension, but this one is a scalar; use \(operationName)() instead."
        )
        checkPrecondition(
            (-rank..<rank).contains(dim),
            "\(operationName)(dim: \(dim)) is out of range for a tensor of shape \(shape): dim must be in \(-rank)...\(rank - 1)."
        )
        return dim < 0 ? dim + rank : dim
    }

    /// Turns a list of possibly negative dimensions into indices into ``shape``, stopping with a
    /// clear message if the list is empty, a dimension is out of range, or one is named twice.
    func normalizedDimensions(_ dims: [Int], operationName: String) -> [Int] {
        checkPrecondition(
            !dims.isEmpty,
            "\(operationName)(dims: []) needs at least one dimension; use \(operationName)() to reduce over every element."
        )
        checkPrecondition(
            rank > 0,
            "\(operationName)(dims:) needs a tensor with at least one dimension, but this one is a scalar; use \(operationName)() instead."
        )
        var dimensions: [Int] = []
        for dim in dims {
            checkPrecondition(
                (-rank..<rank).contains(dim),
                "\(operationName)(dims: \(dims)) names dimension \(dim), which is out of range for a tensor of shape \(shape): dims must be in \(-rank)...\(rank - 1)."
            )
            let dimension = dim < 0 ? dim + rank : dim
            checkPrecondition(
                !dimensions.contains(dimension),
                "\(operationName)(dims: \(dims)) names dimension \(dimension) of a tensor of shape \(shape) more than once."
            )
            dimensions.append(dimension)
        }
        return dimensions
    }
}
