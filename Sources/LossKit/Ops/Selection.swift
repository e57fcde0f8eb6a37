// Largest and smallest elements, and where they are: max, min, argmax, argmin.
//
// Gradient conventions, the same as PyTorch's:
// - `max(dim:)`/`min(dim:)` send each lane's gradient to the one element whose index `argmax`/
//   `argmin` returns: the first occurrence when several elements tie.
// - `max()`/`min()` over the whole tensor share the gradient equally between all elements equal to
//   the result (two tied maxima get half each).
// NaN counts as larger than everything in max and smaller than everything in min, so it propagates.

extension Tensor {
    /// The largest element of each lane along `dim`.
    ///
    /// For a matrix of shape `[2, 3]`, `max(dim: 1)` has the largest element of each row (shape `[2]`).
    /// The gradient goes to the element that ``argmax(dim:keepDims:)`` picks (the first one on ties).
    ///
    /// - Parameters:
    ///   - dim: The dimension to search along. Negative values count from the end.
    ///   - keepDims: If `true`, the searched dimension stays in the shape with size 1.
    /// - Returns: The maxima, with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func max(dim: Int, keepDims: Bool = false) -> Tensor {
        extremeValues(dim: dim, keepDims: keepDims, operationName: "max", largest: true)
    }

    /// The smallest element of each lane along `dim`.
    ///
    /// The gradient goes to the element that ``argmin(dim:keepDims:)`` picks (the first one on ties).
    ///
    /// - Parameters:
    ///   - dim: The dimension to search along. Negative values count from the end.
    ///   - keepDims: If `true`, the searched dimension stays in the shape with size 1.
    /// - Returns: The minima, with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func min(dim: Int, keepDims: Bool = false) -> Tensor {
        extremeValues(dim: dim, keepDims: keepDims, operationName: "min", largest: false)
    }

    /// The position of the largest element of each lane along `dim`, as a `Double` (0, 1, 2, …).
    ///
    /// When several elements tie for largest, the first one's position is returned, as in PyTorch.
    /// The result never requires gradients.
    ///
    /// - Parameters:
    ///   - dim: The dimension to search along. Negative values count from the end.
    ///   - keepDims: If `true`, the searched dimension stays in the shape with size 1.
    /// - Returns: The positions, with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func argmax(dim: Int, keepDims: Bool = false) -> Tensor {
        extremePositions(dim: dim, keepDims: keepDims, operationName: "argmax", largest: true)
    }

    /// The position of the smallest element of each lane along `dim`, as a `Double` (the first one on ties).
    ///
    /// - Parameters:
    ///   - dim: The dimension to search along. Negative values count from the end.
    ///   - keepDims: If `true`, the searched dimension stays in the shape with size 1.
    /// - Returns: The positions, with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func argmin(dim: Int, keepDims: Bool = false) -> Tensor {
        extremePositions(dim: dim, keepDims: keepDims, operationName: "argmin", largest: false)
    }

    /// The largest element of the whole tensor, as a scalar tensor.
    ///
    /// The gradient is shared equally between all elements equal to the maximum, as in PyTorch:
    /// with two tied maxima, each receives half.
    public func max() -> Tensor {
        extremeOfAll(operationName: "max", largest: true)
    }

    /// The smallest element of the whole tensor, as a scalar tensor.
    ///
    /// The gradient is shared equally between all elements equal to the minimum.
    public func min() -> Tensor {
        extremeOfAll(operationName: "min", largest: false)
    }

    /// The position of the largest element in row-major order (as if the tensor were flattened),
    /// as a scalar tensor. The first one wins on ties.
    public func argmax() -> Tensor {
        Tensor(Double(positionOfExtreme(operationName: "argmax", largest: true)))
    }

    /// The position of the smallest element in row-major order, as a scalar tensor. The first one wins on ties.
    public func argmin() -> Tensor {
        Tensor(Double(positionOfExtreme(operationName: "argmin", largest: false)))
    }

    // MARK: - Implementation

    /// Finds the extreme of every lane along a (valid, non-negative) dimension.
    private func extremes(along dimension: Int, operationName: String, largest: Bool) -> (values: [Double], positions: [Int]) {
        let lanes = Lanes(shape: shape, dimension: dimension)
        checkPrecondition(
            lanes.length > 0,
            "\(operationName)(dim: \(dimension)) needs at least one element along dimension \(dimension), but the tensor has shape \(shape)."
        )
        var values = [Double](repeating: 0, count: lanes.count)
        var positions = [Int](repeating: 0, count: lanes.count)
        scalars.withUnsafeBufferPointer { input in
            for lane in 0..<lanes.count {
                let start = lanes.start(of: lane)
                var best = input[start]
                var bestPosition = 0
                for step in 1..<lanes.length {
                    let value = input[start + step * lanes.stride]
                    if largest ? replacesMaximum(value, best) : replacesMinimum(value, best) {
                        best = value
                        bestPosition = step
                    }
                }
                values[lane] = best
                positions[lane] = bestPosition
            }
        }
        return (values, positions)
    }

    /// The shape of a result along `dimension`: removed, or kept with size 1.
    private func reducedShape(removing dimension: Int, keepDims: Bool) -> [Int] {
        var result = shape
        if keepDims {
            result[dimension] = 1
        } else {
            result.remove(at: dimension)
        }
        return result
    }

    private func extremeValues(dim: Int, keepDims: Bool, operationName: String, largest: Bool) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: operationName)
        let (values, positions) = extremes(along: dimension, operationName: operationName, largest: largest)
        let inputShape = shape
        // Where each lane's extreme sits in the whole tensor.
        let lanes = Lanes(shape: inputShape, dimension: dimension)
        let picked = (0..<lanes.count).map { lane in lanes.start(of: lane) + positions[lane] * lanes.stride }
        return Tensor.result(
            of: "\(operationName) along dimension",
            shape: reducedShape(removing: dimension, keepDims: keepDims),
            scalars: values,
            inputs: [self]
        ) { gradient, _ in
            // Each lane's gradient goes to the position that was picked.
            [gradient.scatterAdded(at: picked, into: inputShape)]
        }
    }

    private func extremePositions(dim: Int, keepDims: Bool, operationName: String, largest: Bool) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: operationName)
        let positions = extremes(along: dimension, operationName: operationName, largest: largest).positions
        return Tensor(
            shape: reducedShape(removing: dimension, keepDims: keepDims),
            storage: positions.map(Double.init),
            requiresGrad: false,
            gradientFunction: nil
        )
    }

    /// The row-major position of the first extreme element of the whole tensor.
    private func positionOfExtreme(operationName: String, largest: Bool) -> Int {
        checkPrecondition(count > 0, "\(operationName)() needs at least one element, but the tensor has shape \(shape).")
        return scalars.withUnsafeBufferPointer { input in
            var best = input[0]
            var bestPosition = 0
            for position in 1..<input.count {
                let value = input[position]
                if largest ? replacesMaximum(value, best) : replacesMinimum(value, best) {
                    best = value
                    bestPosition = position
                }
            }
            return bestPosition
        }
    }

    private func extremeOfAll(operationName: String, largest: Bool) -> Tensor {
        let extreme = scalars[positionOfExtreme(operationName: operationName, largest: largest)]
        let inputShape = shape
        return Tensor.result(of: operationName, shape: [], scalars: [extreme], inputs: [self]) { gradient, inputs in
            // Share the gradient equally between every element equal to the extreme (NaN matches NaN).
            let matches = Kernels.map(inputs[0].scalars) { value in
                value == extreme || (value.isNaN && extreme.isNaN) ? 1 : 0
            }
            let share = gradient.item / matches.reduce(0, +)
            let inputGradient = Kernels.map(matches) { $0 * share }
            return [Tensor(shape: inputShape, storage: inputGradient, requiresGrad: false, gradientFunction: nil)]
        } differentiableBackward: { gradient, inputs, _ in
            let matches = Kernels.map(inputs[0].scalars) { value in
                value == extreme || (value.isNaN && extreme.isNaN) ? 1 : 0
            }
            let total = matches.reduce(0, +)
            return [gradient * Tensor.plain(Kernels.map(matches) { $0 / total }, shape: inputShape)]
        }
    }
}
