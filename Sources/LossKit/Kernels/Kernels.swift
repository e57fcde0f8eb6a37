// Fast path of every elementwise operation and of every sum.
// Plain formula: `result[i] = f(x[i])`, and with broadcasting `result[i] = f(left[j], right[k])`
//   where j and k are i's index with each copied dimension set to 0 (NumPy's rule); `sum` and
//   `broadcast` are the same walk backwards. `pairwiseSum` is Σ xᵢ in NumPy's pairwise order.
// Checked by: Tests/LossKitTests/Tensor/BroadcastingTests.swift, "Strided loops agree with index
//   arithmetic for many shape pairs" (values and gradients bit for bit, ==), and
//   Tests/LossKitTests/Ops/ReductionTests.swift, "Long sums are added pairwise, like NumPy" (==).
//
// The loops that do the arithmetic, over contiguous buffers of `Double`.
//
// Operations describe what to compute per element with a closure; these helpers run it in a plain
// loop over `withUnsafeBufferPointer` and `[Double](unsafeUninitializedCapacity:)`. The helpers
// are `@inline(__always)` and the closures non-escaping, so in optimized builds the compiler
// inlines each closure into its loop (and vectorizes it where it can): there is no call and no
// allocation per element. Broadcasting walks the operands with strides (see `StridedWalk`),
// never through a per-element index table.

