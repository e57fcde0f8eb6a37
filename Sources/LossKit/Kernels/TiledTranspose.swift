// Fast path of transposing the last two dimensions (StridedLayout.permute): tile by tile.
// Plain formula: the strided gather of `StridedLayout.permute` for any other order.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "tiled transposes equal the strided
//   gather" (bit for bit: values are only moved).
//
// Transposing a large matrix element by element reads the source down its columns: every read
// lands on a different cache line, and each line has been evicted before its neighbours are
// needed. Linear layers transpose their weights and InfoNCE its similarity matrix, so this showed
// as 14% of a training step's profile. Copying 32×32 tiles instead keeps the lines of one tile in
// the cache while all of its elements are used. The values are only moved, never computed, so
// the result is the same.

enum TiledTranspose {
    /// The side of the square tiles, in elements: 32 rows of 32 doubles are 8 KiB of lines.
    static let tileSide = 32

    /// `batches` matrices of `rows × columns` (row-major, one after another) transposed into
    /// `columns × rows` each, in the same order.
    static func transpose(_ values: [Double], batches: Int, rows: Int, columns: Int) -> [Double] {
        let count = batches * rows * columns
        return values.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: count) { output, initialized in
                guard let source = source.baseAddress, let output = output.baseAddress else {
                    initialized = 0
                    return
                }
                for batch in 0..<batches {
                    let from = source + batch * rows * columns, to = output + batch * rows * columns
                    for rowStart in stride(from: 0, to: rows, by: tileSide) {
                        let rowEnd = min(rowStart + tileSide, rows)
                        for columnStart in stride(from: 0, to: columns, by: tileSide) {
                            let columnEnd = min(columnStart + tileSide, columns)
                            for column in columnStart..<columnEnd {
                                let target = to + column * rows
                                for row in rowStart..<rowEnd {
                                    target[row] = from[row * columns + column]
                                }
                            }
                        }
                    }
                }
                initialized = count
            }
        }
    }
}
