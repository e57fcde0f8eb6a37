// Copying elements by their flat (row-major) positions, forwards and back.
//
// Picking operations (gather, max along a dimension, max pooling, indexing) read each element of
// their result from one position of their input; their gradient adds each incoming element back
// at that position. Both directions are linear and each is the other's gradient, so as recorded
// operations they make the picking operations differentiable to any order: the gradient of a
// gather is a scatter-add, whose gradient is the gather again.

extension Tensor {
    /// The elements at `positions` (flat, row-major positions in this tensor), arranged in
    /// `resultShape`: `result[i] = self[positions[i]]`.
    ///
    /// The gradient adds each incoming element back at its position (``scatterAdded(at:into:)``).
    func gathered(at positions: [Int], shape resultShape: [Int]) -> Tensor {
        assert(positions.count == resultShape.reduce(1, *), "gathered(at:shape:) needs one position per result element.")
        let values = scalars.withUnsafeBufferPointer { input in
            [Double](unsafeUninitializedCapacity: positions.count) { output, initialized in
                for (element, position) in positions.enumerated() {
                    output[element] = input[position]
                }
                initialized = positions.count
            }
        }
        let sourceShape = shape
        return Tensor.result(of: "gather positions", shape: resultShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.scatterAdded(at: positions, into: sourceShape)]
        }
    }

    /// A tensor of zeros of shape `targetShape` with each element of this tensor added at its
    /// position: `result[positions[i]] += self[i]`. Positions may repeat; their elements add up.
    ///
    /// The gradient reads each incoming element back from its position (``gathered(at:shape:)``).
    func scatterAdded(at positions: [Int], into targetShape: [Int]) -> Tensor {
        assert(positions.count == count, "scatterAdded(at:into:) needs one position per element.")
        var values = [Double](repeating: 0, count: targetShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { input in
            values.withUnsafeMutableBufferPointer { output in
                for (element, position) in positions.enumerated() {
                    output[position] += input[element]
                }
            }
        }
        let sourceShape = shape
        return Tensor.result(of: "scatter-add positions", shape: targetShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.gathered(at: positions, shape: sourceShape)]
        }
    }
}