/// Elementwise loops over arrays of `Double`, with and without broadcasting.
enum Kernels {
    /// Applies `transform` to every element: `result[i] = transform(values[i])`.
    @inline(__always)
    static func map(_ values: [Double], _ transform: (Double) -> Double) -> [Double] {
        let count = values.count
        return values.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
                for index in 0..<count {
                    output[index] = transform(source[index])
                }
                initializedCount = count
            }
        }
    }

    /// Combines two arrays of the same length: `result[i] = combine(left[i], right[i])`.
    @inline(__always)
    static func map(_ left: [Double], _ right: [Double], _ combine: (Double, Double) -> Double) -> [Double] {
        let count = left.count
        assert(right.count == count, "Kernels.map needs arrays of the same length.")
        return left.withUnsafeBufferPointer { first in
            right.withUnsafeBufferPointer { second in
                [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
                    for index in 0..<count {
                        output[index] = combine(first[index], second[index])
                    }
                    initializedCount = count
                }
            }
        }
    }

    /// Combines three arrays of the same length: `result[i] = combine(a[i], b[i], c[i])`.
    @inline(__always)
    static func map(
        _ first: [Double], _ second: [Double], _ third: [Double],
        _ combine: (Double, Double, Double) -> Double
    ) -> [Double] {
        let count = first.count
        assert(second.count == count && third.count == count, "Kernels.map needs arrays of the same length.")
        return first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                third.withUnsafeBufferPointer { c in
                    [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
                        for index in 0..<count {
                            output[index] = combine(a[index], b[index], c[index])
                        }
                        initializedCount = count
                    }
                }
            }
        }
    }

    /// Combines two arrays after broadcasting their shapes to `shape` (which must be their broadcast shape).
    @inline(__always)
    static func combine(
        _ left: [Double], shape leftShape: [Int],
        _ right: [Double], shape rightShape: [Int],
        into shape: [Int],
        _ combine: (Double, Double) -> Double
    ) -> [Double] {
        if leftShape == rightShape {
            return map(left, right, combine)
        }
        let walk = StridedWalk(
            shape: shape,
            firstStrides: Broadcasting.strides(of: leftShape, broadcastTo: shape),
            secondStrides: Broadcasting.strides(of: rightShape, broadcastTo: shape)
        )
        let count = walk.count
        let runLength = walk.runLength
        let (leftStep, rightStep) = (walk.innerFirstStride, walk.innerSecondStride)
        return left.withUnsafeBufferPointer { first in
            right.withUnsafeBufferPointer { second in
                [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
                    walk.forEachRun { start, leftStart, rightStart in
                        if leftStep == 1 && rightStep == 0 {
                            let rightValue = second[rightStart]
                            for index in 0..<runLength {
                                output[start + index] = combine(first[leftStart + index], rightValue)
                            }
                        } else if leftStep == 0 && rightStep == 1 {
                            let leftValue = first[leftStart]
                            for index in 0..<runLength {
                                output[start + index] = combine(leftValue, second[rightStart + index])
                            }
                        } else if leftStep == 1 && rightStep == 1 {
                            for index in 0..<runLength {
                                output[start + index] = combine(first[leftStart + index], second[rightStart + index])
                            }
                        } else {
                            for index in 0..<runLength {
                                output[start + index] = combine(
                                    first[leftStart + index * leftStep], second[rightStart + index * rightStep])
                            }
                        }
                    }
                    initializedCount = count
                }
            }
        }
    }

    /// Copies `values` (of shape `source`) along new or size-1 dimensions to shape `target`.
    static func broadcast(_ values: [Double], from source: [Int], to target: [Int]) -> [Double] {
        if source == target { return values }
        let walk = StridedWalk(
            shape: target,
            firstStrides: Broadcasting.strides(of: source, broadcastTo: target),
            secondStrides: Array(repeating: 0, count: target.count)
        )
        let count = walk.count
        let runLength = walk.runLength
        let step = walk.innerFirstStride
        return values.withUnsafeBufferPointer { input in
            [Double](unsafeUninitializedCapacity: count) { output, initializedCount in
                walk.forEachRun { start, sourceStart, _ in
                    if step == 0 {
                        let value = input[sourceStart]
                        for index in 0..<runLength {
                            output[start + index] = value
                        }
                    } else {
                        for index in 0..<runLength {
                            output[start + index] = input[sourceStart + index * step]
                        }
                    }
                }
                initializedCount = count
            }
        }
    }

    /// Adds up `values` (of shape `source`) over the dimensions that broadcasting `target` to
    /// `source` would copy, giving an array of shape `target`.
    ///
    /// Runs of elements that all land in one sum are added pairwise, as NumPy does; see ``pairwiseSum(_:)``.
    static func sum(_ values: [Double], shape source: [Int], toShape target: [Int]) -> [Double] {
        if source == target { return values }
        let walk = StridedWalk(
            shape: source,
            firstStrides: Broadcasting.strides(of: target, broadcastTo: source),
            secondStrides: Array(repeating: 0, count: source.count)
        )
        let targetCount = target.reduce(1, *)
        let runLength = walk.runLength
        let step = walk.innerFirstStride
        var sums = [Double](repeating: 0, count: targetCount)
        values.withUnsafeBufferPointer { input in
            sums.withUnsafeMutableBufferPointer { output in
                walk.forEachRun { start, targetStart, _ in
                    if step == 0 {
                        output[targetStart] += pairwiseSum(UnsafeBufferPointer(rebasing: input[start..<(start + runLength)]))
                    } else {
                        for index in 0..<runLength {
                            output[targetStart + index * step] += input[start + index]
                        }
                    }
                }
            }
        }
        return sums
    }

    /// The sum of `values`, added in the pairwise order NumPy uses: blocks of up to 128 elements
    /// are summed with eight running totals, and longer runs are split in two halves.
    ///
    /// This is both faster than one running total (the eight totals are independent) and more
    /// accurate: the rounding error grows like `log n` instead of `n`.
    static func pairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
        let count = values.count
        if count < 8 {
            var total = 0.0
            for index in 0..<count {
                total += values[index]
            }
            return total
        }
        if count <= 128 {
            var r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3]
            var r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7]
            var index = 8
            let blockEnd = count - count % 8
            while index < blockEnd {
                r0 += values[index]
                r1 += values[index + 1]
                r2 += values[index + 2]
                r3 += values[index + 3]
                r4 += values[index + 4]
                r5 += values[index + 5]
                r6 += values[index + 6]
                r7 += values[index + 7]
                index += 8
            }
            var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < count {
                total += values[index]
                index += 1
            }
            return total
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(UnsafeBufferPointer(rebasing: values[0..<half]))
            + pairwiseSum(UnsafeBufferPointer(rebasing: values[half..<count]))
    }
}
