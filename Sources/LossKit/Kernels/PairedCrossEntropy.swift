// Fast path of InfoNCE's two cross-entropies (Losses/MetricLearning), over the rows and the
// columns of one similarity matrix, fused into one operation.
// Plain formula: `(crossEntropyLoss(S, 0..<N) + crossEntropyLoss(Sᵀ, 0..<N)) / 2` with
//   `S = matmul(a, bᵀ) / τ`; it is also the rule for gradients of gradients.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "the fused InfoNCE on 300×20
//   embeddings (threaded) equals the two composed cross-entropies" (value and gradients to 1e-12:
//   the column sums add in another order; listed in README.md), and "… the same results on 1, 2,
//   3 and 5 threads" (bit for bit).
//
// Composed, `crossEntropy(S) + crossEntropy(Sᵀ)` with `S = A·Bᵀ / τ` transposes the N×N matrix,
// divides it, and runs two softmaxes each way: a dozen N×N temporaries per step (8 MB each for
// N = 1024), whose page faults and memory traffic cost as much as the three matrix products.
// Here the forward pass keeps only S and, per row and per column, the maximum and the inverse
// of the sum of exponentials; the backward pass recomputes both softmaxes from S in one sweep:
//
//   L = ½ (1/N Σᵢ (log Σⱼ exp Sᵢⱼ − Sᵢᵢ) + 1/N Σⱼ (log Σᵢ exp Sᵢⱼ − Sⱼⱼ))
//   ∂L/∂Sᵢⱼ = (rowSoftmaxᵢⱼ + columnSoftmaxᵢⱼ − 2·[i = j]) / (2N),   ∂L/∂(A·Bᵀ) = ∂L/∂S / τ
//
// Rows are split over threads for the row sums and the gradient, columns for the column sums;
// every row's and column's sum is always added in the same order, so the thread count never
// changes a bit.

import Foundation

/// The symmetric InfoNCE loss of unit-length embeddings `a` and `b` (`[N, D]` each): the mean
/// cross-entropy of picking column i in row i of `S = a·bᵀ / temperature`, and row j in column j,
/// averaged; gradients for `a` and `b`.
func pairedCrossEntropy(_ a: Tensor, _ b: Tensor, temperature: Double) -> Tensor {
    let (count, width) = (a.shape[0], a.shape[1])
    let kernels = VectorKernels.best
    var similarities = [Double](repeating: 0, count: count * count)
    MatrixProduct.gemm(a.scalars, 0, b.scalars, 0, transposeRight: true, into: &similarities, 0,
                       rows: count, inner: width, columns: count)
    // Per row and per column: the maximum, the inverse of the sum of exponentials, the loss.
    var statistics = [Double](repeating: 0, count: 6 * count)
    similarities.withUnsafeMutableBufferPointer { matrix in
        statistics.withUnsafeMutableBufferPointer { statistics in
            guard let s = matrix.baseAddress, let rowShifts = statistics.baseAddress else { return }
            let (rowInverses, rowLosses) = (rowShifts + count, rowShifts + 2 * count)
            let (columnShifts, columnInverses, columnLosses) = (rowShifts + 3 * count, rowShifts + 4 * count, rowShifts + 5 * count)
            ParallelRows.forEachRange(rows: count, elementsPerRow: count) { rows in
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: count)
                defer { scratch.deallocate() }
                for row in rows {
                    let values = s + row * count
                    for column in 0..<count {
                        values[column] /= temperature
                    }
                    let shift = kernels.maximum(of: values, count: count)
                    let total = kernels.exponentials(of: values, minus: shift, into: scratch, count: count)
                    rowShifts[row] = shift
                    rowInverses[row] = 1 / total
                    rowLosses[row] = Foundation.log(total) - (values[row] - shift)
                }
            }
            // Each thread takes a band of columns and walks down every row of it.
            ParallelRows.forEachRange(rows: count, elementsPerRow: count) { columns in
                guard let first = columns.first else { return }
                let (shifts, sums, width) = (columnShifts + first, columnInverses + first, columns.count)
                shifts.update(from: s + first, count: width)
                for row in 1..<count {
                    kernels.updateColumnMaxima(shifts, with: s + row * count + first, count: width)
                }
                for row in 0..<count {
                    kernels.addColumnExponentials(of: s + row * count + first, minus: shifts, to: sums, count: width)
                }
                for column in columns {
                    let total = columnInverses[column]
                    columnLosses[column] = Foundation.log(total) - (s[column * count + column] - columnShifts[column])
                    columnInverses[column] = 1 / total
                }
            }
        }
    }
    let loss = (statistics[(2 * count)..<(3 * count)].withUnsafeBufferPointer(Kernels.pairwiseSum) / Double(count)
        + statistics[(5 * count)...].withUnsafeBufferPointer(Kernels.pairwiseSum) / Double(count)) / 2
    let matrix = similarities
    let shifts = Array(statistics[0..<count]), inverses = Array(statistics[count..<(2 * count)])
    let columnShiftValues = Array(statistics[(3 * count)..<(4 * count)])
    let columnInverseValues = Array(statistics[(4 * count)..<(5 * count)])
    return Tensor.result(of: "infoNCE", shape: [], scalars: [loss], inputs: [a, b]) { gradient, inputs in
        let scale = gradient.scalars[0] / (2 * Double(count) * temperature)
        let productGradient = [Double](unsafeUninitializedCapacity: count * count) { output, initialized in
            initialized = count * count
            guard let output = output.baseAddress else { return }
            matrix.withUnsafeBufferPointer { s in
                columnShiftValues.withUnsafeBufferPointer { columnShifts in
                    columnInverseValues.withUnsafeBufferPointer { columnInverses in
                        guard let s = s.baseAddress, let columnShifts = columnShifts.baseAddress,
                              let columnInverses = columnInverses.baseAddress else { return }
                        ParallelRows.forEachRange(rows: count, elementsPerRow: count) { rows in
                            for row in rows {
                                kernels.pairedSoftmax(
                                    row: s + row * count, rowShift: shifts[row], rowInverse: inverses[row],
                                    columnShifts: columnShifts, columnInverses: columnInverses, scale: scale,
                                    into: output + row * count, count: count)
                                output[row * count + row] -= 2 * scale
                            }
                        }
                    }
                }
            }
        }
        let (a, b) = (inputs[0], inputs[1])
        var aGradient: Tensor?, bGradient: Tensor?
        if a.requiresGrad {
            var values = [Double](repeating: 0, count: count * width)
            MatrixProduct.gemm(productGradient, 0, b.scalars, 0, into: &values, 0, rows: count, inner: count, columns: width)
            aGradient = .untracked(shape: a.shape, values)
        }
        if b.requiresGrad {
            var values = [Double](repeating: 0, count: count * width)
            MatrixProduct.gemm(productGradient, 0, a.scalars, 0, transposeLeft: true, into: &values, 0,
                               rows: count, inner: count, columns: width)
            bGradient = .untracked(shape: b.shape, values)
        }
        return [aGradient, bGradient]
    } differentiableBackward: { gradient, inputs, _ in
        // The composed formula, for gradients of gradients.
        Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
            let similarities = matmul(inputs[0], inputs[1].transposed()) / temperature
            let matches = Array(0..<count)
            return (crossEntropyLoss(similarities, matches) + crossEntropyLoss(similarities.transposed(), matches)) / 2
        }
    }
}
