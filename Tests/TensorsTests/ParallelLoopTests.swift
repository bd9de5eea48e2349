import Dispatch
import Testing
@testable import Tensors

/// Counts calls per index from several threads at once.
private final class CallCounts: @unchecked Sendable {
    private let mutex = SystemMutex()
    private(set) var counts: [Int]
    init(_ count: Int) { counts = Array(repeating: 0, count: count) }
    deinit { mutex.destroy() }
    func record(_ index: Int) {
        mutex.lock()
        counts[index] += 1
        mutex.unlock()
    }
}

@Suite("Parallel loops on the worker threads")
struct ParallelLoopTests {
    @Test func everyIndexRunsExactlyOnceForAnyCountAndThreadCount() {
        for threads in 1...4 {
            for count in [0, 1, 2, 3, 7, 64, 1000] {
                let calls = CallCounts(count)
                ParallelLoop.run(count: count, threads: threads) { calls.record($0) }
                #expect(calls.counts.allSatisfy { $0 == 1 }, "\(threads) threads, count \(count): \(calls.counts.filter { $0 != 1 }.count) indices not run once")
            }
        }
    }

    @Test func manyShortLoopsInARowAllFinishBeforeReturning() {
        // The pattern of a training step: hundreds of short loops, each read right after it returns.
        var values = [Int](repeating: 0, count: 8)
        for round in 1...2000 {
            values.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                ParallelLoop.run(count: 8, threads: 2) { base[$0] = round * 10 + $0 }
            }
            guard values == (0..<8).map({ round * 10 + $0 }) else {
                Issue.record("round \(round): \(values)")
                return
            }
        }
    }

    @Test func aLoopStartedInsideALoopRunsOnItsOwnThreadAndFinishes() {
        let outer = CallCounts(4), inner = CallCounts(4 * 16)
        ParallelLoop.run(count: 4, threads: 2) { i in
            outer.record(i)
            ParallelLoop.run(count: 16, threads: 2) { j in inner.record(i * 16 + j) }
        }
        #expect(outer.counts.allSatisfy { $0 == 1 })
        #expect(inner.counts.allSatisfy { $0 == 1 })
    }

    @Test func loopsStartedFromTwoThreadsAtOnceBothFinish() {
        let first = CallCounts(500), second = CallCounts(500)
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for chunk in 0..<50 {
                ParallelLoop.run(count: 10, threads: 2) { j in (side == 0 ? first : second).record(chunk * 10 + j) }
            }
        }
        #expect(first.counts.allSatisfy { $0 == 1 })
        #expect(second.counts.allSatisfy { $0 == 1 })
    }

    @Test func aLargeProductIsSplitAcrossTheWorkers() {
        // Checks that the threaded path is taken (not only that results are right): the counter of
        // loops run on more than one thread grows.
        let n = 256
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        let before = ParallelLoop.statistics
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    let problem = MatrixMultiplyProblem(
                        transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: pa.baseAddress!, lda: n,
                        b: pb.baseAddress!, ldb: n, beta: 0, c: pc.baseAddress!, ldc: n)
                    MatrixMultiplyDriver.run(problem, maximumThreads: 2)
                }
            }
        }
        let after = ParallelLoop.statistics
        #expect(after.shared + after.aloneBecauseBusy > before.shared + before.aloneBecauseBusy)
        // Every element is 256 · 0.5 · 0.25 = 32, exactly.
        #expect(c.allSatisfy { $0 == 32 })
    }
}
