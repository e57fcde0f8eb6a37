// Picking elements by integer positions: whole rows (select), one element per position (gather),
// and the one-hot encoding of class labels.
//
// The gradient of a pick is a scatter-add: each incoming gradient entry is added to the position
// it was read from, so a position picked twice receives both gradients.

extension Tensor {
    /// The entries at `indices` along dimension `dim`, in that order; indices may repeat.
    ///
    /// For a `[4, 3]` matrix `x`, `x.select(indices: [2, 0, 2], dim: 0)` is rows 2, 0 and 2, of shape `[3, 3]`.
    /// The gradient of a row picked twice is the sum of both gradients.
    ///
    /// PyTorch: `torch.index_select(x, dim, torch.tensor(indices))`.
    ///
    /// - Parameters:
    ///   - indices: Positions along `dim`, each in `0..<shape[dim]`.
    ///   - dim: The dimension to pick along; negative values count from the end.
    /// - Returns: A tensor shaped like this one except `shape[dim]`, which becomes `indices.count`.
    public func select(indices: [Int], dim: Int) -> Tensor {
        let dimension = StridedLayout.dimension(dim, rank: rank, shape: shape, operation: "select(indices:)")
        let size = shape[dimension]
        for index in indices {
            checkPrecondition(
                (0..<size).contains(index),
                "select(indices:dim: \(dim)) got index \(index), out of range for dimension \(dimension) of a tensor of shape \(shape): indices must be in 0..<\(size)."
            )
        }
        let outerCount = shape[..<dimension].reduce(1, *)
        let innerCount = shape[(dimension + 1)...].reduce(1, *)
        var newShape = shape
        newShape[dimension] = indices.count
        let pickedCount = outerCount * indices.count * innerCount
        let values = scalars.withUnsafeBufferPointer { input in
            [Double](unsafeUninitializedCapacity: pickedCount) { output, initialized in
                var target = 0
                for outer in 0..<outerCount {
                    for index in indices {
                        let source = (outer * size + index) * innerCount
                        for inner in 0..<innerCount {
                            output[target + inner] = input[source + inner]
                        }
                        target += innerCount
                    }
                }
                initialized = pickedCount
            }
        }
        return Tensor.result(of: "select", shape: newShape, scalars: values, inputs: [self]) { gradient, inputs in
            var inputGradient = Array(repeating: 0.0, count: inputs[0].count)
            gradient.scalars.withUnsafeBufferPointer { incoming in
                inputGradient.withUnsafeMutableBufferPointer { output in
                    var source = 0
                    for outer in 0..<outerCount {
                        for index in indices {
                            let target = (outer * size + index) * innerCount
                            for inner in 0..<innerCount {
                                output[target + inner] += incoming[source + inner]
                            }
                            source += innerCount
                        }
                    }
                }
            }
            return [.untracked(shape: inputs[0].shape, inputGradient)]
        } differentiableBackward: { gradient, inputs, _ in
            // The same scatter-add, as a recorded operation: where each picked entry came from.
            var positions: [Int] = []
            positions.reserveCapacity(pickedCount)
            for outer in 0..<outerCount {
                for index in indices {
                    let source = (outer * size + index) * innerCount
                    positions.append(contentsOf: source..<(source + innerCount))
                }
            }
            return [gradient.scatterAdded(at: positions, into: inputs[0].shape)]
        }
    }

    /// The rows at `rows`, in that order (rows may repeat): `x[rows: [2, 0]]` of a `[4, 3]` matrix
    /// has shape `[2, 3]`. The same as ``select(indices:dim:)`` along dimension 0.
    ///
    /// PyTorch: `x[[2, 0]]` (indexing with a list of integers).
    ///
    /// - Parameter rows: Positions along the first dimension, each in `0..<shape[0]`.
    /// - Returns: A tensor of shape `[rows.count] + shape.dropFirst()`.
    public subscript(rows rows: [Int]) -> Tensor {
        select(indices: rows, dim: 0)
    }

