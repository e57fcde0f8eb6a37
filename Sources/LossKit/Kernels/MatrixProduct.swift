// Fast path of every matrix product: `matmul`, `Linear`, convolution (im2col) and `cdist` by
// products all call `MatrixProduct.gemm`, one BLAS `cblas_dgemm` per product (OpenBLAS), or per
// block of rows for large products (ParallelMatrixProduct.swift).
// Plain formula: `out[i, j] += Σ_p left[i, p] · right[p, j]` (with the transposes asked for), the
//   textbook triple loop.
// Checked by: Tests/LossKitTests/Ops/MatrixMultiplicationTests.swift, "Rectangular matrices agree
//   with the triple loop" (to 1e-14, not bit for bit: BLAS blocks and orders the sums its own way),
//   and Tests/LossKitTests/Ops/BatchedMatmulTests.swift against numpy.matmul.


/// Plain matrix products on row-major arrays, via BLAS.
enum MatrixProduct {
    /// Computes `op(left) × op(right)`, where `op` transposes a matrix when asked to.
    ///
    /// Rows and columns describe each matrix as stored, before any transposition.
    /// Returns the product in row-major order.
    static func multiply(
        _ left: [Double], rows leftRows: Int, columns leftColumns: Int, transposed transposeLeft: Bool,
        by right: [Double], rows rightRows: Int, columns rightColumns: Int, transposed transposeRight: Bool
    ) -> [Double] {
        let outputRows = transposeLeft ? leftColumns : leftRows
        let innerCount = transposeLeft ? leftRows : leftColumns
        let outputColumns = transposeRight ? rightRows : rightColumns
        assert(innerCount == (transposeRight ? rightColumns : rightRows), "Inner matrix dimensions differ.")
        var output = Array(repeating: 0.0, count: outputRows * outputColumns)
        gemm(left, 0, right, 0, transposeLeft: transposeLeft, transposeRight: transposeRight,
             into: &output, 0, rows: outputRows, inner: innerCount, columns: outputColumns)
        return output
    }

    /// Adds `op(left) × op(right)` to the `[rows, columns]` matrix stored in `output` from `outputStart`.
    ///
    /// `op(left)` is `[rows, inner]` and `op(right)` is `[inner, columns]`; each is stored row-major
    /// from its start offset, transposed (that is, stored as `[inner, rows]` or `[columns, inner]`)
    /// when asked. Adding rather than overwriting lets broadcast batches sum their gradients.
    static func gemm(
        _ left: [Double], _ leftStart: Int, _ right: [Double], _ rightStart: Int,
        transposeLeft: Bool = false, transposeRight: Bool = false,
        into output: inout [Double], _ outputStart: Int, rows: Int, inner: Int, columns: Int
    ) {
        // BLAS rejects the leading dimensions of empty matrices; an empty product adds nothing.
        guard rows > 0, columns > 0, inner > 0 else { return }
        left.withUnsafeBufferPointer { leftBuffer in
            right.withUnsafeBufferPointer { rightBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    guard let leftBase = leftBuffer.baseAddress, let rightBase = rightBuffer.baseAddress,
                          let outputBase = outputBuffer.baseAddress else { return }
                    multiplyAdd(leftBase + leftStart, transposeLeft: transposeLeft, rightBase + rightStart,
                                transposeRight: transposeRight, into: outputBase + outputStart,
                                rows: rows, inner: inner, columns: columns)
                }
            }
        }
    }
}
