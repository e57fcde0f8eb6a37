// How row-major elements are laid out in memory, and the copy loops that shape operations share.
//
// A tensor's elements sit in one array, last dimension fastest. The stride of a dimension is how
// far to move in that array when the index along the dimension grows by one. Transposing, permuting
// and slicing read the same array with other strides and an offset; their gradients write back
// through the same strides. These kernels do that with plain loops over buffers.

/// Shape arithmetic and strided copies used by the shape, indexing and joining operations.
enum StridedLayout {
    /// The row-major strides of `shape`: `[12, 4, 1]` for `[2, 3, 4]`.
    static func contiguousStrides(of shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var stride = 1
        for dimension in shape.indices.reversed() {
            strides[dimension] = stride
            stride *= shape[dimension]
        }
        return strides
    }

    /// Turns a possibly negative dimension into an index in `0..<rank`, stopping with a message
    /// that names the operation and the shape when it is out of range.
    ///
    /// - Parameters:
    ///   - dim: The dimension as the caller wrote it; `-1` is the last one.
    ///   - rank: How many dimensions there are to choose from (`rank + 1` for `unsqueezed`).
    ///   - shape: The shape, for the message.
    ///   - operation: How the call looks, for the message, such as `"slice"`.
    static func dimension(_ dim: Int, rank: Int, shape: [Int], operation: String) -> Int {
        checkPrecondition(
            rank > 0 && (-rank..<rank).contains(dim),
            rank > 0
                ? "\(operation)(dim: \(dim)) is out of range for a tensor of shape \(shape): dim must be in \(-rank)...\(rank - 1)."
                : "\(operation) needs a tensor with at least one dimension, but got a scalar (shape [])."
        )
        return dim < 0 ? dim + rank : dim
    }

    /// The shape two shapes broadcast to under NumPy's rules, or `nil` if they cannot be broadcast.
    static func broadcastShape(_ left: [Int], _ right: [Int]) -> [Int]? {
        let rank = max(left.count, right.count)
        var shape = Array(repeating: 1, count: rank)
        for offset in stride(from: 1, through: rank, by: 1) {
            let leftSize = offset <= left.count ? left[left.count - offset] : 1
            let rightSize = offset <= right.count ? right[right.count - offset] : 1
            guard leftSize == rightSize || leftSize == 1 || rightSize == 1 else { return nil }
            shape[rank - offset] = leftSize == 1 ? rightSize : leftSize
        }
        return shape
    }

    /// For every position of a tensor of shape `target` (row-major), the position in a tensor of
    /// shape `source` that broadcasting copies there. `source` must broadcast to `target`.
    static func broadcastPositions(from source: [Int], to target: [Int]) -> [Int] {
        let leading = target.count - source.count
        var strides = Array(repeating: 0, count: target.count)
        let sourceStrides = contiguousStrides(of: source)
        for dimension in source.indices where source[dimension] != 1 {
            strides[leading + dimension] = sourceStrides[dimension]
        }
        let count = target.reduce(1, *)
        guard count > 0 else { return [] }
        guard !target.isEmpty else { return [0] }
        var positions: [Int] = []
        positions.reserveCapacity(count)
        var index = Array(repeating: 0, count: target.count)
        var position = 0
        for _ in 0..<count {
            positions.append(position)
            var dimension = target.count - 1
            while dimension >= 0 {
                index[dimension] += 1
                position += strides[dimension]
                if index[dimension] < target[dimension] { break }
                position -= strides[dimension] * target[dimension]
                index[dimension] = 0
                dimension -= 1
            }
        }
        return positions
    }

    /// The row-major elements of a tensor of `shape` whose dimensions are reordered by `order`.
    static func permute(_ values: [Double], shape: [Int], order: [Int]) -> [Double] {
        // Swapping the last two dimensions transposes a batch of matrices: tile by tile.
        let rank = shape.count
        if rank >= 2, order.dropLast(2).elementsEqual(0..<(rank - 2)), order[rank - 2] == rank - 1, order[rank - 1] == rank - 2 {
            return TiledTranspose.transpose(
                values, batches: shape.dropLast(2).reduce(1, *), rows: shape[rank - 2], columns: shape[rank - 1])
        }
        let strides = StridedLayout.contiguousStrides(of: shape)
        return values.withUnsafeBufferPointer { source in
            StridedLayout.gather(
                source, offset: 0, shape: order.map { shape[$0] }, strides: order.map { strides[$0] }
            )
        }
    }


    /// Reads `shape.reduce(1, *)` elements of `source` into a new row-major array: element
    /// `[i0, i1, …]` of the result is `source[offset + i0 * strides[0] + i1 * strides[1] + …]`.
    ///
    /// With permuted strides this transposes; with an offset and a smaller shape it slices.
    static func gather(
        _ source: UnsafeBufferPointer<Double>, offset: Int, shape: [Int], strides: [Int]
    ) -> [Double] {
        let count = shape.reduce(1, *)
        return [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
            walkRows(shape: shape, strides: strides, offset: offset) { sourceStart, stride, length, outputStart in
                var sourceIndex = sourceStart
                for outputIndex in outputStart..<(outputStart + length) {
                    output[outputIndex] = source[sourceIndex]
                    sourceIndex += stride
                }
            }
            initializedCount = count
        }
    }

    /// The reverse of ``gather(_:offset:shape:strides:)`` for gradients: adds each element of the
    /// row-major `values` (of `shape`) into `destination` at the position `gather` read it from.
    static func scatterAdd(
        _ values: UnsafeBufferPointer<Double>, into destination: UnsafeMutableBufferPointer<Double>,
        offset: Int, shape: [Int], strides: [Int]
    ) {
        walkRows(shape: shape, strides: strides, offset: offset) { destinationStart, stride, length, valueStart in
            var destinationIndex = destinationStart
            for valueIndex in valueStart..<(valueStart + length) {
                destination[destinationIndex] += values[valueIndex]
                destinationIndex += stride
            }
        }
    }

    /// Calls `row` once per row of the last dimension of `shape` (not once per element), with the
    /// strided start of the row, the stride along it, its length, and its row-major start.
    @inline(__always)
    private static func walkRows(
        shape: [Int], strides: [Int], offset: Int,
        _ row: (_ start: Int, _ stride: Int, _ length: Int, _ rowMajorStart: Int) -> Void
    ) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        guard let length = shape.last, let innerStride = strides.last else {
            row(offset, 0, 1, 0)
            return
        }
        let outerRank = shape.count - 1
        var index = Array(repeating: 0, count: outerRank)
        var start = offset
        for rowNumber in 0..<(count / length) {
            row(start, innerStride, length, rowNumber * length)
            var dimension = outerRank - 1
            while dimension >= 0 {
                index[dimension] += 1
                start += strides[dimension]
                if index[dimension] < shape[dimension] { break }
                start -= strides[dimension] * shape[dimension]
                index[dimension] = 0
                dimension -= 1
            }
        }
    }
}

extension Tensor {
    /// A tensor that records no history, for gradients computed inside backward closures.
    static func untracked(shape: [Int], _ scalars: [Double]) -> Tensor {
        Tensor(shape: shape, storage: scalars, requiresGrad: false, gradientFunction: nil)
    }
}
