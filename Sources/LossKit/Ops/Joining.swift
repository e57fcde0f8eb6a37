// Joining tensors: end to end along an existing dimension (concat), or along a new one (stack).
//
// Seen along the joined dimension, every input is a run of contiguous blocks: for each position in
// the dimensions before `dim` there is one block of `shape[dim] × (product of the later sizes)`
// elements. Joining copies those blocks side by side; the gradient cuts the incoming gradient
// back into the same blocks.

/// Joins tensors end to end along an existing dimension.
///
/// Every tensor must have the same rank and the same sizes, except along `dim`. Joining a `[2, 3]`
/// and a `[4, 3]` matrix with `dim: 0` gives `[6, 3]`; a `[2, 3]` and a `[2, 1]` with `dim: 1` give `[2, 4]`.
///
/// PyTorch: `torch.cat(tensors, dim)`.
///
/// - Parameters:
///   - tensors: At least one tensor, all with the same rank (at least 1).
///   - dim: The dimension to join along; negative values count from the end.
/// - Returns: A tensor whose size along `dim` is the sum of the inputs' sizes along `dim`.
///   Each input's gradient is its part of the incoming gradient.
public func concat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
    guard let first = tensors.first else {
        fatalError("concat needs at least one tensor, but got an empty list.")
    }
    let dimension = StridedLayout.dimension(dim, rank: first.rank, shape: first.shape, operation: "concat")
    for tensor in tensors {
        var expected = first.shape
        if tensor.rank == first.rank { expected[dimension] = tensor.shape[dimension] }
        checkPrecondition(
            tensor.shape == expected,
            "concat(dim: \(dim)) needs tensors with the same sizes except along dimension \(dimension), but got shapes \(tensors.map(\.shape))."
        )
    }
    if tensors.count == 1 { return first }
    let outerCount = first.shape[..<dimension].reduce(1, *)
    let innerCount = first.shape[(dimension + 1)...].reduce(1, *)
    let blockSizes = tensors.map { $0.shape[dimension] * innerCount }
    let rowSize = blockSizes.reduce(0, +)
    var shape = first.shape
    shape[dimension] = tensors.map { $0.shape[dimension] }.reduce(0, +)

    var values = Array(repeating: 0.0, count: outerCount * rowSize)
    values.withUnsafeMutableBufferPointer { output in
        var columnStart = 0
        for (tensor, blockSize) in zip(tensors, blockSizes) {
            tensor.scalars.withUnsafeBufferPointer { input in
                for outer in 0..<outerCount {
                    let source = outer * blockSize
                    let target = outer * rowSize + columnStart
                    for step in 0..<blockSize {
                        output[target + step] = input[source + step]
                    }
                }
            }
            columnStart += blockSize
        }
    }
    let sizes = tensors.map { $0.shape[dimension] }
    return Tensor.result(of: "concat", shape: shape, scalars: values, inputs: tensors) { gradient, inputs in
        // Each input's gradient is its part of the incoming gradient along the joined dimension.
        var start = 0
        return zip(inputs, sizes).map { input, size in
            defer { start += size }
            return input.requiresGrad ? gradient.slice(dim: dimension, range: start..<(start + size)) : nil
        }
    }
}

/// Joins tensors of the same shape along a new dimension.
///
/// Stacking three `[2, 4]` matrices gives `[3, 2, 4]` with `dim: 0`, and `[2, 3, 4]` with `dim: 1`.
///
/// PyTorch: `torch.stack(tensors, dim)`.
///
/// - Parameters:
///   - tensors: At least one tensor, all with the same shape.
///   - dim: Where the new dimension goes, in `-(rank + 1)...rank`; negative values count from the end
///     of the result's shape.
/// - Returns: A tensor of rank `rank + 1` whose size along `dim` is `tensors.count`.
public func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
    guard let first = tensors.first else {
        fatalError("stack needs at least one tensor, but got an empty list.")
    }
    checkPrecondition(
        tensors.allSatisfy { $0.shape == first.shape },
        "stack needs tensors of the same shape, but got shapes \(tensors.map(\.shape))."
    )
    let dimension = StridedLayout.dimension(dim, rank: first.rank + 1, shape: first.shape, operation: "stack")
    return concat(tensors.map { $0.unsqueezed(dim: dimension) }, dim: dimension)
}
