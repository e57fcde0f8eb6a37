// Distances between vectors: every pair from two sets (cdist), or matching pairs (pairwiseDistance).
//
// Both use the p-norm of a difference, ‖u − v‖_p. Where a distance is exactly 0, its gradient is
// taken as 0, as PyTorch does (the norm has a kink there and no derivative).

/// The p-norm distance between every row of `x1` and every row of `x2`.
///
/// `result[…, i, j] = ‖x1[…, i, :] − x2[…, j, :]‖_p`. With `x1` of shape `[P, M]` and `x2` of shape
/// `[R, M]` the result has shape `[P, R]`; leading batch dimensions are broadcast, so `[B, P, M]` and
/// `[B, R, M]` (or `[R, M]`) give `[B, P, R]`.
///
/// PyTorch: `torch.cdist(x1, x2, p=p)`.
///
/// - Parameters:
///   - x1: Rows of length M, shape `[B…, P, M]`.
///   - x2: Rows of length M, shape `[B…, R, M]`.
///   - p: The exponent of the norm, finite and at least 1; 2 (the default) is the Euclidean distance.
/// For `p = 2` with more than 25 rows on either side it uses PyTorch's matrix-product form,
/// `‖u − v‖² = ‖u‖² + ‖v‖² − 2·u·v`, which does the work in one BLAS product instead of a loop
/// over every pair and coordinate; squared distances that rounding makes negative become 0.
/// The form loses digits for points much closer to each other than to the origin (as in
/// PyTorch); when `x1` and `x2` are the same tensor, the distance of each row to itself is
/// exactly 0.
///
/// - Returns: The distances, of shape `[B…, P, R]`. A distance of exactly 0 sends a gradient of 0.
public func cdist(_ x1: Tensor, _ x2: Tensor, p: Double = 2) -> Tensor {
    checkPrecondition(
        x1.rank >= 2 && x2.rank >= 2 && x1.shape.last == x2.shape.last,
        "cdist needs x1 [B?, P, M] and x2 [B?, R, M] with the same M: x1 \(x1.shape), x2 \(x2.shape)."
    )
    let norm = VectorNorm(p: p, operation: "cdist(p: \(p))")
    let batch1 = Array(x1.shape.dropLast(2))
    let batch2 = Array(x2.shape.dropLast(2))
    guard let batch = StridedLayout.broadcastShape(batch1, batch2) else {
        fatalError("cdist cannot broadcast the batch dimensions of x1 \(x1.shape) and x2 \(x2.shape).")
    }
    let (rows1, rows2, length) = (x1.shape[x1.rank - 2], x2.shape[x2.rank - 2], x1.shape[x1.rank - 1])
    let batches1 = StridedLayout.broadcastPositions(from: batch1, to: batch)
    let batches2 = StridedLayout.broadcastPositions(from: batch2, to: batch)
    if p == 2 && (rows1 > 25 || rows2 > 25) {
        return EuclideanDistanceMatrix(
            x1: x1, x2: x2, batch: batch, batches: Array(zip(batches1, batches2)), rows1: rows1, rows2: rows2, length: length
        ).result()
    }
    let outputCount = batches1.count * rows1 * rows2
    let distances = x1.scalars.withUnsafeBufferPointer { left in
        x2.scalars.withUnsafeBufferPointer { right in
            [Double](unsafeUninitializedCapacity: outputCount) { output, initialized in
                var target = 0
                for (batch1, batch2) in zip(batches1, batches2) {
                    for i in 0..<rows1 {
                        let start1 = (batch1 * rows1 + i) * length
                        for j in 0..<rows2 {
                            let start2 = (batch2 * rows2 + j) * length
                            var sum = 0.0
                            for k in 0..<length {
                                sum += norm.term(left[start1 + k] - right[start2 + k])
                            }
                            output[target] = norm.root(sum)
                            target += 1
                        }
                    }
                }
                initialized = outputCount
            }
        }
    }
    return Tensor.result(
        of: "cdist", shape: batch + [rows1, rows2], scalars: distances, inputs: [x1, x2]
    ) { gradient, inputs in
        let (x1, x2) = (inputs[0], inputs[1])
        var gradient1 = Array(repeating: 0.0, count: x1.count)
        var gradient2 = Array(repeating: 0.0, count: x2.count)
        x1.scalars.withUnsafeBufferPointer { left in
            x2.scalars.withUnsafeBufferPointer { right in
                gradient.scalars.withUnsafeBufferPointer { incoming in
                    gradient1.withUnsafeMutableBufferPointer { output1 in
                        gradient2.withUnsafeMutableBufferPointer { output2 in
                            var source = 0
                            for (batch1, batch2) in zip(batches1, batches2) {
                                for i in 0..<rows1 {
                                    let start1 = (batch1 * rows1 + i) * length
                                    for j in 0..<rows2 {
                                        let start2 = (batch2 * rows2 + j) * length
                                        let (weight, distance) = (incoming[source], distances[source])
                                        source += 1
                                        guard distance > 0 else { continue }
                                        for k in 0..<length {
                                            let change = weight * norm.derivative(left[start1 + k] - right[start2 + k], norm: distance)
                                            output1[start1 + k] += change
                                            output2[start2 + k] -= change
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [
            x1.requiresGrad ? .untracked(shape: x1.shape, gradient1) : nil,
            x2.requiresGrad ? .untracked(shape: x2.shape, gradient2) : nil,
        ]
    } differentiableBackward: { gradient, inputs, _ in
        Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
            // Every difference x1[i] − x2[j] at once, [B…, P, R, M], and its norm.
            (inputs[0].unsqueezed(dim: -2) - inputs[1].unsqueezed(dim: -3)).vectorNorm(along: batch.count + 2, p: p, keepDims: false)
        }
    }
}

/// The p-norm distance between matching rows of `x1` and `x2`, with `eps` added to the difference.
///
/// `result[…] = ‖x1[…, :] − x2[…, :] + eps‖_p`, taken along the last dimension. Note that `eps` is
/// added to every component of the difference (it is not a lower bound on the distance), exactly as
/// in PyTorch; it keeps the gradient defined when two rows are equal. The shapes are broadcast.
///
/// PyTorch: `F.pairwise_distance(x1, x2, p=p, eps=eps, keepdim=keepDims)`.
///
/// - Parameters:
///   - x1: Rows of length M, shape `[…, M]`.
///   - x2: Rows of length M, a shape that broadcasts with `x1`'s.
///   - p: The exponent of the norm, finite and at least 1; 2 is the Euclidean distance.
///   - eps: Added to each component of `x1 − x2` before taking the norm.
///   - keepDims: Whether to keep the last dimension with size 1.
/// - Returns: One distance per row: the broadcast shape without its last dimension (or with it set
///   to 1 when `keepDims` is `true`). Two vectors give a scalar.
public func pairwiseDistance(
    _ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6, keepDims: Bool = false
) -> Tensor {
    let norm = VectorNorm(p: p, operation: "pairwiseDistance(p: \(p))")
    guard let shape = StridedLayout.broadcastShape(x1.shape, x2.shape), let length = shape.last else {
        fatalError("pairwiseDistance needs x1 [..., M] and x2 [..., M] whose shapes broadcast, with at least one dimension: x1 \(x1.shape), x2 \(x2.shape).")
    }
    let (left, right) = (x1.broadcast(to: shape), x2.broadcast(to: shape))
    let rowCount = length == 0 ? shape.dropLast().reduce(1, *) : left.count / length
    let distances = left.scalars.withUnsafeBufferPointer { a in
        right.scalars.withUnsafeBufferPointer { b in
            [Double](unsafeUninitializedCapacity: rowCount) { output, initialized in
                for row in 0..<rowCount {
                    var sum = 0.0
                    for k in (row * length)..<((row + 1) * length) {
                        sum += norm.term(a[k] - b[k] + eps)
                    }
                    output[row] = norm.root(sum)
                }
                initialized = rowCount
            }
        }
    }
    let resultShape = Array(shape.dropLast()) + (keepDims ? [1] : [])
    return Tensor.result(
        of: "pairwise distance", shape: resultShape, scalars: distances, inputs: [left, right]
    ) { gradient, inputs in
        let (left, right) = (inputs[0], inputs[1])
        let leftGradient = left.scalars.withUnsafeBufferPointer { a in
            right.scalars.withUnsafeBufferPointer { b in
                gradient.scalars.withUnsafeBufferPointer { incoming in
                    [Double](unsafeUninitializedCapacity: a.count) { output, initialized in
                        for row in 0..<rowCount {
                            let (weight, distance) = (incoming[row], distances[row])
                            for k in (row * length)..<((row + 1) * length) {
                                output[k] = weight * norm.derivative(a[k] - b[k] + eps, norm: distance)
                            }
                        }
                        initialized = a.count
                    }
                }
            }
        }
        var rightGradient = leftGradient
        for k in rightGradient.indices {
            rightGradient[k] = -rightGradient[k]
        }
        return [
            left.requiresGrad ? .untracked(shape: left.shape, leftGradient) : nil,
            right.requiresGrad ? .untracked(shape: right.shape, rightGradient) : nil,
        ]
    } differentiableBackward: { gradient, inputs, _ in
        Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
            (inputs[0] - inputs[1] + eps).vectorNorm(along: shape.count - 1, p: p, keepDims: keepDims)
        }
    }
}
