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
    ///
    /// Each row of C is computed a vector of columns at a time: lane j holds element (i, j)'s own
    /// chain of fused multiply-adds over the inner index in order, exactly the scalar chain, so the
    /// vector width changes no bit. A transposed B is first copied as [k, n], so that a column
    /// block of op(B) is one vector load.
    static func run(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                    batch: Int, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, strideA: Int, strideB: Int,
                    accumulate: Bool) {
        // op(A)[i, p] lies `stepA` elements after op(A)[i, p - 1]; op(B) is read as k rows of n.
        let stepA = transposeA ? m : 1, ldb = n
        withUnsafeTemporaryAllocation(of: Float.self, capacity: transposeB ? k * n : 1) { scratch in
            for item in 0..<batch {
                let pa = a + item * strideA, pb = b + item * strideB, pc = c + item * m * n
                // op(B)'s rows: B itself, or its transpose copied into `scratch`.
                let rowsB: UnsafePointer<Float>
                if transposeB {
                    for j in 0..<n {
                        for p in 0..<k { scratch[p * n + j] = pb[j * k + p] }
                    }
                    rowsB = UnsafePointer(scratch.baseAddress!)
                } else {
                    rowsB = pb
                }
                for i in 0..<m {
                    let rowA = transposeA ? pa + i : pa + i * k
                    let rowC = pc + i * n
                    var j = 0
                    while j + 16 <= n {
                        columnBlock(SIMD16<Float>.self, rowA, stepA, rowsB + j, ldb, k, rowC + j, accumulate)
                        j += 16
                    }
                    if j + 8 <= n {
                        columnBlock(SIMD8<Float>.self, rowA, stepA, rowsB + j, ldb, k, rowC + j, accumulate)
                        j += 8
                    }
                    if j + 4 <= n {
                        columnBlock(SIMD4<Float>.self, rowA, stepA, rowsB + j, ldb, k, rowC + j, accumulate)
                        j += 4
                    }
                    while j < n {
                        var sum: Float = 0
                        for p in 0..<k { sum.addProduct(rowA[p * stepA], rowsB[p * ldb + j]) }
                        rowC[j] = accumulate ? rowC[j] + sum : sum
                        j += 1
                    }
                }
            }
        }
    }

    /// C[i, j ..< j + V.scalarCount] (+)= Σ_p op(A)[i, p] · op(B)[p, j ...], one fused chain per lane.
    @inline(__always)
    private static func columnBlock<V: SIMD>(_: V.Type, _ rowA: UnsafePointer<Float>, _ stepA: Int,
                                             _ columnsB: UnsafePointer<Float>, _ ldb: Int, _ k: Int,
                                             _ target: UnsafeMutablePointer<Float>, _ accumulate: Bool)
    where V.Scalar == Float {
        var sum = V()
        for p in 0..<k {
            let y = UnsafeRawPointer(columnsB + p * ldb).loadUnaligned(as: V.self)
            sum.addProduct(V(repeating: rowA[p * stepA]), y)
        }
        let raw = UnsafeMutableRawPointer(target)
        if accumulate { sum = raw.loadUnaligned(as: V.self) + sum }
        raw.storeBytes(of: sum, as: V.self)
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
