// Matrix multiplication, computed by the BLAS routine `cblas_dgemm` (OpenBLAS, called in
// Kernels/MatrixProduct.swift), with the batching and vector rules of `torch.matmul`.

/// Multiplies matrices, batches of matrices, or vectors, following the rules of `torch.matmul`.
///
/// - `[m, k] × [k, n]` gives `[m, n]`: element `[i, j]` is `sum over p of left[i, p] * right[p, j]`.
/// - Batches: `[B, m, k] × [B, k, n]` gives `[B, m, n]`, one product per batch entry. Leading
///   dimensions broadcast, so `[B, m, k] × [k, n]` multiplies every matrix of the batch by the same
///   right matrix, and `[B, 1, m, k] × [C, k, n]` gives `[B, C, m, n]`.
/// - Vectors: a vector `[k]` on the left is treated as a row `[1, k]`, on the right as a column
///   `[k, 1]`, and that dimension is removed from the result: `[k] × [k]` is a scalar (the dot
///   product), `[m, k] × [k]` is `[m]`, and `[k] × [k, n]` is `[n]`.
///
/// Each product is one `cblas_dgemm` call. The gradients are `gradient × rightᵀ` for `left` and
/// `leftᵀ × gradient` for `right`, summed over any batch dimensions that were broadcast.
///
/// PyTorch: `torch.matmul(left, right)` (the `@` operator).
///
/// - Parameters:
///   - left: A tensor of shape `[k]`, `[m, k]` or `[B…, m, k]`.
///   - right: A tensor of shape `[k]`, `[k, n]` or `[B…, k, n]`.
/// - Returns: The product, of shape `[B…, m, n]` with the vector dimensions removed as above.
public func matmul(_ left: Tensor, _ right: Tensor) -> Tensor {
    checkPrecondition(
        left.rank >= 1 && right.rank >= 1,
        "matmul needs tensors with at least one dimension, but got shapes \(left.shape) and \(right.shape); multiply by a scalar with * instead."
    )
    // Vectors become matrices: a row on the left, a column on the right.
    let leftShape = left.rank == 1 ? [1] + left.shape : left.shape
    let rightShape = right.rank == 1 ? right.shape + [1] : right.shape
    let (rows, inner) = (leftShape[leftShape.count - 2], leftShape[leftShape.count - 1])
    let (rightRows, columns) = (rightShape[rightShape.count - 2], rightShape[rightShape.count - 1])
    checkPrecondition(
        inner == rightRows,
        "matmul needs the columns of the left matrix to match the rows of the right one, but got shapes \(left.shape) and \(right.shape) (\(inner) ≠ \(rightRows))."
    )
    let leftBatch = Array(leftShape.dropLast(2))
    let rightBatch = Array(rightShape.dropLast(2))
    guard let batch = StridedLayout.broadcastShape(leftBatch, rightBatch) else {
        fatalError("matmul cannot broadcast the batch dimensions (all but the last two) of shapes \(left.shape) and \(right.shape).")
    }
    let product = BatchedProduct(
        rows: rows, inner: inner, columns: columns,
        leftBatches: StridedLayout.broadcastPositions(from: leftBatch, to: batch),
        rightBatches: StridedLayout.broadcastPositions(from: rightBatch, to: batch)
    )
    var shape = batch
    if left.rank > 1 { shape.append(rows) }
    if right.rank > 1 { shape.append(columns) }
    let values = product.forward(left.scalars, right.scalars)
    return Tensor.result(of: "matmul", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
        let (left, right) = (inputs[0], inputs[1])
        return [
            left.requiresGrad
                ? .untracked(shape: left.shape, product.leftGradient(gradient.scalars, right.scalars, count: left.count))
                : nil,
            right.requiresGrad
                ? .untracked(shape: right.shape, product.rightGradient(left.scalars, gradient.scalars, count: right.count))
                : nil,
        ]
    } differentiableBackward: { gradient, inputs, _ in
        // The same products written with matmul itself, on the matrix forms of the operands:
        // gradient × rightᵀ and leftᵀ × gradient, summed over broadcast batch dimensions.
        let (left, right) = (inputs[0], inputs[1])
        let leftMatrix = left.reshaped(to: leftShape)
        let rightMatrix = right.reshaped(to: rightShape)
        let outgoing = gradient.reshaped(to: batch + [rows, columns])
        return [
            left.requiresGrad
                ? matmul(outgoing, rightMatrix.transposed(-2, -1)).sum(toShape: leftShape).reshaped(to: left.shape)
                : nil,
            right.requiresGrad
                ? matmul(leftMatrix.transposed(-2, -1), outgoing).sum(toShape: rightShape).reshaped(to: right.shape)
                : nil,
        ]
    }
}

