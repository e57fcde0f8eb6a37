// Making tensors from a shape: zeros, ones, constants, ranges, identity matrices.
// Random tensors are in RandomTensors.swift.

extension Tensor {
    /// A tensor of the given shape filled with zeros.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension; `[]` makes a scalar.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 0, requiresGrad: requiresGrad)
    }

    /// A tensor of the given shape filled with ones.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension; `[]` makes a scalar.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// A tensor of the given shape with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension; `[]` makes a scalar.
    ///   - value: The value of every element.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public static func full(_ shape: [Int], value: Double, requiresGrad: Bool = false) -> Tensor {
        checkShape(shape, operationName: "full")
        let values = [Double](repeating: value, count: shape.reduce(1, *))
        return Tensor(shape: shape, storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// A tensor of zeros with the same shape as `other`.
    ///
    /// - Parameters:
    ///   - other: The tensor whose shape to copy (its values and history are ignored).
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for the new tensor.
    public static func zeros(like other: Tensor, requiresGrad: Bool = false) -> Tensor {
        zeros(other.shape, requiresGrad: requiresGrad)
    }

    /// A tensor of ones with the same shape as `other`.
    ///
    /// - Parameters:
    ///   - other: The tensor whose shape to copy (its values and history are ignored).
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for the new tensor.
    public static func ones(like other: Tensor, requiresGrad: Bool = false) -> Tensor {
        ones(other.shape, requiresGrad: requiresGrad)
    }

    /// Evenly spaced values from `start` up to, but not including, `end`: `start, start + step, …`.
    ///
    /// Element `i` is `start + i · step`, and there are `⌈(end − start) / step⌉` of them, as in
    /// NumPy's `arange` and PyTorch's `torch.arange`. `Tensor.arange(0, 1, step: 0.25)` is
    /// `[0, 0.25, 0.5, 0.75]`; a negative step counts down.
    ///
    /// - Parameters:
    ///   - start: The first value.
    ///   - end: The bound that is never reached.
    ///   - step: The distance between neighbours; nonzero, and pointing from `start` towards `end`.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    /// - Returns: A one-dimensional tensor.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1, requiresGrad: Bool = false) -> Tensor {
        checkPrecondition(
            step != 0 && step.isFinite && start.isFinite && end.isFinite,
            "arange(\(start), \(end), step: \(step)) needs finite bounds and a finite, nonzero step."
        )
        checkPrecondition(
            (end - start) / step >= 0,
            "arange(\(start), \(end), step: \(step)) never reaches \(end) from \(start): the step must point from start towards end."
        )
        let count = Int(((end - start) / step).rounded(.up))
        let values = (0..<count).map { start + Double($0) * step }
        return Tensor(shape: [count], storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// The numbers `0, 1, 2, …` up to, but not including, `end`.
    ///
    /// `Tensor.arange(4)` is `[0, 1, 2, 3]`.
    ///
    /// - Parameters:
    ///   - end: The bound that is never reached (0 or more).
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    /// - Returns: A one-dimensional tensor.
    public static func arange(_ end: Double, requiresGrad: Bool = false) -> Tensor {
        arange(0, end, step: 1, requiresGrad: requiresGrad)
    }

    /// `count` evenly spaced values from `start` to `end`, both included.
    ///
    /// Element `i` is `start + i · (end − start) / (count − 1)`, and the last one is exactly `end`,
    /// as in NumPy's `linspace`. `Tensor.linspace(0, 1, count: 5)` is `[0, 0.25, 0.5, 0.75, 1]`.
    /// With `count` 1 the result is `[start]`.
    ///
    /// - Parameters:
    ///   - start: The first value.
    ///   - end: The last value.
    ///   - count: How many values (0 or more).
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    /// - Returns: A one-dimensional tensor of `count` elements.
    public static func linspace(_ start: Double, _ end: Double, count: Int, requiresGrad: Bool = false) -> Tensor {
        checkPrecondition(count >= 0, "linspace(\(start), \(end), count: \(count)) needs a count of 0 or more.")
        let step = count > 1 ? (end - start) / Double(count - 1) : 0
        var values = (0..<count).map { start + Double($0) * step }
        if count > 1 {
            values[count - 1] = end
        }
        return Tensor(shape: [count], storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// The `n × n` identity matrix: ones on the diagonal, zeros elsewhere.
    ///
    /// - Parameters:
    ///   - n: The number of rows and columns (0 or more).
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    /// - Returns: A tensor of shape `[n, n]`.
    public static func eye(_ n: Int, requiresGrad: Bool = false) -> Tensor {
        checkPrecondition(n >= 0, "eye(\(n)) needs a size of 0 or more.")
        var values = [Double](repeating: 0, count: n * n)
        for index in 0..<n {
            values[index * n + index] = 1
        }
        return Tensor(shape: [n, n], storage: values, requiresGrad: requiresGrad, gradientFunction: nil)
    }

    /// Stops with a message naming `operationName` if `shape` has a negative size.
    static func checkShape(_ shape: [Int], operationName: String) {
        checkPrecondition(
            shape.allSatisfy { $0 >= 0 },
            "\(operationName)(\(shape)) has a negative dimension; every size must be 0 or more."
        )
    }
}
