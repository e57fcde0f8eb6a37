// Matrix multiplication, computed by the BLAS routine `cblas_dgemm` (OpenBLAS).

import CBLAS

/// Multiplies two matrices: `left` of shape `[m, k]` times `right` of shape `[k, n]` gives shape `[m, n]`.
///
/// Element `[i, j]` of the result is `sum over p of left[i, p] * right[p, j]`.
/// The gradients are `gradient × rightᵀ` for `left` and `leftᵀ × gradient` for `right`.
///
/// - Parameters:
///   - left: A two-dimensional tensor of shape `[m, k]`.
///   - right: A two-dimensional tensor of shape `[k, n]`.
/// - Returns: The matrix product, of shape `[m, n]`.
public func matmul(_ left: Tensor, _ right: Tensor) -> Tensor {
    checkPrecondition(
        left.rank == 2 && right.rank == 2,
        "matmul needs two matrices (rank 2), but got shapes \(left.shape) and \(right.shape)."
    )
    checkPrecondition(
        left.shape[1] == right.shape[0],
        "matmul needs the columns of the left matrix to match the rows of the right one, but got shapes \(left.shape) and \(right.shape) (\(left.shape[1]) ≠ \(right.shape[0]))."
    )
    let product = MatrixProduct.multiply(
        left.scalars, rows: left.shape[0], columns: left.shape[1], transposed: false,
        by: right.scalars, rows: right.shape[0], columns: right.shape[1], transposed: false
    )
    let shape = [left.shape[0], right.shape[1]]
    return Tensor.result(of: "matmul", shape: shape, scalars: product, inputs: [left, right]) { gradient, inputs in
        let (left, right) = (inputs[0], inputs[1])
        let gradientOfLeft = left.requiresGrad
            ? MatrixProduct.multiply(
                gradient.scalars, rows: shape[0], columns: shape[1], transposed: false,
                by: right.scalars, rows: right.shape[0], columns: right.shape[1], transposed: true)
            : nil
        let gradientOfRight = right.requiresGrad
            ? MatrixProduct.multiply(
                left.scalars, rows: left.shape[0], columns: left.shape[1], transposed: true,
                by: gradient.scalars, rows: shape[0], columns: shape[1], transposed: false)
            : nil
        return [
            gradientOfLeft.map { Tensor(shape: left.shape, storage: $0, requiresGrad: false, gradientFunction: nil) },
            gradientOfRight.map { Tensor(shape: right.shape, storage: $0, requiresGrad: false, gradientFunction: nil) },
        ]
    }
}

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
        // BLAS rejects empty matrices' leading dimensions; an empty inner dimension gives zeros.
        guard outputRows > 0, outputColumns > 0, innerCount > 0 else { return output }
        left.withUnsafeBufferPointer { leftBuffer in
            right.withUnsafeBufferPointer { rightBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    cblas_dgemm(
                        CblasRowMajor,
                        transposeLeft ? CblasTrans : CblasNoTrans,
                        transposeRight ? CblasTrans : CblasNoTrans,
                        blasint(outputRows), blasint(outputColumns), blasint(innerCount),
                        1.0,
                        leftBuffer.baseAddress, blasint(leftColumns),
                        rightBuffer.baseAddress, blasint(rightColumns),
                        0.0,
                        outputBuffer.baseAddress, blasint(outputColumns)
                    )
                }
            }
        }
        return output
    }
}
