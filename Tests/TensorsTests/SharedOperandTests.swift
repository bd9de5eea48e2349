import Testing
@testable import Tensors

/// A threaded product packs the operand that all its pieces read once, shared; the pieces must
/// still compute every element of C with the bits of the same product on one thread.
@Suite("Threaded products with a shared packed operand")
struct SharedOperandTests {
    /// m, n, k. (130, 300, 530) is split along columns and shares op(A) across two blocks of rows
    /// (MC = 120) and three of depth (KC = 256); (250, 70, 600) is split along rows and shares
    /// op(B); (9, 2100, 260) crosses a block of columns (NC = 2048); (8, 40, 300) has an op(A) too
    /// small to share.
    static let shapes: [(m: Int, n: Int, k: Int)] = [(130, 300, 530), (250, 70, 600), (9, 2100, 260), (8, 40, 300)]

    /// C from the driver on `threads` threads, every product large enough to split.
    func product<S: GEMMTestScalar>(_ s: (m: Int, n: Int, k: Int), transposeA: Bool, transposeB: Bool,
                                    _: S.Type, threads: Int) -> [S] {
        var random = SeededGenerator(seed: 11)
        let a = (0..<(s.m * s.k)).map { _ in S(random.signedUniform()) }
        let b = (0..<(s.k * s.n)).map { _ in S(random.signedUniform()) }
        var c = (0..<(s.m * s.n)).map { _ in S(random.signedUniform()) }
        runDriver(a: a, b: b, c: &c, m: s.m, n: s.n, k: s.k, transposeA: transposeA, transposeB: transposeB,
                  alpha: 0.5, beta: -1, threads: threads)
        return c
    }

    /// How many elements of `a` and `b` differ in any bit.
    func differingElements<S: BinaryFloatingPoint>(_ a: [S], _ b: [S]) -> Int {
        zip(a, b).filter {
            $0.sign != $1.sign || $0.exponentBitPattern != $1.exponentBitPattern
                || $0.significandBitPattern != $1.significandBitPattern
        }.count
    }

    @Test("Float32 on 2 and 3 threads: the bits of one thread", arguments: [false, true])
    func floatBits(transposeA: Bool) {
        for shape in Self.shapes {
            for transposeB in [false, true] {
                let reference = product(shape, transposeA: transposeA, transposeB: transposeB, Float.self, threads: 1)
                for threads in 2...3 {
                    let threaded = product(shape, transposeA: transposeA, transposeB: transposeB, Float.self,
                                           threads: threads)
                    #expect(differingElements(threaded, reference) == 0,
                            "\(shape) tA=\(transposeA) tB=\(transposeB), \(threads) threads")
                }
            }
        }
    }

    @Test("Float64 on 2 threads: the bits of one thread", arguments: [false, true])
    func doubleBits(transposeA: Bool) {
        for shape in Self.shapes {
            for transposeB in [false, true] {
                let reference = product(shape, transposeA: transposeA, transposeB: transposeB, Double.self, threads: 1)
                let threaded = product(shape, transposeA: transposeA, transposeB: transposeB, Double.self, threads: 2)
                #expect(differingElements(threaded, reference) == 0, "\(shape) tA=\(transposeA) tB=\(transposeB)")
            }
        }
    }

    @Test("A hand-worked product shared on two threads: every element of C is known")
    func handWorked() {
        // A[i][p] = 1 and B[p][j] = j + 1, so C[i][j] = k · (j + 1), exactly, whatever the split.
        let m = 64, n = 48, k = 300
        let a = [Float](repeating: 1, count: m * k)
        let b = (0..<(k * n)).map { Float($0 % n + 1) }
        var c = [Float](repeating: .nan, count: m * n)
        runDriver(a: a, b: b, c: &c, m: m, n: n, k: k, beta: 0, threads: 2)
        #expect((0..<(m * n)).allSatisfy { c[$0] == Float(k * ($0 % n + 1)) })
    }
}
