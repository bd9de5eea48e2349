/// Splits a loop's independent entries (rows of a batch, elements of an array) across the
/// package's threads when there is enough work.
///
/// Each piece computes only the outputs of its own entries, in the order one thread would, so
/// the result has the same bits whatever the number of threads.
package enum BatchPieces {
    /// Elements of work below which a thread is not worth its hand-over.
    package static let elementsPerThread = 1 << 14

    /// Calls `body` with ranges that together cover 0..<count once: one range on one thread, or
    /// one per thread when `elements` (the work of the whole loop) is large enough.
    package static func run(count: Int, elements: Int, _ body: (Range<Int>) -> Void) {
        let threads = Swift.min(MatrixMultiply.maximumThreads, count, Swift.max(1, elements / elementsPerThread))
        guard threads > 1 else {
            body(0..<count)
            return
        }
        ParallelLoop.run(count: threads, threads: threads) { piece in
            body(count * piece / threads..<count * (piece + 1) / threads)
        }
    }
}