/// A batch of `[rows, inner] × [inner, columns]` products on row-major arrays, where product `b`
/// reads left matrix `leftBatches[b]` and right matrix `rightBatches[b]` (broadcasting repeats them).
struct BatchedProduct {
    let rows: Int
    let inner: Int
    let columns: Int
    let leftBatches: [Int]
    let rightBatches: [Int]

    /// Whether every product uses the same right matrix and its own left matrix, in order; then the
    /// whole batch is one `[B·rows, inner] × [inner, columns]` product.
    private var isOneProduct: Bool {
        rightBatches.allSatisfy { $0 == 0 } && leftBatches.elementsEqual(leftBatches.indices)
    }

    /// The products, one `[rows, columns]` matrix per batch entry.
    func forward(_ left: [Double], _ right: [Double]) -> [Double] {
        var output = Array(repeating: 0.0, count: leftBatches.count * rows * columns)
        if isOneProduct {
            MatrixProduct.gemm(left, 0, right, 0, into: &output, 0, rows: leftBatches.count * rows,
                               inner: inner, columns: columns)
            return output
        }
        for (batch, (leftBatch, rightBatch)) in zip(leftBatches, rightBatches).enumerated() {
            MatrixProduct.gemm(left, leftBatch * rows * inner, right, rightBatch * inner * columns,
                               into: &output, batch * rows * columns, rows: rows, inner: inner, columns: columns)
        }
        return output
    }

    /// `gradient × rightᵀ` per batch entry, summed into each left matrix (`count` elements in all).
    func leftGradient(_ gradient: [Double], _ right: [Double], count: Int) -> [Double] {
        var output = Array(repeating: 0.0, count: count)
        if isOneProduct {
            MatrixProduct.gemm(gradient, 0, right, 0, transposeRight: true, into: &output, 0,
                               rows: leftBatches.count * rows, inner: columns, columns: inner)
            return output
        }
        for (batch, (leftBatch, rightBatch)) in zip(leftBatches, rightBatches).enumerated() {
            MatrixProduct.gemm(gradient, batch * rows * columns, right, rightBatch * inner * columns, transposeRight: true,
                               into: &output, leftBatch * rows * inner, rows: rows, inner: columns, columns: inner)
        }
        return output
    }

    /// `leftᵀ × gradient` per batch entry, summed into each right matrix (`count` elements in all).
    func rightGradient(_ left: [Double], _ gradient: [Double], count: Int) -> [Double] {
        var output = Array(repeating: 0.0, count: count)
        if isOneProduct {
            MatrixProduct.gemm(left, 0, gradient, 0, transposeLeft: true, into: &output, 0,
                               rows: inner, inner: leftBatches.count * rows, columns: columns)
            return output
        }
        for (batch, (leftBatch, rightBatch)) in zip(leftBatches, rightBatches).enumerated() {
            MatrixProduct.gemm(left, leftBatch * rows * inner, gradient, batch * rows * columns, transposeLeft: true,
                               into: &output, rightBatch * inner * columns, rows: inner, inner: rows, columns: columns)
        }
        return output
    }
}
