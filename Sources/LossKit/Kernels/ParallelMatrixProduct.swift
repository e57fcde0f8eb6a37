// Fast path of a large matrix product (MatrixProduct.gemm): blocks of rows on LossKit's threads.
// Plain formula: one `cblas_dgemm` call for the whole product.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "matrix products cut into 2, 3 or 5
//   blocks of rows equal one OpenBLAS call bit for bit, for every transposition".
//
// OpenBLAS's worker threads keep spinning (calling sched_yield) for a while after each product,
// waiting for the next one. Between the products of a training step LossKit runs its own
// threaded loops (a softmax per row, Adam), and on a small machine the spinning workers took the
// cores those loops needed: in the InfoNCE benchmark, spinning was a third of all samples. So
// OpenBLAS is asked to run every product on the calling thread, and a large product is cut into
// blocks of output rows that ParallelRows hands to its threads, one `cblas_dgemm` call each.
//
// Cutting must not change a bit. OpenBLAS computes an output element with a kernel that depends
// on where the element falls in the register tiles of its call: elements in the last, partial
// tile are added up in another order. Blocks whose rows start at multiples of 24 keep every tile
// where it was in the whole product (OpenBLAS's double kernels on x86-64 tile rows in 4, 8 or 24;
// cutting columns moved tiles whatever the alignment, so columns are never cut). FastPathTests
// checks block products against one call, bit for bit.

import CBLAS

extension MatrixProduct {
    /// Every block of a split product has at least this many multiply-adds: below it, starting
    /// a thread costs more than it saves, and OpenBLAS would use its small-matrix kernels (for up
    /// to 100³ multiply-adds), which add in another order than for the whole product.
    static let minimumBlockMultiplyAdds = 1 << 21

    /// Blocks of a split product start at multiples of this many rows (see the file comment).
    static let rowAlignment = 24

    /// Sets OpenBLAS to one thread, once, before the first product.
    private static let singleThreadedBLAS: Void = openblas_set_num_threads(1)

    /// Adds `op(left) × op(right)` to the row-major `[rows, columns]` matrix at `output`, as
    /// ``gemm(_:_:_:_:transposeLeft:transposeRight:into:_:rows:inner:columns:)`` describes,
    /// in up to `blocks` blocks of rows (by default, one per thread for large products).
    static func multiplyAdd(
        _ left: UnsafePointer<Double>, transposeLeft: Bool, _ right: UnsafePointer<Double>, transposeRight: Bool,
        into output: UnsafeMutablePointer<Double>, rows: Int, inner: Int, columns: Int, blocks requested: Int? = nil
    ) {
        _ = singleThreadedBLAS
        let product = { (range: Range<Int>) in
            guard !range.isEmpty else { return }
            // A block of output rows reads the same rows of op(left) and all of op(right).
            cblas_dgemm(
                CblasRowMajor, transposeLeft ? CblasTrans : CblasNoTrans, transposeRight ? CblasTrans : CblasNoTrans,
                blasint(range.count), blasint(columns), blasint(inner), 1.0,
                left + (transposeLeft ? range.lowerBound : range.lowerBound * inner), blasint(transposeLeft ? rows : inner),
                right, blasint(transposeRight ? inner : columns), 1.0,
                output + range.lowerBound * columns, blasint(columns))
        }
        let wanted = requested ?? min(ParallelRows.threadsInUse, rows * inner * columns / minimumBlockMultiplyAdds)
        let blocks = min(wanted, rows / rowAlignment)
        guard blocks > 1 else {
            product(0..<rows)
            return
        }
        // Block b starts at the multiple of 24 nearest to b/blocks of the rows.
        let start = { (block: Int) -> Int in
            block == blocks ? rows : (rows * block + blocks * rowAlignment / 2) / (blocks * rowAlignment) * rowAlignment
        }
        ParallelRows.forEachBlock(count: blocks) { block in
            product(start(block)..<start(block + 1))
        }
    }
}
