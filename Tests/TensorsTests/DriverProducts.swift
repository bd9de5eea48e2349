@testable import Tensors

/// Runs the blocked driver on C = alpha · op(A) · op(B) + beta · C for row-major arrays (A [m, k]
/// or, transposed, [k, m]; B [k, n] or [n, k]; C [m, n]), on up to `threads` threads with every
/// product large enough to split. `adjust` may set the problem's other fields first (a packed
/// operand, an addend); pointers it sets must stay valid until `runDriver` returns.
func runDriver<S: MatrixMultiplyScalar>(
    a: [S], b: [S], c: inout [S], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
    alpha: S = 1, beta: S, threads: Int, adjust: (inout MatrixMultiplyProblem<S>) -> Void = { _ in }
) {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                var problem = MatrixMultiplyProblem<S>(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                    a: pa.baseAddress!, lda: Swift.max(transposeA ? m : k, 1), b: pb.baseAddress!,
                    ldb: Swift.max(transposeB ? k : n, 1), beta: beta, c: pc.baseAddress!, ldc: Swift.max(n, 1))
                adjust(&problem)
                MatrixMultiplyDriver.run(problem, maximumThreads: threads, workPerThread: 1)
            }
        }
    }
}
