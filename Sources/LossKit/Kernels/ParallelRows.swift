// Fast path of every threaded operation (cross-entropy rows, overlap counts, Adam).
// Plain formula: `body(0..<rows)` on the calling thread; each row is computed by the same code
//   on exactly one thread, so the result equals the one-thread result bit for bit.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "Adam on 100,000 parameters
//   (threaded) gives bit-for-bit the values of two 50,000-parameter halves" (==; each half is
//   below the threading threshold, so it runs on one thread).
//
// Splitting row-by-row work over the processor's cores.
//
// Operations whose rows are independent (a softmax per row of logits, a distance per pair) can
// hand their rows to several threads. Each row is computed by exactly one thread with the same
// code as on one thread, so the results do not depend on the number of threads: runs stay
// bit-for-bit reproducible. Small inputs stay on the calling thread, where starting threads would
// cost more than it saves.

import Dispatch
import Foundation

enum ParallelRows {
    /// How many threads share large row-wise operations: the active processors, at most 8.
    static let threadCount = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))

    /// A different number of threads for the operations run inside `$threadCountForTesting.withValue(n) { … }`:
    /// tests use it to check that results do not depend on the number of threads.
    @TaskLocal static var threadCountForTesting: Int?

    /// The number of threads large operations use now: ``threadCount`` unless a test asks for another.
    static var threadsInUse: Int { threadCountForTesting ?? threadCount }

    /// Below this many elements of work, an operation runs on the calling thread.
    static let minimumParallelWork = 1 << 16

    /// Calls `body` with consecutive ranges that together cover `0..<rows` exactly once, on
    /// several threads when `rows · elementsPerRow` is large. `body` must only write to the
    /// rows of its own range.
    @inline(__always)
    static func forEachRange(rows: Int, elementsPerRow: Int, _ body: (Range<Int>) -> Void) {
        let chunks = rows * max(elementsPerRow, 1) < minimumParallelWork ? 1 : min(threadsInUse, rows)
        guard chunks > 1 else {
            body(0..<rows)
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = rows * chunk / chunks, end = rows * (chunk + 1) / chunks
                shared.value(start..<end)
            }
        }
    }
}

extension ParallelRows {
    /// Calls `body` with each block number in `0..<count`, each on its own thread. `body` must
    /// only write to the part of the output its block owns.
    static func forEachBlock(count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { block in
                shared.value(block)
            }
        }
    }
}

/// Lets a closure that writes disjoint parts of a buffer cross into `concurrentPerform`; the
/// callers above guarantee that no two threads touch the same element.
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