    /// Picks one element per entry of `index` along dimension `dim`, with PyTorch's `gather` rules.
    ///
    /// For a matrix and `dim: 1`, `result[i][j] = self[i][index[i][j]]`; for `dim: 0`,
    /// `result[i][j] = self[index[i][j]][j]`. The result has the shape of `index`. The usual use
    /// picks each sample's score for its class: with scores of shape `[N, C]` and labels `y`,
    /// `scores.gather(dim: 1, index: y, shape: [N, 1])`.
    ///
    /// PyTorch: `torch.gather(x, dim, index)`.
    ///
    /// - Parameters:
    ///   - dim: The dimension the indices point along; negative values count from the end.
    ///   - index: The positions, in row-major order; each in `0..<shape[dim]`.
    ///   - indexShape: The shape of `index`, which is also the shape of the result. It has the same
    ///     rank as this tensor, and is no larger than this tensor in every dimension except `dim`.
    /// - Returns: A tensor of shape `indexShape`. The gradient is added back at the picked
    ///   positions; positions picked twice receive both gradients.
    public func gather(dim: Int, index: [Int], shape indexShape: [Int]) -> Tensor {
        let dimension = StridedLayout.dimension(dim, rank: rank, shape: shape, operation: "gather")
        checkPrecondition(
            indexShape.count == rank && index.count == indexShape.reduce(1, *)
                && indexShape.indices.allSatisfy { $0 == dimension || indexShape[$0] <= shape[$0] },
            "gather(dim: \(dim)) needs an index of the same rank as the input, no larger except along dim, with one entry per element: input \(shape), index shape \(indexShape) with \(index.count) entries."
        )
        let size = shape[dimension]
        if let bad = index.first(where: { !(0..<size).contains($0) }) {
            fatalError("gather(dim: \(dim)) got index \(bad), out of range for dimension \(dimension) of a tensor of shape \(shape): indices must be in 0..<\(size).")
        }
        // Where each result element comes from: the index's own position in every other dimension,
        // and the index value along `dim`.
        let strides = StridedLayout.contiguousStrides(of: shape)
        var positionStrides = strides
        positionStrides[dimension] = 0
        var positions = Array(repeating: 0, count: index.count)
        var cursor = Array(repeating: 0, count: rank)
        var base = 0
        for element in index.indices {
            positions[element] = base + index[element] * strides[dimension]
            var axis = rank - 1
            while axis >= 0 {
                cursor[axis] += 1
                base += positionStrides[axis]
                if cursor[axis] < indexShape[axis] { break }
                base -= positionStrides[axis] * indexShape[axis]
                cursor[axis] = 0
                axis -= 1
            }
        }
        let values = scalars.withUnsafeBufferPointer { input in
            [Double](unsafeUninitializedCapacity: positions.count) { output, initialized in
                for (element, position) in positions.enumerated() {
                    output[element] = input[position]
                }
                initialized = positions.count
            }
        }
        return Tensor.result(of: "gather", shape: indexShape, scalars: values, inputs: [self]) { gradient, inputs in
            [gradient.scatterAdded(at: positions, into: inputs[0].shape)]
        }
    }

    /// Picks one element per entry of `index` along dimension `dim`, with PyTorch's `gather` rules,
    /// taking the positions from a tensor of whole numbers.
    ///
    /// The same as ``gather(dim:index:shape:)`` with `index.scalars` as integers and `index.shape`.
    /// No gradient flows to `index`.
    ///
    /// PyTorch: `torch.gather(x, dim, index)`.
    ///
    /// - Parameters:
    ///   - dim: The dimension the indices point along; negative values count from the end.
    ///   - index: A tensor of whole numbers, each in `0..<shape[dim]`, with the same rank as this tensor.
    /// - Returns: A tensor of the shape of `index`.
    public func gather(dim: Int, index: Tensor) -> Tensor {
        var positions: [Int] = []
        positions.reserveCapacity(index.count)
        for value in index.scalars {
            checkPrecondition(
                value == value.rounded() && abs(value) < 1e15,
                "gather(dim: \(dim), index:) needs whole numbers as indices, but the index holds \(value)."
            )
            positions.append(Int(value))
        }
        return gather(dim: dim, index: positions, shape: index.shape)
    }
}

/// The one-hot encoding of class labels: row `i` is all zeros except a one at column `labels[i]`.
///
/// `oneHot([2, 0], classes: 3)` is `[[0, 0, 1], [1, 0, 0]]`.
///
/// PyTorch: `F.one_hot(torch.tensor(labels), num_classes=classes)` (as float64).
///
/// - Parameters:
///   - labels: One class per sample, each in `0..<classes`.
///   - classes: The number of classes.
/// - Returns: A tensor of shape `[labels.count, classes]` that does not require gradients.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    checkPrecondition(classes > 0, "oneHot needs at least one class, but got classes: \(classes).")
    if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
        fatalError("oneHot(classes: \(classes)) got label \(bad): labels must be in 0..<\(classes).")
    }
    var values = Array(repeating: 0.0, count: labels.count * classes)
    for (row, label) in labels.enumerated() {
        values[row * classes + label] = 1
    }
    return Tensor(shape: [labels.count, classes], scalars: values)
}
