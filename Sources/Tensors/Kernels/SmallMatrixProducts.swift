/// Batches of small matrix products (attention scores and weighted sums: [time, d_k] by [d_k, time]
/// for every row and head) computed directly, without gemm's packing, which dominates at these sizes.
///
/// Every element is accumulated as gemm's micro-kernels accumulate it, so the bits are the same:
/// fused multiply-adds in order of the inner index from zero, times alpha (here 1), then
/// C + product rounded once when accumulating. Only inner sizes within one of gemm's depth blocks
/// (at most 256) qualify, since beyond that gemm adds block sums.
enum SmallMatrixProducts {
    /// Whether `batch` products of [m, k]·[k, n] are done here rather than by gemm.
    static func qualifies(batch: Int, m: Int, n: Int, k: Int) -> Bool {
        batch > 1 && k > 0 && k <= 256 && m * n * k <= 16_384
    }

    /// C[i] (+)= op(A[i])·op(B[i]) for Float, row-major, at the strides `batchedProduct` uses.
    static func run(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                    batch: Int, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, strideA: Int, strideB: Int,
                    accumulate: Bool) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        for item in 0..<batch {
            let pa = a + item * strideA, pb = b + item * strideB, pc = c + item * m * n
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k {
                        let x = transposeA ? pa[p * lda + i] : pa[i * lda + p]
                        let y = transposeB ? pb[j * ldb + p] : pb[p * ldb + j]
                        sum.addProduct(x, y)
                    }
                    pc[i * n + j] = accumulate ? pc[i * n + j] + sum : sum
                }
            }
        }
    }

    /// The same for Double.
    static func run(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                    batch: Int, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, strideA: Int, strideB: Int,
                    accumulate: Bool) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        for item in 0..<batch {
            let pa = a + item * strideA, pb = b + item * strideB, pc = c + item * m * n
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Double = 0
                    for p in 0..<k {
                        let x = transposeA ? pa[p * lda + i] : pa[i * lda + p]
                        let y = transposeB ? pb[j * ldb + p] : pb[p * ldb + j]
                        sum.addProduct(x, y)
                    }
                    pc[i * n + j] = accumulate ? pc[i * n + j] + sum : sum
                }
            }
        }
    }
}
