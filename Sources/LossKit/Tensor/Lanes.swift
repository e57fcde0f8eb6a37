// Viewing a tensor as lanes along one dimension, for operations that work along a dimension
// (max, argmax, softmax, logSumExp).

/// The elements of a row-major tensor grouped into *lanes* along one dimension.
///
/// A lane is the list of elements you get by letting the index in `dimension` run while every
/// other index stays fixed. For a `[2, 3]` matrix, the lanes along dimension 1 are the two rows
/// and the lanes along dimension 0 are the three columns. Lanes are numbered in the row-major
/// order of the shape without `dimension`, so lane `j` of a reduction is element `j` of its result.
struct Lanes {
    /// How many lanes there are: the product of every size except the one in `dimension`.
    let count: Int
    /// How many elements each lane has: the size of `dimension`.
    let length: Int
    /// The distance between neighbouring elements of a lane in the row-major storage
    /// (the product of the sizes after `dimension`; 1 for the last dimension).
    let stride: Int

    /// Groups a tensor of shape `shape` into lanes along `dimension` (a valid, non-negative dimension).
    init(shape: [Int], dimension: Int) {
        length = shape[dimension]
        stride = shape[(dimension + 1)...].reduce(1, *)
        count = shape[..<dimension].reduce(1, *) * stride
    }

    /// The storage offset of the first element of lane `lane`.
    @inline(__always)
    func start(of lane: Int) -> Int {
        (lane / stride) * length * stride + lane % stride
    }
}

/// Whether `value` should replace `best` as the running maximum: it is larger, or it is NaN and
/// `best` is not (so NaN wins, as in PyTorch). Ties keep the earlier element.
@inline(__always)
func replacesMaximum(_ value: Double, _ best: Double) -> Bool {
    value > best || (value.isNaN && !best.isNaN)
}

/// Whether `value` should replace `best` as the running minimum; see ``replacesMaximum(_:_:)``.
@inline(__always)
func replacesMinimum(_ value: Double, _ best: Double) -> Bool {
    value < best || (value.isNaN && !best.isNaN)
}
