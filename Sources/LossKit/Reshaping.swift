// Changing how the same elements are arranged into dimensions.

extension Tensor {
    /// Returns the same elements, in the same row-major order, arranged in `newShape`.
    ///
    /// The gradient is reshaped back to this tensor's shape.
    func reshaped(to newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let newCount = newShape.reduce(1, *)
        checkPrecondition(
            newShape.allSatisfy { $0 >= 0 } && newCount == count,
            "Cannot reshape a tensor of shape \(shape) (\(count) elements) to shape \(newShape) (\(newCount) elements)."
        )
        let originalShape = shape
        return Tensor.result(of: "reshape", shape: newShape, scalars: scalars, inputs: [self]) { gradient, _ in
            [gradient.reshaped(to: originalShape)]
        }
    }
}
