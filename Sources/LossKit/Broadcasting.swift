// NumPy broadcasting: how two tensors of different shapes are combined elementwise.
//
// Shapes are compared from the last dimension backwards. Two sizes are compatible when they are
// equal or when one of them is 1; a missing leading dimension counts as 1. The result takes the
// larger size in every dimension, so `[2, 3]` with `[3]` gives `[2, 3]`, and `[2, 1]` with `[1, 3]`
// gives `[2, 3]`. The gradient of a broadcast is a sum over the copied dimensions.

/// Shape arithmetic for broadcasting.
enum Broadcasting {
    /// The shape two tensors broadcast to, or `nil` if they cannot be broadcast together.
    static func resultShape(_ left: [Int], _ right: [Int]) -> [Int]? {
        let rank = max(left.count, right.count)
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        for offsetFromEnd in stride(from: rank, to: 0, by: -1) {
            let leftSize = size(of: left, offsetFromEnd: offsetFromEnd)
            let rightSize = size(of: right, offsetFromEnd: offsetFromEnd)
            if leftSize == rightSize || rightSize == 1 {
                shape.append(leftSize)
            } else if leftSize == 1 {
                shape.append(rightSize)
            } else {
                return nil
            }
        }
        return shape
    }

    /// Whether a tensor of shape `source` can be broadcast to exactly `target`.
    static func canBroadcast(_ source: [Int], to target: [Int]) -> Bool {
        source.count <= target.count && resultShape(source, target) == target
    }

    /// For every element of a tensor with shape `target` (in row-major order), the position of
    /// the element of the `source` tensor that is copied there.
    static func sourceIndices(from source: [Int], to target: [Int]) -> [Int] {
        checkPrecondition(canBroadcast(source, to: target), "Cannot broadcast shape \(source) to shape \(target).")
        let rank = target.count
        let leadingDimensions = rank - source.count
        // How far to move in the source when a target index grows by one; 0 along broadcast dimensions.
        var strides = Array(repeating: 0, count: rank)
        var stride = 1
        for dimension in (0..<source.count).reversed() {
            strides[leadingDimensions + dimension] = source[dimension] == 1 ? 0 : stride
            stride *= source[dimension]
        }
        let elementCount = target.reduce(1, *)
        var indices: [Int] = []
        indices.reserveCapacity(elementCount)
        var position = Array(repeating: 0, count: rank)
        var sourceIndex = 0
        for _ in 0..<elementCount {
            indices.append(sourceIndex)
            // Advance the multi-dimensional position like an odometer, last dimension first.
            var dimension = rank - 1
            while dimension >= 0 {
                position[dimension] += 1
                sourceIndex += strides[dimension]
                if position[dimension] < target[dimension] { break }
                sourceIndex -= strides[dimension] * position[dimension]
                position[dimension] = 0
                dimension -= 1
            }
        }
        return indices
    }

    /// The size of `shape` at `offsetFromEnd` (1 is the last dimension), or 1 past its first dimension.
    private static func size(of shape: [Int], offsetFromEnd: Int) -> Int {
        offsetFromEnd <= shape.count ? shape[shape.count - offsetFromEnd] : 1
    }
}

extension Tensor {
    /// Copies this tensor along new or size-1 dimensions to reach `targetShape`.
    ///
    /// The gradient is summed back to this tensor's shape.
    func broadcast(to targetShape: [Int]) -> Tensor {
        if shape == targetShape { return self }
        let indices = Broadcasting.sourceIndices(from: shape, to: targetShape)
        let values = scalars
        let originalShape = shape
        return Tensor.result(
            of: "broadcast",
            shape: targetShape,
            scalars: indices.map { values[$0] },
            inputs: [self]
        ) { gradient, _ in
            [gradient.sum(toShape: originalShape)]
        }
    }

    /// Sums this tensor over the dimensions that broadcasting to its shape from `targetShape` would have copied.
    ///
    /// This undoes ``broadcast(to:)`` for gradients: a `[2, 3]` gradient summed to shape `[3]` adds its two rows.
    func sum(toShape targetShape: [Int]) -> Tensor {
        if shape == targetShape { return self }
        let indices = Broadcasting.sourceIndices(from: targetShape, to: shape)
        var sums = Array(repeating: 0.0, count: targetShape.reduce(1, *))
        for (position, targetIndex) in indices.enumerated() {
            sums[targetIndex] += scalars[position]
        }
        let originalShape = shape
        return Tensor.result(of: "sum to shape", shape: targetShape, scalars: sums, inputs: [self]) { gradient, _ in
            [gradient.broadcast(to: originalShape)]
        }
    }
}
