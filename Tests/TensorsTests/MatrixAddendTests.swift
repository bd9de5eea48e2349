import Testing
@testable import Tensors

/// A product with an addend D (a bias, or rows of an LSTM's input projection) reads D where it
/// would read C's old value, on every thread's pieces; the result must have the bits of copying D
/// first and then accumulating the product onto it.
@Suite("Products that start from an addend")
struct MatrixAddendTests {
    /// m, n, k and the distance between D's rows as a multiple of n (0: one row repeated, a bias;
    /// 3: every third row of a larger matrix, as the LSTM's projection at one time step).
    static let cases: [(m: Int, n: Int, k: Int, rowStride: Int)] = [
        (32, 1024, 40, 0), (32, 1024, 40, 1), (250, 70, 30, 3), (7, 300, 5, 0), (1, 1, 1, 1),
    ]

    /// C from the driver on `threads` threads, with D given as an addend or copied into C beforehand.
    func product(_ s: (m: Int, n: Int, k: Int, rowStride: Int), threads: Int, asAddend: Bool) -> [Float] {
        var random = SeededGenerator(seed: 5)
        let a = (0..<(s.m * s.k)).map { _ in Float(random.signedUniform()) }
        let b = (0..<(s.k * s.n)).map { _ in Float(random.signedUniform()) }
        let stride = s.rowStride * s.n
        let d = (0..<(Swift.max(s.m * stride, s.n))).map { _ in Float(random.signedUniform()) }
        var c = [Float](repeating: .nan, count: s.m * s.n)
        d.withUnsafeBufferPointer { pd in
            runDriver(a: a, b: b, c: &c, m: s.m, n: s.n, k: s.k, beta: 1, threads: threads) { problem in
                if asAddend {
                    problem.addend = pd.baseAddress!
                    problem.addendRowStride = stride
                } else {
                    for i in 0..<s.m { (problem.c + i * s.n).update(from: pd.baseAddress! + i * stride, count: s.n) }
                }
            }
        }
        return c
    }

    @Test("On 1, 2 and 3 threads: the bits of copying the addend first")
    func sameBits() {
        for s in Self.cases {
            let reference = product(s, threads: 1, asAddend: false)
            for threads in 1...3 {
                let fused = product(s, threads: threads, asAddend: true)
                let differing = zip(fused, reference).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(s), \(threads) threads")
            }
        }
    }

    @Test("A hand-worked bias: every element of C is known")
    func handWorkedBias() {
        // A and B all ones, so A·B is k everywhere; a bias row D[j] = j gives C[i][j] = k + j.
        let m = 40, n = 100, k = 50
        let a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 1, count: k * n)
        let bias = (0..<n).map(Float.init)
        var c = [Float](repeating: .nan, count: m * n)
        bias.withUnsafeBufferPointer { pd in
            runDriver(a: a, b: b, c: &c, m: m, n: n, k: k, beta: 1, threads: 2) { $0.addend = pd.baseAddress! }
        }
        #expect((0..<(m * n)).allSatisfy { c[$0] == Float(k + $0 % n) })
    }

    @Test("k = 0: C is the addend")
    func emptyDepth() {
        let d: [Float] = [1, 2, 3, 4, 5, 6]
        var c = [Float](repeating: .nan, count: 6)
        d.withUnsafeBufferPointer { pd in
            runDriver(a: [0], b: [0], c: &c, m: 2, n: 3, k: 0, beta: 1, threads: 1) { problem in
                problem.addend = pd.baseAddress!
                problem.addendRowStride = 3
            }
        }
        #expect(c == d)
    }
}
