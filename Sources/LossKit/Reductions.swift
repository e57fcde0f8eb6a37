// Reductions: adding up (or averaging) elements, over the whole tensor or along one dimension.
//
// The gradient of a sum sends the incoming gradient unchanged to every element that was added,
// which is a broadcast back to the input's shape.

extension Tensor {
    /// Adds up all elements, giving a scalar tensor (shape `[]`).
    public func sum() -> Tensor {
        let originalShape = shape
        return Tensor.result(of: "sum", shape: [], scalars: [scalars.reduce(0, +)], inputs: [self]) { gradient, _ in
            [gradient.broadcast(to: originalShape)]
        }
    }

    /// Averages all elements, giving a scalar tensor (shape `[]`). The mean of no elements is NaN.
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
        let size = shape[dimension]
        let outerCount = shape[..<dimension].reduce(1, *)
        let innerCount = shape[(dimension + 1)...].reduce(1, *)
        var sums = Array(repeating: 0.0, count: outerCount * innerCount)
        for outer in 0..<outerCount {
            for step in 0..<size {
                let start = (outer * size + step) * innerCount
                for inner in 0..<innerCount {
                    sums[outer * innerCount + inner] += scalars[start + inner]
                }
            }
        }
        var keptShape = shape
        keptShape[dimension] = 1
        var reducedShape = shape
        reducedShape.remove(at: dimension)
        let originalShape = shape
        return Tensor.result(
            of: "sum along dimension",
            shape: keepDims ? keptShape : reducedShape,
            scalars: sums,
            inputs: [self]
        ) { gradient, _ in
            [gradient.reshaped(to: keptShape).broadcast(to: originalShape)]
        }
    }

    /// Averages the elements along one dimension.
    ///
    /// - Parameters:
    ///   - dim: The dimension to average along. Negative values count from the end: `-1` is the last dimension.
    ///   - keepDims: If `true`, the averaged dimension stays in the shape with size 1.
    /// - Returns: A tensor with the averaged dimension removed (or set to 1 when `keepDims` is `true`).
    public func mean(dim: Int, keepDims: Bool = false) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: "mean")
        return sum(dim: dimension, keepDims: keepDims) / Double(shape[dimension])
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
}
