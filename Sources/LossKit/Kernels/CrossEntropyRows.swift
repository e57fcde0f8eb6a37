// Fast path of `crossEntropyLoss`, `labelSmoothingCrossEntropy` and the focal loss (fused, threaded).
// Plain formula: `−Σᵢ w_yᵢ·logSoftmax(x)ᵢ,yᵢ / Σᵢ w_yᵢ` with label smoothing as below, i.e.
//   `logSoftmax` + `gather` + a weighted mean composed from recorded operations.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "cross-entropy on 300×300 logits
//   (threaded) equals −mean(logSoftmax picked)" (values to 1e-12, gradients to 1e-15) and "weighted,
//   smoothed cross-entropy with ignored rows: gradients match central differences"; against
//   PyTorch by the golden classification tests. Not bit for bit: it uses the C exponential of
//   VectorKernels.swift.
//
// Cross-entropy per row, fused: log-softmax, the pick of the target and label smoothing in one
// operation with one backward rule.
//
// Composed from `logSoftmax`, `gather` and a weighted sum, cross-entropy would make several
// passes over the [M, C] scores and allocate an [M, C] buffer at each step, forwards and
// backwards. Here each row is read twice (its maximum, then its exponentials), the softmax is
// kept for the backward pass, and the backward pass writes the gradient in one pass:
//
//   ℓᵢ = (1 − ε)·w_y·(L − x_y) + (ε/C)·Σ_c w_c·(L − x_c),   L = log Σ_c exp(x_c)
//   ∂ℓᵢ/∂x_j = ((1 − ε)·w_y + ε·W/C)·p_j − (1 − ε)·w_y·[j = y] − (ε/C)·w_j,   W = Σ_c w_c
//
// with p the softmax of the row. Rows are independent, so large inputs are split over threads
// (see `ParallelRows`) without changing a single bit of the result.

import Foundation

extension ClassRows {
    /// The (weighted, optionally smoothed) cross-entropy of each row of ``scores`` against its
    /// target, shape `[M]`; 0 with no gradient for ignored rows.
    func crossEntropyPerRow(classWeights: [Double]?, labelSmoothing epsilon: Double) -> Tensor {
        let (rowCount, classes) = (targets.count, classCount)
        let weights = classWeights ?? [Double](repeating: 1, count: classes)
        let totalWeight = weights.reduce(0, +)
        let (targets, ignoreIndex) = (self.targets, self.ignoreIndex)
        let kernels = VectorKernels.best
        var losses = [Double](repeating: 0, count: rowCount)
        let probabilities = [Double](unsafeUninitializedCapacity: rowCount * classes) { buffer, initialized in
            initialized = rowCount * classes
            guard classes > 0, let probabilities = buffer.baseAddress else { return }
            scores.scalars.withUnsafeBufferPointer { x in
                guard let logits = x.baseAddress else { return }
                losses.withUnsafeMutableBufferPointer { loss in
                    ParallelRows.forEachRange(rows: rowCount, elementsPerRow: classes) { range in
                        for row in range {
                            let start = row * classes, label = targets[row]
                            let (input, output) = (logits + start, probabilities + start)
                            guard label != ignoreIndex else {
                                output.update(repeating: 0, count: classes)
                                continue
                            }
                            // The row's maximum (a NaN anywhere makes every value below NaN anyway).
                            let shift = kernels.maximum(of: input, count: classes)
                            let total = kernels.exponentials(of: input, minus: shift, into: output, count: classes)
                            let logTotal = Foundation.log(total), inverse = 1 / total
                            kernels.scale(output, count: classes, by: inverse)
                            // −log p_y = log Σ exp(x − shift) − (x_y − shift)
                            var value = (1 - epsilon) * weights[label] * (logTotal - (input[label] - shift))
                            if epsilon > 0 {
                                var spread = 0.0
                                for j in 0..<classes {
                                    spread += weights[j] * (logTotal - (input[j] - shift))
                                }
                                value += epsilon / Double(classes) * spread
                            }
                            loss[row] = value
                        }
                    }
                }
            }
        }
        let softmaxRows = probabilities
        return Tensor.result(of: "crossEntropy", shape: [rowCount], scalars: losses, inputs: [scores]) { gradient, inputs in
            let inputGradient = [Double](unsafeUninitializedCapacity: rowCount * classes) { output, initialized in
                initialized = rowCount * classes
                guard let output = output.baseAddress else { return }
                gradient.scalars.withUnsafeBufferPointer { incoming in
                    softmaxRows.withUnsafeBufferPointer { probabilities in
                        guard let p = probabilities.baseAddress else { return }
                        ParallelRows.forEachRange(rows: rowCount, elementsPerRow: classes) { range in
                            for row in range {
                                let start = row * classes, label = targets[row], g = incoming[row]
                                let rowGradient = output + start
                                guard label != ignoreIndex else {
                                    rowGradient.update(repeating: 0, count: classes)
                                    continue
                                }
                                let onTarget = g * (1 - epsilon) * weights[label]
                                let scale = onTarget + g * epsilon * totalWeight / Double(classes)
                                kernels.scaledCopy(of: p + start, count: classes, by: scale, into: rowGradient)
                                rowGradient[label] -= onTarget
                                if epsilon > 0 {
                                    let spread = g * epsilon / Double(classes)
                                    for j in 0..<classes {
                                        rowGradient[j] -= spread * weights[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return [.untracked(shape: inputs[0].shape, inputGradient)]
        } differentiableBackward: { gradient, inputs, _ in
            // The composed formula: ℓᵢ = (1 − ε)·w_y·(L − x_y) + (ε/C)·(W·L − Σ_c w_c·x_c), 0 for ignored rows.
            let kept = targets.map { $0 == ignoreIndex ? 0.0 : 1.0 }
            let targetWeights = Tensor.plain(zip(targets, kept).map { $1 * weights[$1 == 0 ? 0 : $0] }, shape: [rowCount])
            let safeTargets = zip(targets, kept).map { $1 == 0 ? 0 : $0 }
            return Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
                let scores = inputs[0]
                let logTotal = logSumExp(scores, dim: 1)
                let picked = scores.gather(dim: 1, index: safeTargets, shape: [rowCount, 1]).reshaped(to: [rowCount])
                var losses = (1 - epsilon) * targetWeights * (logTotal - picked)
                if epsilon > 0 {
                    let spread = totalWeight * logTotal - matmul(scores, Tensor.plain(weights, shape: [classes]))
                    losses = losses + (epsilon / Double(classes)) * Tensor.plain(kept, shape: [rowCount]) * spread
                }
                return losses
            }
        }
    }
}
