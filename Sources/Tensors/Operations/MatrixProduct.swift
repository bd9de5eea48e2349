/// One product per batch entry: C[i] (+)= op(A[i]) · op(B[i]), with row-major matrices at fixed strides.
func batchedProduct<Scalar: TensorScalar>(
    _ a: [Scalar], _ b: [Scalar], batch: Int, m: Int, n: Int, k: Int,
    transposeA: Bool, transposeB: Bool, strideA: Int, strideB: Int,
    into c: inout [Scalar], accumulate: Bool = false
) {
    guard m > 0, n > 0 else { return }
    #if !canImport(Accelerate)
    if SmallMatrixProducts.qualifies(batch: batch, m: m, n: n, k: k) {
        if Scalar.self == Float.self || Scalar.self == Double.self {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        let (ra, rb, rc) = (UnsafeRawPointer(pa.baseAddress!), UnsafeRawPointer(pb.baseAddress!),
                                            UnsafeMutableRawPointer(pc.baseAddress!))
                        if Scalar.self == Float.self {
                            SmallMatrixProducts.run(ra.assumingMemoryBound(to: Float.self), rb.assumingMemoryBound(to: Float.self),
                                                    rc.assumingMemoryBound(to: Float.self), batch: batch, m: m, n: n, k: k,
                                                    transposeA: transposeA, transposeB: transposeB, strideA: strideA,
                                                    strideB: strideB, accumulate: accumulate)
                        } else {
                            SmallMatrixProducts.run(ra.assumingMemoryBound(to: Double.self), rb.assumingMemoryBound(to: Double.self),
                                                    rc.assumingMemoryBound(to: Double.self), batch: batch, m: m, n: n, k: k,
                                                    transposeA: transposeA, transposeB: transposeB, strideA: strideA,
                                                    strideB: strideB, accumulate: accumulate)
                        }
                    }
                }
            }
            return
        }
    }
    #endif
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

/// Adds a product to a gradient buffer, or makes the buffer from it when there is none.
///
/// `product(c, accumulate)` computes C (+)= the product. A product whose sums run over at most
/// one depth block of the kernels (`depth` ≤ 256) is added straight into the buffer: its kernels
/// round C + product once, exactly as adding a separately computed product would, so the bits are
/// the same and no array is made and added. A deeper product is computed apart and then added.
func addProduct<Scalar: TensorScalar>(into buffer: inout [Scalar]?, count: Int, depth: Int,
                                      _ product: (inout [Scalar], _ accumulate: Bool) -> Void) {
    if buffer != nil && depth <= MatrixMultiply.singleBlockDepth {
        product(&buffer!, true)
        return
    }
    var fresh: [Scalar] = ElementwiseKernels.uninitialized(count: count)
    product(&fresh, false)
    addGradient(fresh, into: &buffer)
}

