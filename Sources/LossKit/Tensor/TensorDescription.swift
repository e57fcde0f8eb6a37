// Printing tensors the way NumPy and PyTorch do: `tensor([[1.0, 2.0], [3.0, 4.0]])`.

extension Tensor: CustomStringConvertible {
    /// Tensors with more elements than this print only their first and last few entries per dimension.
    static let summarizeThreshold = 1000

    /// How many entries to show at each end of a dimension when summarizing.
    static let edgeItemCount = 3

    /// A readable rendering of the values in nested brackets, such as `tensor([[1.0, 2.0], [3.0, 4.0]])`
    /// or `tensor([0.1250, 2.5000])`, followed by `, requiresGrad: true` when the tensor takes
    /// part in gradient computation.
    ///
    /// The numbers share one format, chosen by ``PrintOptions/current`` (four decimals unless
    /// ``setPrintOptions(precision:notation:)`` said otherwise). Tensors with more than 1000
    /// elements show only the first and last three entries of each dimension, with `...` in
    /// between.
    public var description: String {
        let summarize = count > Tensor.summarizeThreshold
        var shown: [Int] = []
        collectShownOffsets(dimension: 0, offset: 0, summarize: summarize, into: &shown)
        let storage = scalars
        var texts = PrintOptions.current.format(shown.map { storage[$0] }).makeIterator()
        let values = describeValues(dimension: 0, summarize: summarize) { texts.next() ?? "" }
        return requiresGrad ? "tensor(\(values), requiresGrad: true)" : "tensor(\(values))"
    }

    /// The entries of each dimension that are printed: all, or the first and last few.
    private func shownIndices(_ size: Int, summarize: Bool) -> (head: Range<Int>, tail: Range<Int>?) {
        let edge = Tensor.edgeItemCount
        guard summarize && size > 2 * edge else { return (0..<size, nil) }
        return (0..<edge, (size - edge)..<size)
    }

    /// The row-major offsets of the printed elements, in printing order.
    private func collectShownOffsets(dimension: Int, offset: Int, summarize: Bool, into offsets: inout [Int]) {
        guard dimension < rank else {
            offsets.append(offset)
            return
        }
        let stride = shape[(dimension + 1)...].reduce(1, *)
        let (head, tail) = shownIndices(shape[dimension], summarize: summarize)
        for index in Array(head) + Array(tail ?? 0..<0) {
            collectShownOffsets(dimension: dimension + 1, offset: offset + index * stride, summarize: summarize, into: &offsets)
        }
    }

    /// Renders the dimensions `dimension...` of the printed block, taking each element's text
    /// from `nextText` in printing order.
    private func describeValues(dimension: Int, summarize: Bool, nextText: () -> String) -> String {
        guard dimension < rank else { return nextText() }
        let (head, tail) = shownIndices(shape[dimension], summarize: summarize)
        var entries = head.map { _ in describeValues(dimension: dimension + 1, summarize: summarize, nextText: nextText) }
        if let tail {
            entries.append("...")
            entries += tail.map { _ in describeValues(dimension: dimension + 1, summarize: summarize, nextText: nextText) }
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}
