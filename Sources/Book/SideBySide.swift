// Introduced in chapter 2 (a linear and a non-linear autoencoder trained together); used by
// chapters 4 and 5 (two sequence models on the same batches).
import Dispatch
import Foundation
import Notebook
import Tensors

/// Runs two independent pieces of work at the same time, one per core.
///
/// Matrix products run on one thread each meanwhile, so each side gets a core of its own and no
/// result depends on how the threads interleave (a product's result never depends on its thread
/// count anyway). The previous thread count is restored when both sides are done.
public enum SideBySide {
    /// Runs `first` and `second` on two threads and returns both results.
    public static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        let results = Results<A, B>()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = Work(first: first, second: second, results: results)
                let threads = MatrixMultiply.maximumThreads
                MatrixMultiply.maximumThreads = 1
                defer { MatrixMultiply.maximumThreads = threads }
                DispatchQueue.concurrentPerform(iterations: 2) { side in
                    if side == 0 { work.results.first = work.first() } else { work.results.second = work.second() }
                }
            }
        }
        return (results.first!, results.second!)
    }

    /// The two closures, handed to the two threads; each thread calls only its own.
    private struct Work<A, B>: @unchecked Sendable {
        let first: () -> A
        let second: () -> B
        let results: Results<A, B>
    }

    /// Where each thread leaves its result; each writes only its own slot, and both are read after the join.
    private final class Results<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }
}

/// One progress line fed by two threads: the steps of both are added up.
///
/// Each thread counts its steps in a `Side` of its own and hands them over every few steps, so the
/// threads rarely meet at the lock (a lock taken at every step costs more time than the steps).
public final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let progress: TrainingProgress
    private var steps = 0

    /// Reports to `progress`, whose total should be the steps of both sides together.
    public init(_ progress: TrainingProgress) { self.progress = progress }

    /// Runs `work` with a `Side` for one thread's steps; what it has not handed over yet is handed over at the end.
    public func side<T>(_ work: (Side) -> T) -> T {
        let side = Side(self)
        defer { side.handOver() }
        return work(side)
    }

    /// Adds `count` steps of one side, with that side's latest loss if it has one to show.
    fileprivate func add(_ count: Int, loss: Double?) {
        lock.lock()
        defer { lock.unlock() }
        steps += count
        progress.update(step: steps, loss: loss)
    }

    /// One thread's steps, counted without locking and handed over every `batch` steps.
    public final class Side {
        private let shared: SharedProgress
        private var pending = 0
        private var loss: Double?
        private let batch = 25

        fileprivate init(_ shared: SharedProgress) { self.shared = shared }

        /// Counts one step, with its loss if the progress line should show it.
        public func advance(loss: Double? = nil) {
            pending += 1
            if let loss { self.loss = loss }
            if pending >= batch { handOver() }
        }

        /// Hands the counted steps to the shared line.
        fileprivate func handOver() {
            guard pending > 0 else { return }
            shared.add(pending, loss: loss)
            pending = 0
        }
    }
}