extension Tensor {
    /// The matrix product over the last two axes: [..., m, k] · [k, n] or [..., m, k] · [..., k, n].
    ///
    /// With `transposeOther`, `other` is read as its transpose ([n, k] stored): `x.matmul(w,
    /// transposeOther: true)` is x·wᵀ without copying w, as a PyTorch-layout linear layer needs.
    /// A 2-D `other` is shared by every matrix in the batch. With `adding`, the product is added to
    /// that tensor (broadcast to the result's shape) in the same pass: `x.matmul(w, transposeOther:
    /// true, adding: b)` is a linear layer, and adding a precomputed input projection is an LSTM step.
    ///
    /// For C = A·B + D: ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G (summed over a shared B's batch), ∂/∂D = G summed
    /// over D's broadcast axes; with `transposeOther` (B stored as Bᵀ), ∂/∂Bᵀ = Gᵀ·A.
    public func matmul(_ other: Tensor, transposeOther: Bool = false, adding addend: Tensor? = nil) -> Tensor {
        let name = "matmul"
        guard rank >= 2, other.rank >= 2 else {
            shapeFailure(name, "shapes \(describe(shape)) and \(describe(other.shape)): both need at least 2 axes")
        }
        let m = shape[rank - 2], k = shape[rank - 1]
        let otherRows = other.shape[other.rank - 2], otherColumns = other.shape[other.rank - 1]
        let (innerOther, n) = transposeOther ? (otherColumns, otherRows) : (otherRows, otherColumns)
        guard k == innerOther else {
            shapeFailure(name,
                         "shapes \(describe(shape)) and \(describe(other.shape))\(transposeOther ? " (transposed)" : ""): inner sizes \(k) and \(innerOther) differ")
        }
        let batchShape = Array(shape.dropLast(2))
        let batch = elementCount(batchShape)
        let shared = other.rank == 2
        if !shared && Array(other.shape.dropLast(2)) != batchShape {
            shapeFailure(name, "batch sizes of \(describe(shape)) and \(describe(other.shape)) differ")
        }
        let outShape = batchShape + [m, n]
        if let addend, broadcastShape(addend.shape, outShape) != outShape {
            shapeFailure(name,
                         "the addend \(describe(addend.shape)) does not broadcast to the product's shape \(describe(outShape))")
        }
        // A shared right-hand matrix: the whole batch is one tall product [batch·m, k] · [k, n].
        let (rows, batches) = shared ? (batch * m, 1) : (m, batch)
        let weight = shared && other.isPackedParameter
        // A weight's product reads an addend made of whole rows of n (the result's shape, or one
        // row: a bias) where it would read C; any other addend is broadcast into C first, and the
        // product accumulates onto it.
        let addendRowStride: Int? = weight ? addend.flatMap { d in
            d.shape == outShape ? n : (d.count == n && d.shape.last == n ? 0 : nil)
        } : nil
        let broadcastAddend = addendRowStride == nil ? addend : nil
        var values: [Scalar] = broadcastAddend.map {
            ElementwiseKernels.broadcast($0.scalars, broadcastStrides($0.shape, to: outShape), shape: outShape)
        } ?? ElementwiseKernels.uninitialized(count: elementCount(outShape))
        let accumulate = broadcastAddend != nil
        if weight {
            // A weight: its packed copy serves every product by it until it changes.
            let readAddend = addendRowStride == nil ? [] : addend!.scalars
            scalars.withUnsafeBufferPointer { a in
                readAddend.withUnsafeBufferPointer { d in
                    values.withUnsafeMutableBufferPointer { c in
                        multiply(a.baseAddress!, m: rows, transposeA: false, by: other, transposeW: transposeOther,
                                 into: c.baseAddress!, accumulate: accumulate,
                                 adding: addendRowStride == nil ? nil : d.baseAddress!, addendRowStride: addendRowStride ?? 0)
                    }
                }
            }
        } else {
            batchedProduct(scalars, other.scalars, batch: batches, m: rows, n: n, k: k,
                           transposeA: false, transposeB: transposeOther, strideA: m * k, strideB: shared ? 0 : k * n,
                           into: &values, accumulate: accumulate)
        }
        let inputs = [self, other] + (addend.map { [$0] } ?? [])
        return Tensor(shape: outShape, scalars: values, inputs: inputs) { [self] g, buffers in
            if self.requiresGradient {
                // dA = dC · op(B)ᵀ, a sum over the n columns of C
                addProduct(into: &buffers[0], count: self.count, depth: n) { ga, accumulate in
                    if shared && other.isPackedParameter {
                        g.withUnsafeBufferPointer { pg in
                            ga.withUnsafeMutableBufferPointer { c in
                                multiply(pg.baseAddress!, m: rows, transposeA: false, by: other, transposeW: !transposeOther,
                                         into: c.baseAddress!, accumulate: accumulate)
                            }
                        }
                    } else {
                        batchedProduct(g, other.scalars, batch: batches, m: rows, n: k, k: n,
                                       transposeA: false, transposeB: !transposeOther,
                                       strideA: m * n, strideB: shared ? 0 : k * n, into: &ga, accumulate: accumulate)
                    }
                }
            }
            // A weight's gradient (dB = Aᵀ·dC, or dCᵀ·A when B is stored transposed) waits for the
            // end of the backward pass, so that a weight used at every step gets one deep product.
            let deferred = other.requiresGradient && shared
                && deferWeightGradient(other, left: transposeOther ? g : self.scalars,
                                       right: transposeOther ? self.scalars : g, rows: rows)
            if other.requiresGradient && !deferred {
                // A weight shared by the rows of a batch (or by every step of a sequence) sums
                // over them: with `rows` within one depth block it is added in place.
                addProduct(into: &buffers[1], count: other.count, depth: rows) { gb, accumulate in
                    if transposeOther {
                        // B stored [n, k]: dB = dCᵀ · A
                        batchedProduct(g, self.scalars, batch: batches, m: n, n: k, k: rows,
                                       transposeA: true, transposeB: false, strideA: m * n, strideB: m * k,
                                       into: &gb, accumulate: accumulate)
                    } else {
                        // dB = Aᵀ · dC
                        batchedProduct(self.scalars, g, batch: batches, m: k, n: n, k: rows,
                                       transposeA: true, transposeB: false, strideA: m * k, strideB: m * n,
                                       into: &gb, accumulate: accumulate)
                    }
                }
            }
            if let addend, addend.requiresGradient {
                addGradient(unbroadcast(g, from: outShape, to: addend.shape), into: &buffers[2])
            }
        }
    }
}
