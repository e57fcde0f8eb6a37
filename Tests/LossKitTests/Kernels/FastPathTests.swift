// The fast paths added for speed (fused cross-entropy, the vectorized exponential, cdist by
// matrix products, one-pass overlap counts, in-place Adam) against the plain formulas they
// replace, on inputs large enough to take the multi-threaded paths (more than 65,536 elements).

import Foundation
import Testing

@testable import LossKit

@Suite("Fast paths agree with the plain formulas")
struct FastPathTests {
    /// Logits [rows, classes] with values in −8…8, from a fixed seed.
    func logits(rows: Int, classes: Int, seed: UInt64) -> Tensor {
        var sampler = SampleValues(seed: seed)
        return Tensor(shape: [rows, classes], scalars: sampler.next(count: rows * classes).map { $0 * 4 }, requiresGrad: true)
    }

    @Test("cross-entropy on 300×300 logits (threaded) equals −mean(logSoftmax picked), values and gradients to 1e-12")
    func crossEntropyMatchesComposition() throws {
        let fused = logits(rows: 300, classes: 300, seed: 5)
        let composed = Tensor(shape: fused.shape, scalars: fused.scalars, requiresGrad: true)
        let targets = (0..<300).map { ($0 * 37) % 300 }
        let fast = crossEntropyLoss(fused, targets)
        let plain = -logSoftmax(composed, dim: 1).gather(dim: 1, index: targets, shape: [300, 1]).mean()
        #expect(isClose(fast.item, plain.item, tolerance: 1e-12))
        fast.backward()
        plain.backward()
        let difference = largestDifference(try #require(fused.grad).scalars, try #require(composed.grad).scalars)
        #expect(difference < 1e-15, "largest gradient difference \(difference)")
    }

    @Test("weighted, smoothed cross-entropy with ignored rows: gradients match central differences (step 1e-6, tolerance 1e-6)")
    func weightedSmoothedGradients() {
        let weight = Tensor([0.5, 2, 1, 3])
        GradientCheck.expectGradientsMatch(shapes: [[6, 4]], seed: 17) { inputs in
            crossEntropyLoss(inputs[0], [0, 3, -100, 2, 1, 3], weight: weight, labelSmoothing: 0.2)
        }
        GradientCheck.expectGradientsMatch(shapes: [[5, 3]], seed: 19) { inputs in
            labelSmoothingCrossEntropy(inputs[0], [0, 2, 1, 1, 0], epsilon: 0.3)
        }
    }

    @Test("the vectorized exponential is within 4e-16 relative of Foundation.exp over −745…710 and exact at the edges, at every level")
    func vectorExponentialAccuracy() {
        var inputs = stride(from: -745.0, through: 710, by: 0.0137).map { $0 }
        inputs += [0, -0.0, 1e-300, -1e-300, 0.5 * M_LN2, -0.5 * M_LN2, 708.9, -707.9, -800, 800, .infinity, -.infinity, .nan]
        for level in VectorKernels.available {
            var outputs = [Double](repeating: 0, count: inputs.count)
            let total = inputs.withUnsafeBufferPointer { source in
                outputs.withUnsafeMutableBufferPointer { output in
                    guard let source = source.baseAddress, let output = output.baseAddress else { return 0.0 }
                    return level.exponentials(of: source, minus: 0, into: output, count: inputs.count)
                }
            }
            var worst = 0.0
            for (x, y) in zip(inputs, outputs) {
                let expected = Foundation.exp(x)
                if expected.isNaN {
                    #expect(y.isNaN, "\(level.name)")
                } else if expected == 0 || expected.isInfinite {
                    #expect(y == expected, "\(level.name): exp(\(x)) = \(y), expected \(expected)")
                } else {
                    worst = max(worst, abs(y - expected) / expected)
                }
            }
            #expect(worst < 4e-16, "\(level.name): largest relative error \(worst)")
            #expect(total.isNaN, "\(level.name): the sum over inputs containing NaN is NaN")
        }
    }

    @Test("every instruction-set level this processor runs (baseline SSE2, AVX2, AVX-512) gives bit-for-bit the same maxima, exponentials, sums, scalings and Adam steps")
    func kernelLevelsAgreeBitForBit() throws {
        let levels = VectorKernels.available
        #expect(levels.first?.name == "baseline")
        var sampler = SampleValues(seed: 43)
        // Lengths around the 8-lane blocks, values spread widely, a few out of the fast range.
        for count in [1, 3, 7, 8, 9, 15, 16, 17, 100, 1000, 1003] {
            var values = sampler.next(count: count).map { $0 * 40 }
            if count > 9 { values[count / 2] = -1000; values[count / 3] = 650 }
            let results = levels.map { level in
                values.withUnsafeBufferPointer { source -> [Double] in
                    guard let source = source.baseAddress else { return [] }
                    let maximum = level.maximum(of: source, count: count)
                    var output = [Double](repeating: 0, count: count)
                    var copy = [Double](repeating: 0, count: count)
                    let total = output.withUnsafeMutableBufferPointer { output -> Double in
                        guard let output = output.baseAddress else { return .nan }
                        let total = level.exponentials(of: source, minus: maximum, into: output, count: count)
                        level.scale(output, count: count, by: 1 / total)
                        copy.withUnsafeMutableBufferPointer { copy in
                            if let copy = copy.baseAddress { level.scaledCopy(of: output, count: count, by: 0.3, into: copy) }
                        }
                        return total
                    }
                    return [maximum, total] + output + copy
                }
            }
            for (level, result) in zip(levels, results) {
                #expect(result.map(\.bitPattern) == results[0].map(\.bitPattern), "\(level.name), \(count) values")
            }
            #expect(results[0][0] == values.max(), "the maximum of \(count) values")
        }
        // Adam with every option, over a length that leaves a scalar tail, against the formula
        // written out in Swift (the loop LossKit ran before the C kernels).
        for (decoupled, amsgrad) in [(false, false), (true, true), (false, true)] {
            let count = 1003
            var start = sampler.next(count: 5 * count)
            // v and AMSGrad's maximum are never negative.
            for index in (3 * count)..<(5 * count) { start[index] = abs(start[index]) }
            let constants = VectorKernels.Level.AdamConstants(
                beta1: 0.9, beta2: 0.999, epsilon: 1e-8, learningRate: 0.01, weightDecay: 0.1,
                stepSize: 0.01 / (1 - 0.9), biasCorrection2Root: (1 - 0.999).squareRoot(), decoupledWeightDecay: decoupled)
            let results = levels.map { level -> [Double] in
                var buffers = start
                buffers.withUnsafeMutableBufferPointer { all in
                    guard let base = all.baseAddress else { return }
                    level.adamStep(theta: base, gradient: base + count, m: base + 2 * count, v: base + 3 * count,
                                   maximum: amsgrad ? base + 4 * count : nil, count: count, constants: constants)
                }
                return buffers
            }
            var expected = start
            for i in 0..<count {
                let c = constants
                var g = expected[count + i]
                if decoupled { expected[i] *= 1 - c.learningRate * c.weightDecay } else { g += c.weightDecay * expected[i] }
                expected[2 * count + i] = lerp(expected[2 * count + i], g, 1 - c.beta1)
                expected[3 * count + i] = expected[3 * count + i] * c.beta2 + (1 - c.beta2) * g * g
                var second = expected[3 * count + i]
                if amsgrad {
                    expected[4 * count + i] = max(expected[4 * count + i], second)
                    second = expected[4 * count + i]
                }
                expected[i] += -c.stepSize * (expected[2 * count + i] / (second.squareRoot() / c.biasCorrection2Root + c.epsilon))
            }
            for (level, result) in zip(levels, results) {
                #expect(result.map(\.bitPattern) == expected.map(\.bitPattern), "\(level.name), Adam decoupled \(decoupled), AMSGrad \(amsgrad)")
            }
        }
    }

    @Test("matrix products cut into 2, 3 or 5 blocks of rows equal one OpenBLAS call bit for bit, for every transposition")
    func blockProductsEqualOneCall() {
        var sampler = SampleValues(seed: 47)
        // Inner sizes past OpenBLAS's blocking of the inner dimension; more rows than columns and the reverse.
        for (rows, inner, columns) in [(301, 517, 203), (130, 811, 290), (1024, 256, 1024)] {
            let left = sampler.next(count: rows * inner), right = sampler.next(count: inner * columns)
            for transposeLeft in [false, true] {
                for transposeRight in [false, true] {
                    let products = [1, 2, 3, 5].map { blocks -> [Double] in
                        var output = [Double](repeating: 0.5, count: rows * columns)
                        left.withUnsafeBufferPointer { a in
                            right.withUnsafeBufferPointer { b in
                                output.withUnsafeMutableBufferPointer { c in
                                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                                    MatrixProduct.multiplyAdd(a, transposeLeft: transposeLeft, b, transposeRight: transposeRight,
                                                              into: c, rows: rows, inner: inner, columns: columns, blocks: blocks)
                                }
                            }
                        }
                        return output
                    }
                    for (blocks, product) in zip([2, 3, 5], products.dropFirst()) {
                        let differing = zip(product, products[0]).filter { $0.bitPattern != $1.bitPattern }.count
                        #expect(differing == 0, "\(rows)×\(inner)×\(columns), transposed \(transposeLeft)/\(transposeRight), \(blocks) blocks: \(differing) elements differ")
                    }
                    // And the product is right: one element against a plain sum.
                    let (i, j) = (rows - 1, columns / 2)
                    let expected = 0.5 + (0..<inner).map { p in
                        (transposeLeft ? left[p * rows + i] : left[i * inner + p]) * (transposeRight ? right[j * inner + p] : right[p * columns + j])
                    }.reduce(0, +)
                    #expect(abs(products[0][i * columns + j] - expected) < 1e-10)
                }
            }
        }
    }

    @Test("a Linear layer's product with its untransposed weight equals matmul(x, Wᵀ) + b: values and input gradients bit for bit, weight gradients to 1e-12")
    func linearProductEqualsComposition() throws {
        var sampler = SampleValues(seed: 53)
        let layer = Linear(inputs: 300, outputs: 70)
        let input = Tensor(shape: [90, 300], scalars: sampler.next(count: 27_000), requiresGrad: true)
        let weight = Tensor(shape: [70, 300], scalars: layer.weight.scalars, requiresGrad: true)
        let bias = Tensor(shape: [70], scalars: try #require(layer.bias).scalars, requiresGrad: true)
        let composedInput = Tensor(shape: input.shape, scalars: input.scalars, requiresGrad: true)
        let weights = Tensor(shape: [90, 70], scalars: sampler.next(count: 6300))
        let fast = layer(input)
        let plain = matmul(composedInput, weight.transposed()) + bias
        #expect(fast.scalars.map(\.bitPattern) == plain.scalars.map(\.bitPattern))
        (fast * weights).sum().backward()
        (plain * weights).sum().backward()
        #expect(try #require(input.grad).scalars.map(\.bitPattern) == #require(composedInput.grad).scalars.map(\.bitPattern))
        // gᵀ·x and (xᵀ·g)ᵀ add the same products, but OpenBLAS may group them differently.
        let weightDifference = largestDifference(try #require(layer.weight.grad).scalars, try #require(weight.grad).scalars)
        #expect(weightDifference < 1e-12, "largest weight-gradient difference \(weightDifference)")
        #expect(try #require(layer.bias?.grad).scalars.map(\.bitPattern) == #require(bias.grad).scalars.map(\.bitPattern))
    }

    @Test("the fused InfoNCE on 300×20 embeddings (threaded) equals the two composed cross-entropies: value to 1e-12, gradients to 1e-12; small cases match central differences")
    func fusedInfoNCEMatchesComposition() throws {
        var sampler = SampleValues(seed: 59)
        let z1 = Tensor(shape: [300, 20], scalars: sampler.next(count: 6000), requiresGrad: true)
        let z2 = Tensor(shape: [300, 20], scalars: sampler.next(count: 6000), requiresGrad: true)
        let (c1, c2) = (Tensor(shape: z1.shape, scalars: z1.scalars, requiresGrad: true), Tensor(shape: z2.shape, scalars: z2.scalars, requiresGrad: true))
        let fast = infoNCELoss(z1, z2, temperature: 0.07)
        let similarities = matmul(c1.normalized(dim: 1), c2.normalized(dim: 1).transposed()) / 0.07
        let matches = Array(0..<300)
        let plain = (crossEntropyLoss(similarities, matches) + crossEntropyLoss(similarities.transposed(), matches)) / 2
        #expect(isClose(fast.item, plain.item, tolerance: 1e-12))
        fast.backward()
        plain.backward()
        let differences = [
            largestDifference(try #require(z1.grad).scalars, try #require(c1.grad).scalars),
            largestDifference(try #require(z2.grad).scalars, try #require(c2.grad).scalars),
        ]
        #expect(differences.allSatisfy { $0 < 1e-12 }, "largest gradient differences \(differences)")
        GradientCheck.expectGradientsMatch(shapes: [[5, 3], [5, 3]], seed: 61) { inputs in
            infoNCELoss(inputs[0], inputs[1], temperature: 0.5)
        }
        GradientCheck.expectGradientsMatch(shapes: [[1, 4], [1, 4]], seed: 67) { inputs in
            infoNCELoss(inputs[0], inputs[1], temperature: 0.2)
        }
    }

    @Test("cross-entropy, InfoNCE, Adam and a large matrix product give bit-for-bit the same results on 1, 2, 3 and 5 threads")
    func resultsDoNotDependOnThreadCount() throws {
        var sampler = SampleValues(seed: 71)
        let logitValues = sampler.next(count: 700 * 130).map { $0 * 6 }
        let targets = (0..<700).map { ($0 * 31) % 130 }
        let (z1Values, z2Values) = (sampler.next(count: 400 * 33), sampler.next(count: 400 * 33))
        let (left, right) = (sampler.next(count: 290 * 170), sampler.next(count: 170 * 180))
        let parameters = sampler.next(count: 150_001), gradients = sampler.next(count: 150_001)
        func everything() throws -> [String: [UInt64]] {
            let logits = Tensor(shape: [700, 130], scalars: logitValues, requiresGrad: true)
            let focal = focalLoss(logits, targets)
            let crossEntropy = crossEntropyLoss(logits, targets, labelSmoothing: 0.1)
            (focal + crossEntropy).backward()
            let z1 = Tensor(shape: [400, 33], scalars: z1Values, requiresGrad: true)
            let z2 = Tensor(shape: [400, 33], scalars: z2Values, requiresGrad: true)
            let contrastive = infoNCELoss(z1, z2)
            contrastive.backward()
            let product = matmul(Tensor(shape: [290, 170], scalars: left), Tensor(shape: [170, 180], scalars: right))
            let weights = Tensor(parameters, requiresGrad: true)
            weights.grad = Tensor(gradients)
            let adam = Adam([weights], learningRate: 0.01, weightDecay: 0.01)
            adam.step()
            adam.step()
            let sections: [String: [Double]] = [
                "cross-entropy and focal": [focal.item, crossEntropy.item] + (try #require(logits.grad).scalars),
                "InfoNCE": [contrastive.item] + (try #require(z1.grad).scalars) + (try #require(z2.grad).scalars),
                "matrix product": product.scalars, "Adam": weights.scalars,
            ]
            return sections.mapValues { $0.map(\.bitPattern) }
        }
        let reference = try ParallelRows.$threadCountForTesting.withValue(1) { try everything() }
        for threads in [2, 3, 5] {
            let result = try ParallelRows.$threadCountForTesting.withValue(threads) { try everything() }
            for (name, values) in reference.sorted(by: { $0.key < $1.key }) {
                let differing = zip(result[name] ?? [], values).filter { $0 != $1 }.count
                #expect(result[name]?.count == values.count && differing == 0, "\(name), \(threads) threads: \(differing) values differ from 1 thread")
            }
        }
    }

    @Test("tiled transposes equal the strided gather bit for bit (values are only moved), for batches and edge tiles")
    func tiledTransposeEqualsGather() {
        var sampler = SampleValues(seed: 73)
        for shape in [[1, 1], [3, 70, 45], [33, 32], [2, 64, 97]] {
            let values = sampler.next(count: shape.reduce(1, *))
            let rank = shape.count
            let order = Array(0..<(rank - 2)) + [rank - 1, rank - 2]
            let strides = StridedLayout.contiguousStrides(of: shape)
            let gathered = values.withUnsafeBufferPointer { source in
                StridedLayout.gather(source, offset: 0, shape: order.map { shape[$0] }, strides: order.map { strides[$0] })
            }
            let tiled = StridedLayout.permute(values, shape: shape, order: order)
            #expect(tiled.map(\.bitPattern) == gathered.map(\.bitPattern), "shape \(shape)")
        }
    }

    @Test("cdist with 40 rows (matrix-product form) equals the pairwise loop to 1e-12; gradients match central differences")
    func cdistProductForm() throws {
        var sampler = SampleValues(seed: 23)
        let a = Tensor(shape: [40, 5], scalars: sampler.next(count: 200), requiresGrad: true)
        let b = Tensor(shape: [30, 5], scalars: sampler.next(count: 150), requiresGrad: true)
        let distances = cdist(a, b)
        var worst = 0.0
        for i in 0..<40 {
            for j in 0..<30 {
                let direct = (0..<5).map { pow(a.scalars[i * 5 + $0] - b.scalars[j * 5 + $0], 2) }.reduce(0, +).squareRoot()
                worst = max(worst, abs(distances.scalars[i * 30 + j] - direct))
            }
        }
        #expect(worst < 1e-12, "largest difference from the pairwise loop \(worst)")
        let weights = Tensor(shape: [40, 30], scalars: sampler.next(count: 1200))
        GradientCheck.expectGradientsMatch(inputs: [a, b]) { inputs in
            (cdist(inputs[0], inputs[1]) * weights).sum()
        }
    }

    @Test("cdist(x, x) with 30 rows: the diagonal is exactly 0 and sends no gradient")
    func cdistSelfDistance() throws {
        var sampler = SampleValues(seed: 29)
        let x = Tensor(shape: [30, 4], scalars: sampler.next(count: 120).map { $0 + 100 }, requiresGrad: true)
        let distances = cdist(x, x)
        #expect((0..<30).allSatisfy { distances.scalars[$0 * 30 + $0] == 0 })
        distances.sum().backward()
        let gradient = try #require(x.grad).scalars
        #expect(gradient.allSatisfy { $0.isFinite })
    }

    @Test("Tversky on 1×1×300×300 masks (threaded) equals the composed formula; gradients for both inputs match central differences")
    func tverskyOverlapCounts() throws {
        var sampler = SampleValues(seed: 31)
        let count = 300 * 300
        let p = Tensor(shape: [1, 1, 300, 300], scalars: sampler.nextPositive(count: count).map { $0 / 2 }, requiresGrad: true)
        let g = Tensor(shape: [1, 1, 300, 300], scalars: sampler.next(count: count).map { $0 > 0.8 ? 1 : 0 })
        let fast = tverskyLoss(p, g, alpha: 0.3, beta: 0.7)
        let plain = 1 - ((p * g).sum() + 1) / ((p * g).sum() + 0.3 * (p * (1 - g)).sum() + 0.7 * ((1 - p) * g).sum() + 1)
        #expect(isClose(fast.item, plain.item, tolerance: 1e-12))
        GradientCheck.expectGradientsMatch(shapes: [[2, 1, 3, 3], [2, 1, 3, 3]], seed: 37, positive: true) { inputs in
            tverskyLoss(inputs[0], inputs[1], alpha: 0.4, beta: 0.9)
        }
    }

    @Test("Adam on 100,000 parameters (threaded) gives bit-for-bit the values of two 50,000-parameter halves")
    func adamThreadedEqualsSequential() {
        var sampler = SampleValues(seed: 41)
        let values = sampler.next(count: 100_000), gradients = sampler.next(count: 100_000)
        let whole = Tensor(values, requiresGrad: true)
        let halves = [Tensor(Array(values[..<50_000]), requiresGrad: true), Tensor(Array(values[50_000...]), requiresGrad: true)]
        let wholeAdam = Adam([whole], learningRate: 0.01, weightDecay: 0.1, amsgrad: true)
        let halvesAdam = Adam(halves, learningRate: 0.01, weightDecay: 0.1, amsgrad: true)
        for step in 0..<3 {
            let scaled = gradients.map { $0 * Double(step + 1) }
            whole.grad = Tensor(scaled)
            halves[0].grad = Tensor(Array(scaled[..<50_000]))
            halves[1].grad = Tensor(Array(scaled[50_000...]))
            wholeAdam.step()
            halvesAdam.step()
        }
        #expect(whole.scalars == halves[0].scalars + halves[1].scalars)
    }
}
