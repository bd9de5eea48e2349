import Testing
@testable import Tensors

/// A product by a matrix packed ahead of time must give the bits of the same product packed on
/// the fly, whatever the blocks, the threads and the sub-problems the threads get.
@Suite("Products by a packed right-hand operand")
struct PackedRightOperandTests {
    /// m, n, k and whether B is stored transposed. n = 2088 spans two column blocks of the Float
    /// kernel (NC = 2048) and ends in a partial panel; k = 300 spans two depth blocks (KC = 256).
    static let shapes: [(m: Int, n: Int, k: Int, transposeB: Bool)] = [
        (1, 5, 3, false), (7, 2088, 300, false), (7, 2088, 300, true), (32, 1024, 256, true),
        (32, 256, 1024, false), (130, 100, 40, true), (6, 16, 1, false),
    ]

    /// C from the driver, with B packed on the fly or ahead of time.
    func product<S: GEMMTestScalar>(_ s: (m: Int, n: Int, k: Int, transposeB: Bool), _: S.Type,
                                    prepacked: Bool, threads: Int) -> [S] {
        var random = SeededGenerator(seed: 7)
        let a = (0..<(s.m * s.k)).map { _ in S(random.signedUniform()) }
        let b = (0..<(s.k * s.n)).map { _ in S(random.signedUniform()) }
        var c = (0..<(s.m * s.n)).map { _ in S(random.signedUniform()) }
        runDriver(a: a, b: b, c: &c, m: s.m, n: s.n, k: s.k, transposeB: s.transposeB, beta: 1, threads: threads) { problem in
            if prepacked {
                problem.packedB = PackedRightOperand(transposed: s.transposeB, b: problem.b, ldb: problem.ldb,
                                                     depth: s.k, columns: s.n, threads: threads)
            }
        }
        return c
    }

    @Test("Float32: packed ahead of time gives the same bits on 1, 2 and 3 threads")
    func floatBits() {
        for shape in Self.shapes {
            let reference = product(shape, Float.self, prepacked: false, threads: 1)
            for threads in 1...3 {
                let packed = product(shape, Float.self, prepacked: true, threads: threads)
                #expect(packed.map(\.bitPattern) == reference.map(\.bitPattern), "\(shape), \(threads) threads")
            }
        }
    }

    @Test("Float64: packed ahead of time gives the same bits on 1 and 2 threads")
    func doubleBits() {
        for shape in Self.shapes {
            let reference = product(shape, Double.self, prepacked: false, threads: 1)
            for threads in 1...2 {
                let packed = product(shape, Double.self, prepacked: true, threads: threads)
                #expect(packed.map(\.bitPattern) == reference.map(\.bitPattern), "\(shape), \(threads) threads")
            }
        }
    }

    @Test("A hand-worked product by a packed 2×3 matrix, stored as it is and transposed")
    func handWorked() {
        // [1 2] · [[1 2 3], [4 5 6]] = [9 12 15]
        let a: [Float] = [1, 2], b: [Float] = [1, 2, 3, 4, 5, 6], bT: [Float] = [1, 4, 2, 5, 3, 6]
        for (stored, transposed) in [(b, false), (bT, true)] {
            var c = [Float](repeating: .nan, count: 3)
            stored.withUnsafeBufferPointer { pb in
                let packed = PackedRightOperand<Float>(transposed: transposed, b: pb.baseAddress!,
                                                       ldb: transposed ? 2 : 3, depth: 2, columns: 3)
                a.withUnsafeBufferPointer { pa in
                    c.withUnsafeMutableBufferPointer { pc in
                        MatrixMultiplyDriver.run(transposeA: false, m: 1, alpha: 1, a: pa.baseAddress!, lda: 2,
                                                 packed: packed, beta: 0, c: pc.baseAddress!, ldc: 3, maximumThreads: 1)
                    }
                }
            }
            #expect(c == [9, 12, 15], "transposed: \(transposed)")
        }
    }

    @Test("A weight's products use its current values after every kind of change in place")
    func cacheFollowsChanges() {
        var random = SeededGenerator(seed: 3)
        let x = Tensor<Float>(shape: [4, 40], scalars: (0..<160).map { _ in Float(random.signedUniform()) })
        let w = Tensor<Float>(shape: [30, 40], scalars: (0..<1200).map { _ in Float(random.signedUniform()) },
                              requiresGradient: true)
        #expect(w.isPackedParameter)
        /// The same product by a plain copy of w's current values (no packed copy).
        func expected() -> [Float] { x.matmul(Tensor(shape: w.shape, scalars: w.scalars), transposeOther: true).scalars }
        #expect(x.matmul(w, transposeOther: true).scalars == expected())
        #expect(w.packedCopies?.transposed != nil)
        w.assign(w.scalars.map { $0 * 2 + 1 })
        #expect(w.packedCopies?.transposed?.isStale == true)
        #expect(x.matmul(w, transposeOther: true).scalars == expected())
        w.updateScalars { values in for i in values.indices { values[i] = -values[i] } }
        // An in-place update (an optimiser's step) packs the copy again at once.
        #expect(w.packedCopies?.transposed?.isStale == false)
        #expect(x.matmul(w, transposeOther: true).scalars == expected())
        w.scalars[17] = 100
        #expect(x.matmul(w, transposeOther: true).scalars == expected())
        // w as stored, forward and backward (dy = g·wᵀ).
        let y = Tensor<Float>(shape: [4, 30], scalars: (0..<120).map { _ in Float(random.signedUniform()) },
                              requiresGradient: true)
        y.matmul(w).sum().backward()
        #expect(w.packedCopies?.asStored != nil)
        let plain = Tensor<Float>(shape: y.shape, scalars: y.scalars, requiresGradient: true)
        plain.matmul(Tensor(shape: w.shape, scalars: w.scalars)).sum().backward()
        #expect(y.gradient!.scalars == plain.gradient!.scalars)
    }
}
