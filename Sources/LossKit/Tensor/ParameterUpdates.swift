// Changing a leaf tensor's values in place, for optimizers and hand-written training loops.
//
// PyTorch writes `with torch.no_grad(): w -= lr * w.grad`. In LossKit:
//
//     if let gradient = w.grad { w.subtract(gradient, scaledBy: learningRate) }
//     w.zeroGrad()
//
// The tensor keeps its identity (every variable that refers to it sees the new values) and its
// `grad`. These updates are never recorded, so they need no `withoutGradients` around them.
// Each one bumps the tensor's version: a graph built before the update refuses to run
// `backward()` through operations that read the old values.

extension Tensor {
    /// Subtracts `factor · other` from this leaf tensor's values in place: `self ← self − factor · other`.
    ///
    /// The gradient-descent step: `weight.subtract(gradient, scaledBy: learningRate)`.
    ///
    /// - Parameters:
    ///   - other: The tensor to subtract; its shape must broadcast to this tensor's shape.
    ///   - factor: The multiplier, such as the learning rate; 1 by default.
    public func subtract(_ other: Tensor, scaledBy factor: Double = 1) {
        add(other, scaledBy: -factor)
    }

    /// Adds `factor · other` to this leaf tensor's values in place: `self ← self + factor · other`.
    ///
    /// - Parameters:
    ///   - other: The tensor to add; its shape must broadcast to this tensor's shape.
    ///   - factor: The multiplier; 1 by default.
    public func add(_ other: Tensor, scaledBy factor: Double = 1) {
        checkUpdatable(operationName: "add(_:scaledBy:) and subtract(_:scaledBy:)")
        checkPrecondition(
            Broadcasting.canBroadcast(other.shape, to: shape),
            "add(_:scaledBy:) and subtract(_:scaledBy:) need a tensor whose shape broadcasts to \(shape), but got shape \(other.shape)."
        )
        addInPlace(Kernels.broadcast(other.scalars, from: other.shape, to: shape), scaledBy: factor)
        version += 1
    }

    /// Changes this leaf tensor's values in place with a closure that receives them as an array.
    ///
    /// Use it for updates that ``subtract(_:scaledBy:)`` cannot express, such as a momentum step:
    ///
    /// ```swift
    /// weight.update { values in
    ///     for i in values.indices { values[i] -= learningRate * velocity[i] }
    /// }
    /// ```
    ///
    /// The closure must keep the number of values, and must not read this tensor's ``scalars``
    /// (use the array it receives).
    ///
    /// - Parameter body: Changes the values, which are in row-major order.
    public func update(_ body: (inout [Double]) -> Void) {
        checkUpdatable(operationName: "update(_:)")
        let originalCount = scalars.count
        body(&scalars)
        checkPrecondition(
            scalars.count == originalCount,
            "update(_:) must keep the number of values of a tensor of shape \(shape) (\(originalCount)), but the closure left \(scalars.count)."
        )
        version += 1
    }

    /// Adds `factor · values` to ``scalars`` in place (`values` must have as many elements).
    func addInPlace(_ values: [Double], scaledBy factor: Double) {
        let count = scalars.count
        assert(values.count == count, "addInPlace needs as many values as the tensor has.")
        values.withUnsafeBufferPointer { source in
            scalars.withUnsafeMutableBufferPointer { destination in
                if factor == 1 {
                    for index in 0..<count {
                        destination[index] += source[index]
                    }
                } else {
                    for index in 0..<count {
                        destination[index] += factor * source[index]
                    }
                }
            }
        }
    }

    /// Stops with a message unless this tensor is a leaf, whose values may change in place.
    private func checkUpdatable(operationName: String) {
        checkPrecondition(
            isLeaf,
            "\(operationName) can only change a leaf tensor (one you created, such as a parameter), but this tensor of shape \(shape) is the result of an operation; change the parameters it was computed from instead."
        )
    }
}
