#if canImport(Accelerate)
import Accelerate
#endif

/// Dense matrix products on row-major buffers: the BLAS `gemm` operation.
///
/// On Apple platforms the products go to Accelerate's BLAS. Elsewhere they run the package's
/// own blocked kernels: panels of A and B are packed into contiguous buffers sized for the L1
/// and L2 caches, each tile of C is computed by a register-blocked SIMD micro-kernel, and a
/// large product is split across up to `maximumThreads` threads.
public enum MatrixMultiply {
    /// How many threads a large product may use (default: the number of active cores).
    ///
    /// Small products always run on the calling thread. Set it to 1 for single-threaded timings.
    /// On Apple platforms Accelerate chooses its own threads and this setting has no effect.
    nonisolated(unsafe) public static var maximumThreads: Int = activeProcessorCount()

    /// The deepest product whose every element is one chain of fused multiply-adds: the kernels'
    /// depth block (KC) for Float and Double. Up to this depth, C + op(A)·op(B) (beta = 1) rounds
    /// each element once, exactly as computing the product and then adding it to C does.
    static let singleBlockDepth = 256

    /// Row-major C = alpha · op(A) · op(B) + beta · C in Float32, where op(X) is X or Xᵀ.
    ///
    /// op(A) is m × k and op(B) is k × n: A is stored m × k (k × m when `transposeA`) with rows
    /// `lda` elements apart, B is stored k × n (n × k when `transposeB`) with rows `ldb` apart,
    /// and C is m × n with rows `ldc` apart. When beta is zero, C is overwritten without being
    /// read, so it may hold anything (NaN included). When k is zero or alpha is zero, A and B
    /// are not read and C becomes beta · C.
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let problem = MatrixMultiplyProblem(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
            a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        validate(problem)
        #if canImport(Accelerate)
        if m > 0 && n > 0 && k > 0 && alpha != 0 {
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        #endif
        MatrixMultiplyDriver.run(problem, maximumThreads: maximumThreads)
    }

    /// Row-major C = alpha · op(A) · op(B) + beta · C in Float64, where op(X) is X or Xᵀ.
    ///
    /// The arguments mean what they mean for the Float32 `gemm`.
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        let problem = MatrixMultiplyProblem(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
            a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        validate(problem)
        #if canImport(Accelerate)
        if m > 0 && n > 0 && k > 0 && alpha != 0 {
            cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        #endif
        MatrixMultiplyDriver.run(problem, maximumThreads: maximumThreads)
    }

    /// Stops with a message naming the offending sizes when the arguments cannot describe a product.
    static func validate<Scalar>(_ p: MatrixMultiplyProblem<Scalar>) {
        if p.m < 0 || p.n < 0 || p.k < 0 {
            shapeFailure("MatrixMultiply.gemm", "negative size m=\(p.m), n=\(p.n), k=\(p.k)")
        }
        let widthA = p.transposeA ? p.m : p.k
        let widthB = p.transposeB ? p.k : p.n
        if p.lda < Swift.max(widthA, 1) && !(p.m == 0 || p.k == 0) {
            shapeFailure("MatrixMultiply.gemm", "lda=\(p.lda) is less than A's row width \(widthA) "
                + "(m=\(p.m), k=\(p.k), transposeA=\(p.transposeA))")
        }
        if p.ldb < Swift.max(widthB, 1) && !(p.k == 0 || p.n == 0) {
            shapeFailure("MatrixMultiply.gemm", "ldb=\(p.ldb) is less than B's row width \(widthB) "
                + "(k=\(p.k), n=\(p.n), transposeB=\(p.transposeB))")
        }
        if p.ldc < Swift.max(p.n, 1) && !(p.m == 0 || p.n == 0) {
            shapeFailure("MatrixMultiply.gemm", "ldc=\(p.ldc) is less than C's row width n=\(p.n) (m=\(p.m))")
        }
    }
}
