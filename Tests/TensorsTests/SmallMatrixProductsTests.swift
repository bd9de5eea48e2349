import Testing
import TestSupport
@testable import Tensors

/// The direct loops for batches of small products give gemm's bits exactly, so switching between
/// them changes no result anywhere in the book.
@Suite struct SmallMatrixProductsTests {
    static let shapes: [(m: Int, n: Int, k: Int)] = [(1, 1, 1), (3, 5, 7), (6, 16, 16), (7, 17, 9), (12, 12, 16),
                                                     (10, 9, 8), (16, 24, 40), (2, 33, 3), (20, 20, 40)]

    func compare<S: TensorScalar>(_: S.Type, transposeA: Bool, transposeB: Bool, accumulate: Bool) {
        var generator = SeededGenerator(seed: 17)
        for (m, n, k) in Self.shapes {
            let batch = 3
            let a: [S] = Tensor<S>.randomNormal([batch * m * k], generator: &generator).scalars
            let b: [S] = Tensor<S>.randomNormal([batch * k * n], generator: &generator).scalars
            let start: [S] = Tensor<S>.randomNormal([batch * m * n], generator: &generator).scalars
            #expect(SmallMatrixProducts.qualifies(batch: batch, m: m, n: n, k: k))
            var direct = start
            batchedProduct(a, b, batch: batch, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                           strideA: m * k, strideB: k * n, into: &direct, accumulate: accumulate)
            var viaGemm = start
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    viaGemm.withUnsafeMutableBufferPointer { pc in
                        for i in 0..<batch {
                            S.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                                   a: pa.baseAddress! + i * m * k, lda: transposeA ? m : k,
                                   b: pb.baseAddress! + i * k * n, ldb: transposeB ? k : n,
                                   beta: accumulate ? 1 : 0, c: pc.baseAddress! + i * m * n, ldc: n)
                        }
                    }
                }
            }
            #expect(direct == viaGemm, "m \(m), n \(n), k \(k), transposes \(transposeA) \(transposeB), accumulate \(accumulate)")
        }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func sameBitsAsGemm(transposeA: Bool, transposeB: Bool) {
        for accumulate in [false, true] {
            compare(Float.self, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
            compare(Double.self, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate)
        }
    }
}
