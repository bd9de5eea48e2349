import Tensors

/// The pre-activation gates of one LSTM step, P[:, t, :] + h·W_hhᵀ, read straight from the input
/// projection of the whole sequence: projected [batch, time, 4·hidden], h [batch, hidden],
/// W_hh [4·hidden, hidden] → [batch, 4·hidden].
///
/// Equal to `h.matmul(weight, transposeOther: true, adding: projected.select(alongAxis: 1, index: t))`
/// but without the intermediate copies, and its gradients go straight into the buffers of P (at
/// step t only) and of W_hh (summed over the steps by the matrix product itself).
public func recurrentGates<Scalar: TensorScalar>(projected: Tensor<Scalar>, time t: Int, hidden h: Tensor<Scalar>,
                                                 weight w: Tensor<Scalar>) -> Tensor<Scalar> {
    guard projected.rank == 3, h.rank == 2, w.rank == 2, projected.shape[0] == h.shape[0],
          projected.shape[2] == w.shape[0], w.shape[1] == h.shape[1], (0..<projected.shape[1]).contains(t) else {
        fatalError("recurrentGates: projected \(projected.shape) at step \(t), hidden \(h.shape) and weight \(w.shape) "
                   + "do not fit [batch, time, 4·hidden], [batch, hidden] and [4·hidden, hidden]", file: "", line: 0)
    }
    let (batch, time, width, hiddenSize) = (projected.shape[0], projected.shape[1], projected.shape[2], h.shape[1])
    var gates = RecurrentKernels.rows(projected.scalars, batch: batch, time: time, width: width, at: t)
    gemm(false, true, batch, width, hiddenSize, h.scalars, w.scalars, &gates, accumulate: true)  // += h·Wᵀ
    return Tensor(shape: [batch, width], scalars: gates, inputs: [projected, h, w]) { g, buffers in
        if projected.requiresGradient {
            if buffers[0] == nil { buffers[0] = Tensor<Scalar>.zeros(projected.shape).scalars }
            RecurrentKernels.addRows(g, into: &buffers[0]!, batch: batch, time: time, width: width, at: t)
        }
        if h.requiresGradient {  // ∂/∂h = g·W
            let existing = buffers[1] != nil
            if !existing { buffers[1] = uninitializedArray(count: h.count) }  // written by the product
            gemm(false, false, batch, hiddenSize, width, g, w.scalars, &buffers[1]!, accumulate: existing)
        }
        if w.requiresGradient {  // ∂/∂W = gᵀ·h, added to the sum over earlier steps
            let existing = buffers[2] != nil
            if !existing { buffers[2] = uninitializedArray(count: w.count) }  // written by the product
            gemm(true, false, width, hiddenSize, batch, g, h.scalars, &buffers[2]!, accumulate: existing)
        }
    }
}

/// An array whose elements the caller writes before reading (a product with beta = 0 does).
private func uninitializedArray<Scalar: TensorScalar>(count: Int) -> [Scalar] {
    [Scalar](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// C (+)= op(A)·op(B) for row-major arrays, through the scalar type's matrix product.
private func gemm<Scalar: TensorScalar>(_ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                                        _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar], accumulate: Bool) {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                            a: pa.baseAddress!, lda: transposeA ? m : k, b: pb.baseAddress!, ldb: transposeB ? k : n,
                            beta: accumulate ? 1 : 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

/// The row copies of `recurrentGates`, specialised for Float and Double.
enum RecurrentKernels {
    /// x[:, t, :] of x [batch, time, width], as [batch, width].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func rows<T: TensorScalar>(_ x: [T], batch: Int, time: Int, width: Int, at t: Int) -> [T] {
        [T](unsafeUninitializedCapacity: batch * width) { out, initialized in
            x.withUnsafeBufferPointer { xs in
                for b in 0..<batch {
                    (out.baseAddress! + b * width).initialize(from: xs.baseAddress! + (b * time + t) * width, count: width)
                }
            }
            initialized = batch * width
        }
    }

    /// x[:, t, :] += g for g [batch, width].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func addRows<T: TensorScalar>(_ g: [T], into x: inout [T], batch: Int, time: Int, width: Int, at t: Int) {
        g.withUnsafeBufferPointer { gs in
            x.withUnsafeMutableBufferPointer { xs in
                for b in 0..<batch {
                    let row = xs.baseAddress! + (b * time + t) * width, source = gs.baseAddress! + b * width
                    for j in 0..<width { row[j] += source[j] }
                }
            }
        }
    }
}
