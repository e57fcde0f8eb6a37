// Reordering dimensions: transposing a matrix, swapping two dimensions, or any permutation.
//
// The result is a new row-major array read from the input with permuted strides. The gradient
// of a permutation is the incoming gradient permuted back by the inverse permutation.

extension Tensor {
    /// The transpose of a matrix: `[m, n]` becomes `[n, m]`, and element `[i, j]` moves to `[j, i]`.
    ///
    /// Like PyTorch's `x.t()`, vectors and scalars are returned unchanged. For tensors of higher
    /// rank, say which dimensions to swap with ``transposed(_:_:)``, or use ``permuted(_:)``.
    ///
    /// PyTorch: `x.t()` (or `x.T` for a matrix).
    ///
    /// - Returns: A tensor of shape `[n, m]` for a matrix of shape `[m, n]`.
    public func transposed() -> Tensor {
        checkPrecondition(
            rank <= 2,
            "transposed() needs a matrix (rank 2), but got shape \(shape); for higher ranks say which dimensions to swap: transposed(0, 1), or use permuted(_:)."
        )
        return rank < 2 ? self : permuted([1, 0])
    }

    /// Swaps two dimensions: a `[2, 3, 4]` tensor transposed with `(0, 2)` has shape `[4, 3, 2]`.
    ///
    /// PyTorch: `x.transpose(dim0, dim1)`.
    ///
    /// - Parameters:
    ///   - dim0: One dimension; negative values count from the end.
    ///   - dim1: The other dimension.
    /// - Returns: A tensor whose element `[…, j, …, i, …]` is this tensor's `[…, i, …, j, …]`.
    public func transposed(_ dim0: Int, _ dim1: Int) -> Tensor {
        let first = StridedLayout.dimension(dim0, rank: rank, shape: shape, operation: "transposed")
        let second = StridedLayout.dimension(dim1, rank: rank, shape: shape, operation: "transposed")
        var order = Array(0..<rank)
        order.swapAt(first, second)
        return permuted(order)
    }

    /// Reorders the dimensions: dimension `i` of the result is dimension `dims[i]` of this tensor.
    ///
    /// A `[2, 3, 4]` tensor permuted with `[2, 0, 1]` has shape `[4, 2, 3]`, and its element
    /// `[k, i, j]` is this tensor's `[i, j, k]`.
    ///
    /// PyTorch: `x.permute(*dims)`.
    ///
    /// - Parameter dims: Every dimension of this tensor exactly once, in the new order
    ///   (negative values count from the end).
    /// - Returns: A tensor of shape `dims.map { shape[$0] }`. Its gradient is the incoming
    ///   gradient permuted back.
    public func permuted(_ dims: [Int]) -> Tensor {
        let order = dims.map { $0 < 0 ? $0 + rank : $0 }
        checkPrecondition(
            order.sorted() == Array(0..<rank),
            "permuted(\(dims)) needs each of the \(rank) dimensions of a tensor of shape \(shape) exactly once."
        )
        if order == Array(0..<rank) { return self }
        let newShape = order.map { shape[$0] }
        let values = StridedLayout.permute(scalars, shape: shape, order: order)
        var inverse = Array(repeating: 0, count: rank)
        for (position, dimension) in order.enumerated() {
            inverse[dimension] = position
        }
        return Tensor.result(of: "permute", shape: newShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.permuted(inverse)]
        }
    }
}
