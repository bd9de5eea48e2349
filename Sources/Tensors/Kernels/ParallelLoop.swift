// Parallel loops on the package's worker threads (Sources/CWorkerThreads).

import CWorkerThreads

/// Runs the iterations of a loop on the calling thread and the package's worker threads.
///
/// The workers spin for a fraction of a millisecond after each loop before they sleep, so the
/// hundreds of short loops of a training step do not each pay for waking a thread. Every caller
/// splits along independent outputs, so which thread runs an iteration never changes a result.
package enum ParallelLoop {
    /// Calls `body(i)` once for every i in 0..<count, on up to `threads` threads, and returns when
    /// all calls have returned. `body` runs concurrently with itself: it must only write what
    /// belongs to its own index. Runs on the calling thread alone when the workers are busy.
    package static func run(count: Int, threads: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        if threads <= 1 || count == 1 {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            var closure = escapable
            withUnsafeMutablePointer(to: &closure) { pointer in
                worker_threads_run(count, Int32(clamping: threads), { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer)
            }
        }
    }

    /// Loops that ran on more than one thread, and loops that ran alone because the workers were busy.
    package static var statistics: (shared: Int, aloneBecauseBusy: Int) {
        var shared = 0, alone = 0
        worker_threads_statistics(&shared, &alone)
        return (shared, alone)
    }
}
