/// One product per batch entry: C[i] (+)= op(A[i]) · op(B[i]), with row-major matrices at fixed strides.
func batchedProduct<Scalar: TensorScalar>(
    _ a: [Scalar], _ b: [Scalar], batch: Int, m: Int, n: Int, k: Int,
    transposeA: Bool, transposeB: Bool, strideA: Int, strideB: Int,
    into c: inout [Scalar], accumulate: Bool = false
) {
    guard m > 0, n > 0 else { return }
    let lda = transposeA ? m : k, ldb = transposeB ? k : n
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                for i in 0..<batch {
                    Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                alpha: 1, a: pa.baseAddress! + i * strideA, lda: lda,
                                b: pb.baseAddress! + i * strideB, ldb: ldb,
                                beta: accumulate ? 1 : 0, c: pc.baseAddress! + i * m * n, ldc: n)
                }
            }
        }
    }
}

extension Tensor {
    /// The matrix product over the last two axes: [..., m, k] · [k, n] or [..., m, k] · [..., k, n].
    ///
    /// With `transposeOther`, `other` is read as its transpose ([n, k] stored): `x.matmul(w,
    /// transposeOther: true)` is x·wᵀ without copying w, as a PyTorch-layout linear layer needs.
    /// A 2-D `other` is shared by every matrix in the batch.
    public func matmul(_ other: Tensor, transposeOther: Bool = false) -> Tensor {
        let name = "matmul"
        guard rank >= 2, other.rank >= 2 else {
            shapeFailure(name, "shapes \(describe(shape)) and \(describe(other.shape)): both need at least 2 axes")
        }
        let m = shape[rank - 2], k = shape[rank - 1]
        let otherRows = other.shape[other.rank - 2], otherColumns = other.shape[other.rank - 1]
        let (innerOther, n) = transposeOther ? (otherColumns, otherRows) : (otherRows, otherColumns)
        guard k == innerOther else {
            shapeFailure(name, "shapes \(describe(shape)) and \(describe(other.shape))\(transposeOther ? " (transposed)" : ""): inner sizes \(k) and \(innerOther) differ")
        }
        let batchShape = Array(shape.dropLast(2))
        let batch = elementCount(batchShape)
        let shared = other.rank == 2
        if !shared && Array(other.shape.dropLast(2)) != batchShape {
            shapeFailure(name, "batch sizes of \(describe(shape)) and \(describe(other.shape)) differ")
        }
        let outShape = batchShape + [m, n]
        var values = ElementwiseKernels.filled(Scalar(0), count: elementCount(outShape))
        // A shared right-hand matrix: the whole batch is one tall product [batch·m, k] · [k, n].
        let (rows, batches) = shared ? (batch * m, 1) : (m, batch)
        batchedProduct(scalars, other.scalars, batch: batches, m: rows, n: n, k: k,
                       transposeA: false, transposeB: transposeOther, strideA: m * k, strideB: shared ? 0 : k * n,
                       into: &values)
        return Tensor(shape: outShape, scalars: values, inputs: [self, other]) { [self] g in
            var gradSelf: [Scalar]? = nil, gradOther: [Scalar]? = nil
            if self.requiresGradient {
                // dA = dC · op(B)ᵀ
                var ga = ElementwiseKernels.filled(Scalar(0), count: self.count)
                batchedProduct(g, other.scalars, batch: batches, m: rows, n: k, k: n,
                               transposeA: false, transposeB: !transposeOther,
                               strideA: m * n, strideB: shared ? 0 : k * n, into: &ga)
                gradSelf = ga
            }
            if other.requiresGradient {
                var gb = ElementwiseKernels.filled(Scalar(0), count: other.count)
                if transposeOther {
                    // B stored [n, k]: dB = dCᵀ · A
                    batchedProduct(g, self.scalars, batch: batches, m: n, n: k, k: rows,
                                   transposeA: true, transposeB: false, strideA: m * n, strideB: m * k,
                                   into: &gb)
                } else {
                    // dB = Aᵀ · dC
                    batchedProduct(self.scalars, g, batch: batches, m: k, n: n, k: rows,
                                   transposeA: true, transposeB: false, strideA: m * k, strideB: m * n,
                                   into: &gb)
                }
                gradOther = gb
            }
            return [gradSelf, gradOther]
        }
    }
}
