// Printing tensors the way NumPy and PyTorch do: `tensor([[1.0, 2.0], [3.0, 4.0]])`.

extension Tensor: CustomStringConvertible {
    /// Tensors with more elements than this print only their first and last few entries per dimension.
    static let summarizeThreshold = 1000

    /// How many entries to show at each end of a dimension when summarizing.
    static let edgeItemCount = 3

    /// A readable rendering of the values in nested brackets, such as `tensor([[1.0, 2.0], [3.0, 4.0]])`,
    /// followed by `, requiresGrad: true` when the tensor takes part in gradient computation.
    ///
    /// Tensors with more than 1000 elements show only the first and last three entries of each
    /// dimension, with `...` in between.
    public var description: String {
        let summarize = count > Tensor.summarizeThreshold
        let values = describeValues(dimension: 0, offset: 0, summarize: summarize)
        return requiresGrad ? "tensor(\(values), requiresGrad: true)" : "tensor(\(values))"
    }

    /// Renders the block of elements that starts at `offset` and spans dimensions `dimension...`.
    private func describeValues(dimension: Int, offset: Int, summarize: Bool) -> String {
        guard dimension < rank else { return "\(scalars[offset])" }
        let size = shape[dimension]
        let stride = shape[(dimension + 1)...].reduce(1, *)
        func describeEntry(_ index: Int) -> String {
            describeValues(dimension: dimension + 1, offset: offset + index * stride, summarize: summarize)
        }
        let edge = Tensor.edgeItemCount
        let entries: [String]
        if summarize && size > 2 * edge {
            entries = (0..<edge).map(describeEntry) + ["..."] + ((size - edge)..<size).map(describeEntry)
        } else {
            entries = (0..<size).map(describeEntry)
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}
