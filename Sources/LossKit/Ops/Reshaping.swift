// Changing how the same elements are arranged into dimensions.
//
// Reshaping, flattening, squeezing and unsqueezing keep every element in the same row-major
// order; only the shape changes, so no element moves. The gradient is the incoming gradient
// reshaped back to the input's shape.

extension Tensor {
    /// Returns the same elements, in the same row-major order, arranged in `newShape`.
    ///
    /// The gradient is reshaped back to this tensor's shape.
    func reshaped(to newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let newCount = newShape.reduce(1, *)
        checkPrecondition(
            newShape.allSatisfy { $0 >= 0 } && newCount == count,
            "Cannot reshape a tensor of shape \(shape) (\(count) elements) to shape \(newShape) (\(newCount) elements)."
        )
        let originalShape = shape
        return Tensor.result(of: "reshape", shape: newShape, scalars: scalars, inputs: [self]) { gradient, _ in
            [gradient.reshaped(to: originalShape)]
        }
    }

    /// Returns the same elements, in the same row-major order, arranged in a new shape.
    ///
    /// One entry of `newShape` may be `-1`: its size is worked out from the number of elements.
    /// A `[2, 3, 4]` tensor reshaped with `[4, -1]` has shape `[4, 6]`.
    ///
    /// PyTorch: `x.reshape(*shape)` (or `x.view(*shape)`).
    ///
    /// - Parameter newShape: The sizes of the result, whose product must equal ``count``;
    ///   at most one of them may be `-1`.
    /// - Returns: A tensor of shape `newShape` (with the `-1` filled in). Its gradient is the
    ///   incoming gradient reshaped back to this tensor's shape.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        checkPrecondition(
            inferred.count <= 1 && newShape.allSatisfy { $0 >= -1 },
            "reshaped(\(newShape)) can infer at most one dimension (written -1), and the other sizes cannot be negative."
        )
        guard let inferredDimension = inferred.first else { return reshaped(to: newShape) }
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        checkPrecondition(
            known > 0 && count % known == 0,
            "Cannot reshape a tensor of shape \(shape) (\(count) elements) to shape \(newShape): \(count) is not a multiple of \(known)."
        )
        var resolved = newShape
        resolved[inferredDimension] = count / known
        return reshaped(to: resolved)
    }

    /// Merges the dimensions from `startDim` through `endDim` into one.
    ///
    /// A `[2, 3, 4, 5]` tensor gives `[120]` by default, and `[2, 60]` with `startDim: 1`.
    /// A scalar becomes a one-element vector.
    ///
    /// PyTorch: `torch.flatten(x, start_dim, end_dim)`.
    ///
    /// - Parameters:
    ///   - startDim: The first dimension to merge; negative values count from the end.
    ///   - endDim: The last dimension to merge (included); `-1` is the last dimension.
    /// - Returns: A tensor with the same elements whose shape has one entry, the product of the
    ///   merged sizes, in place of dimensions `startDim...endDim`.
    public func flattened(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        if rank == 0 { return reshaped(to: [1]) }
        let start = StridedLayout.dimension(startDim, rank: rank, shape: shape, operation: "flattened(startDim:)")
        let end = StridedLayout.dimension(endDim, rank: rank, shape: shape, operation: "flattened(endDim:)")
        checkPrecondition(
            start <= end,
            "flattened(startDim: \(startDim), endDim: \(endDim)) needs startDim to come no later than endDim, for a tensor of shape \(shape)."
        )
        let merged = shape[start...end].reduce(1, *)
        return reshaped(to: Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// Removes every dimension of size 1: `[1, 3, 1, 2]` becomes `[3, 2]`.
    ///
    /// PyTorch: `x.squeeze()`.
    ///
    /// - Returns: The same elements with all size-1 dimensions dropped (a scalar if every size is 1).
    public func squeezed() -> Tensor {
        reshaped(to: shape.filter { $0 != 1 })
    }

    /// Removes dimension `dim` if its size is 1, and otherwise returns the tensor unchanged, as PyTorch does.
    ///
    /// PyTorch: `x.squeeze(dim)`.
    ///
    /// - Parameter dim: The dimension to remove; negative values count from the end.
    /// - Returns: A tensor of rank ``rank`` − 1 when `shape[dim]` is 1, else this tensor.
    public func squeezed(dim: Int) -> Tensor {
        if rank == 0 {
            checkPrecondition(
                dim == 0 || dim == -1,
                "squeezed(dim: \(dim)) is out of range for a scalar: dim must be 0 or -1."
            )
            return self
        }
        let dimension = StridedLayout.dimension(dim, rank: rank, shape: shape, operation: "squeezed")
        guard shape[dimension] == 1 else { return self }
        var newShape = shape
        newShape.remove(at: dimension)
        return reshaped(to: newShape)
    }

    /// Inserts a dimension of size 1 at position `dim`: a `[3]` vector becomes `[1, 3]` with
    /// `dim: 0` and `[3, 1]` with `dim: 1` (or `-1`).
    ///
    /// PyTorch: `x.unsqueeze(dim)`.
    ///
    /// - Parameter dim: Where the new dimension goes, in `-(rank + 1)...rank`; negative values
    ///   count from the end of the result's shape.
    /// - Returns: A tensor of rank ``rank`` + 1 with the same elements.
    public func unsqueezed(dim: Int) -> Tensor {
        let dimension = StridedLayout.dimension(dim, rank: rank + 1, shape: shape, operation: "unsqueezed")
        var newShape = shape
        newShape.insert(1, at: dimension)
        return reshaped(to: newShape)
    }
}
