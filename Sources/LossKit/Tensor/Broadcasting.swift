// NumPy broadcasting: how two tensors of different shapes are combined elementwise.
//
// Shapes are compared from the last dimension backwards. Two sizes are compatible when they are
// equal or when one of them is 1; a missing leading dimension counts as 1. The result takes the
// larger size in every dimension, so `[2, 3]` with `[3]` gives `[2, 3]`, and `[2, 1]` with `[1, 3]`
// gives `[2, 3]`. The gradient of a broadcast is a sum over the copied dimensions.
//
// Nothing is copied to broadcast: the loops read each operand through strides that are 0 along
// the copied dimensions (`Broadcasting.strides(of:broadcastTo:)`, walked by `StridedWalk`).

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

    /// How far to move in a row-major tensor of shape `source` when an index of shape `target`
    /// grows by one in each dimension, as if the tensor had been broadcast to `target`: `0` along
    /// the dimensions broadcasting copies (new leading ones and those of size 1).
    static func strides(of source: [Int], broadcastTo target: [Int]) -> [Int] {
        checkPrecondition(canBroadcast(source, to: target), "Cannot broadcast shape \(source) to shape \(target).")
        let leadingDimensions = target.count - source.count
        var strides = Array(repeating: 0, count: target.count)
        var stride = 1
        for dimension in (0..<source.count).reversed() {
            strides[leadingDimensions + dimension] = source[dimension] == 1 ? 0 : stride
            stride *= source[dimension]
        }
        return strides
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
        let originalShape = shape
        return Tensor.result(
            of: "broadcast",
            shape: targetShape,
            scalars: Kernels.broadcast(scalars, from: shape, to: targetShape),
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
        checkPrecondition(
            Broadcasting.canBroadcast(targetShape, to: shape),
            "Cannot sum a tensor of shape \(shape) to shape \(targetShape): shape \(targetShape) does not broadcast to \(shape)."
        )
        let originalShape = shape
        return Tensor.result(
            of: "sum to shape",
            shape: targetShape,
            scalars: Kernels.sum(scalars, shape: shape, toShape: targetShape),
            inputs: [self]
        ) { gradient, _ in
            [gradient.broadcast(to: originalShape)]
        }
    }
}

/// A row-major walk over every element of a tensor of some shape, reading two other arrays
/// through strides (one of them often the tensor being broadcast or summed).
///
/// Dimensions of size 1 are dropped, and neighbouring dimensions are merged when both strided
/// arrays (and the walk itself) move through them contiguously. The walk then runs over the
/// longest possible innermost *runs*, and only the outer dimensions need an odometer. Adding a
/// `[1000, 1000]` matrix and a `[1000]` row, for example, is 1000 runs of 1000 elements.
struct StridedWalk {
    /// The merged dimension sizes, outermost first; never empty.
    let sizes: [Int]
    /// The first array's stride in each merged dimension.
    let firstStrides: [Int]
    /// The second array's stride in each merged dimension.
    let secondStrides: [Int]
    /// The number of elements walked (the product of the shape).
    let count: Int

    /// The number of elements in each innermost run.
    var runLength: Int { sizes[sizes.count - 1] }
    /// The first array's stride inside a run: 1 (contiguous) or 0 (one repeated element), except for unusual layouts.
    var innerFirstStride: Int { firstStrides[firstStrides.count - 1] }
    /// The second array's stride inside a run.
    var innerSecondStride: Int { secondStrides[secondStrides.count - 1] }

    /// Prepares a walk over `shape`, reading two arrays with the given strides (one per dimension of `shape`).
    init(shape: [Int], firstStrides: [Int], secondStrides: [Int]) {
        count = shape.reduce(1, *)
        var sizes: [Int] = []
        var first: [Int] = []
        var second: [Int] = []
        for dimension in shape.indices where shape[dimension] != 1 {
            let size = shape[dimension]
            if let outerFirst = first.last, let outerSecond = second.last,
               outerFirst == firstStrides[dimension] * size, outerSecond == secondStrides[dimension] * size {
                sizes[sizes.count - 1] *= size
                first[first.count - 1] = firstStrides[dimension]
                second[second.count - 1] = secondStrides[dimension]
            } else {
                sizes.append(size)
                first.append(firstStrides[dimension])
                second.append(secondStrides[dimension])
            }
        }
        if sizes.isEmpty {
            (sizes, first, second) = ([1], [0], [0])
        }
        (self.sizes, self.firstStrides, self.secondStrides) = (sizes, first, second)
    }

    /// Calls `body` once per innermost run with the run's offset in the walked shape and the
    /// matching offsets in the first and second arrays.
    @inline(__always)
    func forEachRun(_ body: (_ start: Int, _ firstStart: Int, _ secondStart: Int) -> Void) {
        guard count > 0 else { return }
        let outerRank = sizes.count - 1
        let runLength = sizes[outerRank]
        var position = Array(repeating: 0, count: outerRank)
        var (start, firstStart, secondStart) = (0, 0, 0)
        while start < count {
            body(start, firstStart, secondStart)
            start += runLength
            // Advance the outer position like an odometer, last outer dimension first.
            var dimension = outerRank - 1
            while dimension >= 0 {
                position[dimension] += 1
                firstStart += firstStrides[dimension]
                secondStart += secondStrides[dimension]
                if position[dimension] < sizes[dimension] { break }
                firstStart -= firstStrides[dimension] * sizes[dimension]
                secondStart -= secondStrides[dimension] * sizes[dimension]
                position[dimension] = 0
                dimension -= 1
            }
        }
    }
}
