// Fast path of `cdist(x1, x2, p: 2)` for more than 25 rows (BLAS matrix products).
// Plain formula: `d_ij = √(Σ_k (u_ik − v_jk)²)`, the pairwise loop of `cdist` for other p.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "cdist with 40 rows (matrix-product
//   form) equals the pairwise loop to 1e-12; gradients match central differences" and "cdist(x, x)
//   with 30 rows: the diagonal is exactly 0 and sends no gradient". Not bit for bit: the product
//   form rounds differently (see Sources/LossKit/README.md).
//
// Euclidean distances between every pair of rows, computed with matrix products.
//
// ‖u − v‖² = ‖u‖² + ‖v‖² − 2·u·v, so the [P, R] matrix of squared distances is the row norms
// plus −2·U·Vᵀ, one BLAS product, instead of P·R·M subtractions in a loop. The gradient has the
// same shape: with w_ij = g_ij / d_ij (0 where d_ij = 0),
//
//   ∂/∂u_i = (Σ_j w_ij)·u_i − Σ_j w_ij·v_j       (a row scaling minus W·V)
//   ∂/∂v_j = (Σ_i w_ij)·v_j − Σ_i w_ij·u_i       (a row scaling minus Wᵀ·U)
//
// This is how PyTorch's `cdist` computes p = 2 for more than 25 rows.

import Foundation

/// The inputs of one `cdist(x1, x2, p: 2)` done by matrix products (see the file comment).
struct EuclideanDistanceMatrix {
    let x1: Tensor
    let x2: Tensor
    /// The broadcast batch shape of the result.
    let batch: [Int]
    /// For each batch entry of the result, the batch entries of `x1` and `x2` it pairs.
    let batches: [(Int, Int)]
    let rows1: Int
    let rows2: Int
    /// The length M of every row.
    let length: Int

