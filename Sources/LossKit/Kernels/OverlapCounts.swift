// Fast path of the Tversky and focal Tversky losses' soft counts (one pass, threaded, fixed blocks).
// Plain formula: `TP = (p · g).sum()`, `FP = (p · (1 − g)).sum()`, `FN = ((1 − p) · g).sum()`.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "Tversky on 1×1×300×300 masks
//   (threaded) equals the composed formula; gradients for both inputs match central differences"
//   (values to 1e-12); against PyTorch by the golden segmentation tests. Not bit for bit: blocks of
//   4096 are added in another order than `sum()`'s pairwise one.
//
// The soft true-positive, false-positive and false-negative counts of a predicted mask, in one pass.
//
// Tversky and Dice losses need TP = Σ p·g, FP = Σ p·(1 − g) and FN = Σ (1 − p)·g over every
// pixel. Written with tensor operations that is eight full-size temporaries forwards and as many
// backwards; here one pass reads p and g once, and the backward pass writes each gradient once:
//
//   ∂/∂p = a·g + b·(1 − g) − c·g,   ∂/∂g = a·p − b·p + c·(1 − p)
// for incoming gradients (a, b, c) of (TP, FP, FN). The sums are taken in fixed blocks of 4096
// pixels and the block totals added in order, so the result does not depend on the number of
// threads.

enum OverlapCounts {
    /// Pixels per block of the forward sums.
    static let blockLength = 4096

    /// `[TP, FP, FN]` of `prediction` against `target` (same shape), as one tensor of shape `[3]`.
    static func of(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let count = prediction.count
        let blocks = (count + blockLength - 1) / blockLength
        var blockTotals = [Double](repeating: 0, count: blocks * 3)
        prediction.scalars.withUnsafeBufferPointer { p in
            target.scalars.withUnsafeBufferPointer { g in
                blockTotals.withUnsafeMutableBufferPointer { totals in
                    ParallelRows.forEachRange(rows: blocks, elementsPerRow: blockLength) { range in
                        for block in range {
                            var (truePositives, falsePositives, falseNegatives) = (0.0, 0.0, 0.0)
                            for index in (block * blockLength)..<min(count, (block + 1) * blockLength) {
                                truePositives += p[index] * g[index]
                                falsePositives += p[index] * (1 - g[index])
                                falseNegatives += (1 - p[index]) * g[index]
                            }
                            totals[block * 3] = truePositives
                            totals[block * 3 + 1] = falsePositives
                            totals[block * 3 + 2] = falseNegatives
                        }
                    }
                }
            }
        }
        var counts = [0.0, 0.0, 0.0]
        for block in 0..<blocks {
            for which in 0..<3 {
                counts[which] += blockTotals[block * 3 + which]
            }
        }
        return Tensor.result(of: "overlap counts", shape: [3], scalars: counts, inputs: [prediction, target]) { gradient, inputs in
            let (prediction, target) = (inputs[0], inputs[1])
            let (a, b, c) = (gradient.scalars[0], gradient.scalars[1], gradient.scalars[2])
            // ∂/∂p = a·g + b·(1 − g) − c·g = b + (a − b − c)·g, and ∂/∂g = c + (a − b − c)·p.
            let slope = a - b - c
            return [
                prediction.requiresGrad ? .untracked(shape: prediction.shape, affine(target.scalars, offset: b, slope: slope)) : nil,
                target.requiresGrad ? .untracked(shape: target.shape, affine(prediction.scalars, offset: c, slope: slope)) : nil,
            ]
        } differentiableBackward: { gradient, inputs, _ in
            Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
                let (p, g) = (inputs[0], inputs[1])
                return stack([(p * g).sum(), (p * (1 - g)).sum(), ((1 - p) * g).sum()])
            }
        }
    }

    /// `offset + slope · values[i]` for every element, split over threads for large inputs.
    private static func affine(_ values: [Double], offset: Double, slope: Double) -> [Double] {
        let count = values.count
        return values.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: count) { output, initialized in
                ParallelRows.forEachRange(rows: count, elementsPerRow: 1) { range in
                    for index in range {
                        output[index] = offset + slope * source[index]
                    }
                }
                initialized = count
            }
        }
    }
}
