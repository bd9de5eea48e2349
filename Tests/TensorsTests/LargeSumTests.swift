import Testing
@testable import Tensors

/// A sum over a middle axis large enough to run on the worker threads (a bias's gradient summed
/// over a batch's rows) must give the bits of the plain loop, each output summed in order.
@Suite("Large sums over an axis")
struct LargeSumTests {
    /// [outer, n, inner]: split along inner (one outer block), along outer, and a narrow inner.
    static let shapes: [(outer: Int, n: Int, inner: Int)] = [(1, 320, 1024), (64, 8, 64), (3, 5000, 7)]

    @Test("On 1, 2 and 3 threads: the bits of summing each output in order")
    func sameBitsAsTheLoop() {
        let before = MatrixMultiply.maximumThreads
        defer { MatrixMultiply.maximumThreads = before }
        var random = SeededGenerator(seed: 9)
        for s in Self.shapes {
            let x = (0..<(s.outer * s.n * s.inner)).map { _ in Float(random.signedUniform()) }
            #expect(x.count >= 2 * BatchPieces.elementsPerThread)  // large enough for two threads
            var expected = [Float](repeating: 0, count: s.outer * s.inner)
            for i in 0..<s.outer {
                for j in 0..<s.n {
                    for k in 0..<s.inner { expected[i * s.inner + k] += x[(i * s.n + j) * s.inner + k] }
                }
            }
            for threads in 1...3 {
                MatrixMultiply.maximumThreads = threads
                let sum = ReductionKernels.sum(x, outer: s.outer, n: s.n, inner: s.inner)
                let differing = zip(sum, expected).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(sum.count == expected.count && differing == 0, "\(s), \(threads) threads")
            }
        }
    }
}
