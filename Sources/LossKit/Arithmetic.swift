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
    static func combineElementwise(
        _ left: Tensor,
        _ right: Tensor,
        symbol: String,
        _ combine: (Double, Double) -> Double
    ) -> (shape: [Int], scalars: [Double]) {
        if left.shape == right.shape {
            return (left.shape, zip(left.scalars, right.scalars).map(combine))
        }
        guard let shape = Broadcasting.resultShape(left.shape, right.shape) else {
            fatalError(
                "Cannot broadcast shapes \(left.shape) and \(right.shape) for '\(symbol)': compared from the last dimension, sizes must be equal or 1."
            )
        }
        let leftValues = left.shape == shape
            ? left.scalars
            : Broadcasting.sourceIndices(from: left.shape, to: shape).map { left.scalars[$0] }
        let rightValues = right.shape == shape
            ? right.scalars
            : Broadcasting.sourceIndices(from: right.shape, to: shape).map { right.scalars[$0] }
        return (shape, zip(leftValues, rightValues).map(combine))
    }

    /// Adds two tensors elementwise, broadcasting their shapes.
    public static func + (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "+", +)
        return result(of: "add", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            [gradient.sum(toShape: inputs[0].shape), gradient.sum(toShape: inputs[1].shape)]
        }
    }

    /// Subtracts `right` from `left` elementwise, broadcasting their shapes.
    public static func - (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "-", -)
        return result(of: "subtract", shape: shape, scalars: values, inputs: [left, right]) { gradient, inputs in
            [gradient.sum(toShape: inputs[0].shape), (-gradient).sum(toShape: inputs[1].shape)]
        }
    }

    /// Multiplies two tensors elementwise (not matrix multiplication; see ``matmul(_:_:)``), broadcasting their shapes.
    public static func * (left: Tensor, right: Tensor) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: "*", *)
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
        let (shape, values) = combineElementwise(left, right, symbol: "/", /)
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
        result(of: "negate", shape: operand.shape, scalars: operand.scalars.map { -$0 }, inputs: [operand]) { gradient, _ in
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