    /// The distance tensor, `[B…, P, R]`, with its gradient rule.
    func result() -> Tensor {
        let distances = forward()
        let (rows1, rows2, length, batches) = (self.rows1, self.rows2, self.length, self.batches)
        return Tensor.result(of: "cdist", shape: batch + [rows1, rows2], scalars: distances, inputs: [x1, x2]) { gradient, inputs in
            let (x1, x2) = (inputs[0], inputs[1])
            let block = rows1 * rows2
            // −w, so that adding the BLAS products gives the "minus W·V" terms.
            let negativeWeights = Kernels.map(gradient.scalars, distances) { incoming, distance in
                distance > 0 ? -incoming / distance : 0
            }
            var gradient1 = [Double](repeating: 0, count: x1.count)
            var gradient2 = [Double](repeating: 0, count: x2.count)
            for (index, (batch1, batch2)) in batches.enumerated() {
                let (start1, start2, startW) = (batch1 * rows1 * length, batch2 * rows2 * length, index * block)
                if x1.requiresGrad {
                    MatrixProduct.gemm(negativeWeights, startW, x2.scalars, start2,
                                       into: &gradient1, start1, rows: rows1, inner: rows2, columns: length)
                }
                if x2.requiresGrad {
                    MatrixProduct.gemm(negativeWeights, startW, x1.scalars, start1, transposeLeft: true,
                                       into: &gradient2, start2, rows: rows2, inner: rows1, columns: length)
                }
                // The row scalings: u_i·Σ_j w_ij and v_j·Σ_i w_ij (the weights are stored negated).
                var rowTotals = [Double](repeating: 0, count: rows1), columnTotals = [Double](repeating: 0, count: rows2)
                negativeWeights.withUnsafeBufferPointer { weights in
                    rowTotals.withUnsafeMutableBufferPointer { rowTotals in
                        columnTotals.withUnsafeMutableBufferPointer { columnTotals in
                            for i in 0..<rows1 {
                                var rowTotal = 0.0
                                for j in 0..<rows2 {
                                    let weight = -weights[startW + i * rows2 + j]
                                    rowTotal += weight
                                    columnTotals[j] += weight
                                }
                                rowTotals[i] = rowTotal
                            }
                        }
                    }
                }
                if x1.requiresGrad {
                    Self.addScaledRows(of: x1.scalars, from: start1, by: rowTotals, length: length, to: &gradient1)
                }
                if x2.requiresGrad {
                    Self.addScaledRows(of: x2.scalars, from: start2, by: columnTotals, length: length, to: &gradient2)
                }
            }
            return [
                x1.requiresGrad ? .untracked(shape: x1.shape, gradient1) : nil,
                x2.requiresGrad ? .untracked(shape: x2.shape, gradient2) : nil,
            ]
        } differentiableBackward: { gradient, inputs, _ in
            // The same product form with recorded operations, 0 (with no gradient) where the
            // forward pass gave 0; the square root only ever sees positive numbers.
            let zero = Tensor.plain(distances.map { $0 > 0 ? 0 : 1 }, shape: gradient.shape)
            return Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
                let (x1, x2) = (inputs[0], inputs[1])
                let squaredNorms1 = (x1 * x1).sum(dim: -1, keepDims: true)
                let squaredNorms2 = (x2 * x2).sum(dim: -1).unsqueezed(dim: -2)
                let squared = squaredNorms1 + squaredNorms2 - 2 * matmul(x1, x2.transposed(-2, -1))
                return Tensor.where(zero, 0, sqrt(Tensor.where(zero, 1, squared)))
            }
        }
    }

    /// The distances in row-major order of `[B…, P, R]`.
    private func forward() -> [Double] {
        let block = rows1 * rows2
        let sameInputs = x1 === x2
        var output = [Double](repeating: 0, count: batches.count * block)
        let norms1 = squaredRowNorms(x1.scalars, rows: x1.count / max(length, 1))
        let norms2 = sameInputs ? norms1 : squaredRowNorms(x2.scalars, rows: x2.count / max(length, 1))
        for (index, (batch1, batch2)) in batches.enumerated() {
            let startW = index * block
            // u·v for every pair, into the output block.
            MatrixProduct.gemm(x1.scalars, batch1 * rows1 * length, x2.scalars, batch2 * rows2 * length,
                               transposeRight: true, into: &output, startW, rows: rows1, inner: length, columns: rows2)
            output.withUnsafeMutableBufferPointer { output in
                norms1.withUnsafeBufferPointer { norms1 in
                    norms2.withUnsafeBufferPointer { norms2 in
                        for i in 0..<rows1 {
                            let rowNorm = norms1[batch1 * rows1 + i]
                            for j in 0..<rows2 {
                                let squared = rowNorm + norms2[batch2 * rows2 + j] - 2 * output[startW + i * rows2 + j]
                                output[startW + i * rows2 + j] = squared > 0 ? squared.squareRoot() : 0
                            }
                            // A row's distance to itself is 0; rounding in the product form would leave a tiny number.
                            if sameInputs && batch1 == batch2 && i < rows2 {
                                output[startW + i * rows2 + i] = 0
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// `gradient[start + i·length + k] += scales[i] · values[start + i·length + k]` for every row `i` of `scales`.
    private static func addScaledRows(
        of values: [Double], from start: Int, by scales: [Double], length: Int, to gradient: inout [Double]
    ) {
        values.withUnsafeBufferPointer { values in
            gradient.withUnsafeMutableBufferPointer { gradient in
                for (row, scale) in scales.enumerated() {
                    let offset = start + row * length
                    for k in offset..<(offset + length) {
                        gradient[k] += scale * values[k]
                    }
                }
            }
        }
    }

    /// ‖row‖² for each row of length M.
    private func squaredRowNorms(_ values: [Double], rows: Int) -> [Double] {
        (0..<rows).map { row in
            var total = 0.0
            for k in (row * length)..<((row + 1) * length) {
                total += values[k] * values[k]
            }
            return total
        }
    }
}
