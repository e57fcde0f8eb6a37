// Elementwise arithmetic: `+`, `-`, `*`, `/` and negation, with NumPy broadcasting.
//
// Each operation computes its values, then records how to send the gradient of its result back to
// its inputs. Because an input may have been broadcast, its gradient is summed back to its own shape.
// The backward closures receive the inputs as an argument and must not capture tensors.

extension Tensor {
    /// Combines two tensors element by element after broadcasting them to a common shape.
    ///
    /// - Parameters:
    ///   - left: The left operand.
    ///   - right: The right operand.
    ///   - symbol: The operator, used in the error message when the shapes cannot be broadcast.
    ///   - combine: The function applied to each pair of elements.
    /// - Returns: The broadcast shape and the combined values.
    @inline(__always)
    static func combineElementwise(
        _ left: Tensor,
        _ right: Tensor,
        symbol: String,
        _ combine: (Double, Double) -> Double
    ) -> (shape: [Int], scalars: [Double]) {
        let shape = broadcastShape(left, right, symbol: symbol)
        let values = Kernels.combine(left.scalars, shape: left.shape, right.scalars, shape: right.shape, into: shape, combine)
        return (shape, values)
    }

    /// The shape two operands broadcast to, stopping with a message naming both shapes and the
    /// operation when they cannot be broadcast together.
    static func broadcastShape(_ left: Tensor, _ right: Tensor, symbol: String) -> [Int] {
        if left.shape == right.shape { return left.shape }
        guard let shape = Broadcasting.resultShape(left.shape, right.shape) else {
            fatalError(
                "Cannot broadcast shapes \(left.shape) and \(right.shape) for '\(symbol)': compared from the last dimension, sizes must be equal or 1."
            )
        }
        return shape
    }

    /// Adds two tensors elementwise, broadcasting their shapes.
    public static func + (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "+") { $0 + $1 }
        return result(of: "add", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            [
                inputs[0].requiresGrad ? gradient.sum(toShape: inputs[0].shape) : nil,
                inputs[1].requiresGrad ? gradient.sum(toShape: inputs[1].shape) : nil,
            ]
        }
    }

    /// Subtracts `right` from `left` elementwise, broadcasting their shapes.
    public static func - (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "-") { $0 - $1 }
        return result(of: "subtract", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            [
                inputs[0].requiresGrad ? gradient.sum(toShape: inputs[0].shape) : nil,
                inputs[1].requiresGrad ? (-gradient).sum(toShape: inputs[1].shape) : nil,
            ]
        }
    }

    /// Multiplies two tensors elementwise (not matrix multiplication; see ``matmul(_:_:)``), broadcasting their shapes.
    public static func * (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "*") { $0 * $1 }
        return result(of: "multiply", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            let (left, right) = (inputs[0], inputs[1])
            return [
                left.requiresGrad ? (gradient * right).sum(toShape: left.shape) : nil,
                right.requiresGrad ? (gradient * left).sum(toShape: right.shape) : nil,
            ]
        }
    }

    /// Divides `left` by `right` elementwise, broadcasting their shapes.
    public static func / (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "/") { $0 / $1 }
        return result(of: "divide", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            let (left, right) = (inputs[0], inputs[1])
            return [
                // d(a / b)/da = 1 / b
                left.requiresGrad ? (gradient / right).sum(toShape: left.shape) : nil,
                // d(a / b)/db = -a / b²
                right.requiresGrad ? (-(gradient * left) / (right * right)).sum(toShape: right.shape) : nil,
            ]
        }
    }

    /// Negates every element.
    public static prefix func - (operand: Tensor) -> Tensor {
        result(of: "negate", shape: operand.shape, scalars: Kernels.map(operand.scalars) { -$0 }, inputs: [operand]) { gradient, _ in
            [-gradient]
        }
    }
}

// MARK: - Mixing tensors and numbers

extension Tensor {
    /// Adds a number to every element.
    public static func + (left: Tensor, right: Double) -> Tensor { left + Tensor(right) }

    /// Adds every element to a number.
    public static func + (left: Double, right: Tensor) -> Tensor { Tensor(left) + right }

    /// Subtracts a number from every element.
    public static func - (left: Tensor, right: Double) -> Tensor { left - Tensor(right) }

    /// Subtracts every element from a number.
    public static func - (left: Double, right: Tensor) -> Tensor { Tensor(left) - right }

    /// Multiplies every element by a number.
    public static func * (left: Tensor, right: Double) -> Tensor { left * Tensor(right) }

    /// Multiplies a number by every element.
    public static func * (left: Double, right: Tensor) -> Tensor { Tensor(left) * right }

    /// Divides every element by a number.
    public static func / (left: Tensor, right: Double) -> Tensor { left / Tensor(right) }

    /// Divides a number by every element.
    public static func / (left: Double, right: Tensor) -> Tensor { Tensor(left) / right }
}
