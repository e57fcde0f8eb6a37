// Taking part of a tensor: one entry along the first dimension, or a range along any dimension.
//
// The gradient of a slice is the incoming gradient written into a tensor of zeros shaped like the
// input, at the positions the slice read from.

extension Tensor {
    /// Entry `index` along the first dimension, with that dimension removed: row `index` of a
    /// matrix, or element `index` of a vector (as a scalar tensor).
    ///
    /// Negative indices count from the end, so `x[-1]` is the last row, as in PyTorch.
    ///
    /// PyTorch: `x[index]`.
    ///
    /// - Parameter index: A position in `-shape[0]..<shape[0]`.
    /// - Returns: A tensor of shape `Array(shape.dropFirst())`.
    public subscript(index: Int) -> Tensor {
        checkPrecondition(rank > 0, "A scalar tensor cannot be indexed: x[\(index)] needs at least one dimension.")
        checkPrecondition(
            (-shape[0]..<shape[0]).contains(index),
            "Index \(index) is out of range for the first dimension of a tensor of shape \(shape): it must be in \(-shape[0])..<\(shape[0])."
        )
        let position = index < 0 ? index + shape[0] : index
        let strides = StridedLayout.contiguousStrides(of: shape)
        return strided(
            operation: "index", offset: position * strides[0],
            shape: Array(shape.dropFirst()), strides: Array(strides.dropFirst())
        )
    }

    /// The entries in `range` along the first dimension, which is kept: `x[1..<3]` of a `[5, 2]`
    /// matrix is its rows 1 and 2, with shape `[2, 2]`.
    ///
    /// Any Swift range works: `x[1..<3]`, `x[1...2]`, `x[2...]`, `x[..<2]`. Unlike PyTorch, which
    /// clips a slice that runs past the end, a range outside `0...shape[0]` stops with a message.
    ///
    /// PyTorch: `x[start:end]`.
    ///
    /// - Parameter range: Positions along the first dimension.
    /// - Returns: A tensor of shape `[range.count] + shape.dropFirst()`.
    public subscript<Positions: RangeExpression<Int>>(range: Positions) -> Tensor {
        slice(dim: 0, range: range)
    }

    /// The entries in `range` along dimension `dim`, which is kept with size `range.count`.
    ///
    /// For a `[2, 5]` matrix `x`, `x.slice(dim: 1, range: 1..<3)` is its columns 1 and 2, of shape `[2, 2]`.
    ///
    /// PyTorch: `x.narrow(dim, start, length)`, or `x[:, start:end]` for `dim: 1`.
    ///
    /// - Parameters:
    ///   - dim: The dimension to slice; negative values count from the end.
    ///   - range: Positions along that dimension, inside `0...shape[dim]` (any Swift range).
    /// - Returns: A tensor shaped like this one except `shape[dim]`, which becomes `range.count`.
    public func slice<Positions: RangeExpression<Int>>(dim: Int, range: Positions) -> Tensor {
        let dimension = StridedLayout.dimension(dim, rank: rank, shape: shape, operation: "slice")
        let size = shape[dimension]
        // Relative to all non-negative positions, a range with no upper bound (`2...`) ends at
        // Int.max; it means "to the end of the dimension".
        let bounds = range.relative(to: 0..<Int.max)
        let upperBound = bounds.upperBound == Int.max ? size : bounds.upperBound
        checkPrecondition(
            bounds.lowerBound >= 0 && bounds.lowerBound <= upperBound && upperBound <= size,
            "slice(dim: \(dim), range: \(range)) is out of range for a tensor of shape \(shape): dimension \(dimension) has positions 0..<\(size)."
        )
        let positions = bounds.lowerBound..<upperBound
        let strides = StridedLayout.contiguousStrides(of: shape)
        var newShape = shape
        newShape[dimension] = positions.count
        return strided(
            operation: "slice", offset: positions.lowerBound * strides[dimension],
            shape: newShape, strides: strides
        )
    }

    /// The elements read from this tensor at `offset` with `strides`, arranged in `newShape`,
    /// with the gradient written back to the same positions (``scatteredStrided(into:offset:strides:)``).
    private func strided(operation: String, offset: Int, shape newShape: [Int], strides: [Int]) -> Tensor {
        let values = scalars.withUnsafeBufferPointer { source in
            StridedLayout.gather(source, offset: offset, shape: newShape, strides: strides)
        }
        return Tensor.result(of: operation, shape: newShape, scalars: values, inputs: [self]) { gradient, inputs in
            [gradient.scatteredStrided(into: inputs[0].shape, offset: offset, strides: strides)]
        }
    }

    /// The reverse of a strided read, as a recorded operation: a tensor of zeros of shape
    /// `targetShape` with this tensor's elements added at the positions a read with `offset` and
    /// `strides` took them from. Its gradient is that strided read again.
    private func scatteredStrided(into targetShape: [Int], offset: Int, strides: [Int]) -> Tensor {
        var values = Array(repeating: 0.0, count: targetShape.reduce(1, *))
        let sourceShape = shape
        scalars.withUnsafeBufferPointer { incoming in
            values.withUnsafeMutableBufferPointer { destination in
                StridedLayout.scatterAdd(incoming, into: destination, offset: offset, shape: sourceShape, strides: strides)
            }
        }
        return Tensor.result(of: "strided scatter-add", shape: targetShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.strided(operation: "strided read", offset: offset, shape: sourceShape, strides: strides)]
        }
    }
}
