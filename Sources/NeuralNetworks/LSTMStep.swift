import Tensors

// One LSTM step, all of its math: the pre-activation gates, then the state update, each one fused
// operation with its pullback and its loops.
//
//     a = [aᵢ, a_f, a_g, a_o] = W_ih·x + b_ih + b_hh + W_hh·h      [batch, 4·hidden]
//     i = σ(aᵢ)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
//     c′ = f⊙c + i⊙g            h′ = o⊙tanh(c′)

/// Where a step's input projection W_ih·x + b_ih + b_hh comes from.
enum LSTMStepInput<Scalar: TensorScalar> {
    /// The projection of this step's input alone, [batch, 4·hidden].
    case projected(Tensor<Scalar>)
    /// Step `time` of the projection of a whole sequence, [batch, time, 4·hidden].
    case sequence(Tensor<Scalar>, time: Int)
}

extension LSTMCell {
    /// One step from the input projection and the state (h, c), each [batch, hidden]; returns (h′, c′).
    ///
    /// The one entry point for a step: `callAsFunction` and `LSTM` both come here.
    func step(_ input: LSTMStepInput<Scalar>, state: (h: Tensor<Scalar>, c: Tensor<Scalar>))
        -> (h: Tensor<Scalar>, c: Tensor<Scalar>) {
        let gates: Tensor<Scalar>  // [batch, 4·hidden]
        switch input {
        case .projected(let projected):
            gates = state.h.matmul(weightHH, transposeOther: true, adding: projected)
        case .sequence(let projected, let t):
            gates = recurrentGates(projected: projected, time: t, hidden: state.h, weight: weightHH)
        }
        let both = lstmStateUpdate(gates: gates, cell: state.c)  // [batch, 2·hidden]: h′ then c′
        return (both.slice(alongAxis: 1, 0..<hiddenSize), both.slice(alongAxis: 1, hiddenSize..<(2 * hiddenSize)))
    }
}

/// The pre-activation gates P[:, t, :] + h·W_hhᵀ, read straight from the input projection of the
/// whole sequence: projected [batch, time, 4·hidden], h [batch, hidden], W_hh [4·hidden, hidden]
/// → [batch, 4·hidden].
///
/// Equal to `h.matmul(weight, transposeOther: true, adding: projected.select(alongAxis: 1, index: t))`
/// but without the intermediate copies; its gradients go straight into the buffers of P (at step t
/// only) and of W_hh (summed over the steps, in one product at the end of the backward pass).
func recurrentGates<Scalar: TensorScalar>(projected: Tensor<Scalar>, time t: Int, hidden h: Tensor<Scalar>,
                                          weight w: Tensor<Scalar>) -> Tensor<Scalar> {
    guard projected.rank == 3, h.rank == 2, w.rank == 2, projected.shape[0] == h.shape[0],
          projected.shape[2] == w.shape[0], w.shape[1] == h.shape[1], (0..<projected.shape[1]).contains(t) else {
        shapeFailure("recurrentGates", "projected \(describe(projected.shape)) at step \(t), hidden "
                     + "\(describe(h.shape)) and weight \(describe(w.shape)) do not fit [batch, time, 4·hidden], "
                     + "[batch, hidden] and [4·hidden, hidden]")
    }
    let (batch, time, width, hiddenSize) = (projected.shape[0], projected.shape[1], projected.shape[2], h.shape[1])
    // [batch, 4·hidden] = P[:, t, :] + h·Wᵀ: the product reads P's rows (time·width apart) as its
    // addend, with no copy of them.
    var gates: [Scalar] = uninitializedArray(count: batch * width)
    h.scalars.withUnsafeBufferPointer { ph in
        projected.scalars.withUnsafeBufferPointer { pp in
            gates.withUnsafeMutableBufferPointer { pg in
                Tensors.multiply(ph.baseAddress!, m: batch, transposeA: false, by: w, transposeW: true,
                                 into: pg.baseAddress!, accumulate: false, adding: pp.baseAddress! + t * width,
                                 addendRowStride: time * width)
            }
        }
    }
    return Tensor(shape: [batch, width], scalars: gates, inputs: [projected, h, w]) { g, buffers in
        // ∂/∂P[:, t, :] = g
        if projected.requiresGradient {
            if buffers[0] == nil { buffers[0] = Tensor<Scalar>.zeros(projected.shape).scalars }
            LSTMKernels.addRows(g, into: &buffers[0]!, batch: batch, time: time, width: width, at: t)
        }
        // ∂/∂h = g·W
        if h.requiresGradient {
            let existing = buffers[1] != nil
            if !existing { buffers[1] = uninitializedArray(count: h.count) }  // written by the product
            multiply(g, by: w, transposeW: false, into: &buffers[1]!, accumulate: existing)
        }
        // ∂/∂W = gᵀ·h, added to the sum over the steps (in one product at the end of the pass when
        // W is a weight: see DeferredWeightGradients)
        if w.requiresGradient && !deferWeightGradient(w, left: g, right: h.scalars, rows: batch) {
            let existing = buffers[2] != nil
            if !existing { buffers[2] = uninitializedArray(count: w.count) }  // written by the product
            gemm(true, false, width, hiddenSize, batch, g, h.scalars, &buffers[2]!, accumulate: existing)
        }
    }
}

/// The LSTM's element-wise state update as one operation: gates a [batch, 4·hidden] (PyTorch's
/// order i, f, g, o, before their activations) and the cell c [batch, hidden] give [batch, 2·hidden]
/// holding h′ then c′ in each row.
///
/// Derivatives, with dh = ∂L/∂h′ and dc = ∂L/∂c′ + dh·o·(1 − tanh²c′):
///
///     ∂L/∂a_o = dh·tanh(c′)·o(1 − o)     ∂L/∂aᵢ = dc·g·i(1 − i)     ∂L/∂a_f = dc·c·f(1 − f)
///     ∂L/∂a_g = dc·i·(1 − g²)            ∂L/∂c  = dc·f
func lstmStateUpdate<Scalar: TensorScalar>(gates: Tensor<Scalar>, cell: Tensor<Scalar>) -> Tensor<Scalar> {
    guard gates.rank == 2, cell.rank == 2, gates.shape[0] == cell.shape[0], gates.shape[1] == 4 * cell.shape[1] else {
        shapeFailure("lstmStateUpdate", "gates \(describe(gates.shape)) and cell \(describe(cell.shape)) "
                     + "do not fit [batch, 4·hidden] and [batch, hidden]")
    }
    let batch = cell.shape[0], hidden = cell.shape[1]
    let (state, cache) = LSTMKernels.forward(gates.scalars, cell.scalars, batch: batch, hidden: hidden)
    return Tensor(shape: [batch, 2 * hidden], scalars: state, inputs: [gates, cell]) { g in
        let (gradGates, gradCell) = LSTMKernels.backward(g, cache: cache, cell: cell.scalars, batch: batch, hidden: hidden)
        return [gradGates, gradCell]
    }
}

/// C (+)= A·op(W) for a row-major array A [m, k] and a matrix W, through W's packed copy when it is a weight.
private func multiply<Scalar: TensorScalar>(_ a: [Scalar], by w: Tensor<Scalar>, transposeW: Bool,
                                            into c: inout [Scalar], accumulate: Bool) {
    let k = transposeW ? w.shape[1] : w.shape[0]
    a.withUnsafeBufferPointer { pa in
        c.withUnsafeMutableBufferPointer { pc in
            Tensors.multiply(pa.baseAddress!, m: k == 0 ? 0 : a.count / k, transposeA: false, by: w, transposeW: transposeW,
                             into: pc.baseAddress!, accumulate: accumulate)
        }
    }
}

/// C (+)= op(A)·op(B) for row-major arrays, through the scalar type's matrix product.
private func gemm<Scalar: TensorScalar>(_ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
                                        _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar], accumulate: Bool) {
    withBuffers(a, b) { pa, pb in
        c.withUnsafeMutableBufferPointer { pc in
            Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                        a: pa.baseAddress!, lda: transposeA ? m : k, b: pb.baseAddress!, ldb: transposeB ? k : n,
                        beta: accumulate ? 1 : 0, c: pc.baseAddress!, ldc: n)
        }
    }
}

/// The loops of one LSTM step, specialised for Float and Double.
enum LSTMKernels {
    /// The new [h′, c′] rows [batch, 2·hidden] and a cache [batch, 5·hidden] of i, f, g, o, tanh(c′).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(_ gates: [T], _ cell: [T], batch: Int, hidden: Int) -> ([T], [T]) {
        var state: [T] = uninitializedArray(count: batch * 2 * hidden)
        var cache: [T] = uninitializedArray(count: batch * 5 * hidden)
        withBuffers(gates, cell) { a, c in
            withMutableBuffers(&state, &cache) { s, k in
                // Each row of the batch is its own; rows split across threads give the same bits.
                BatchPieces.run(count: batch, elements: batch * 4 * hidden) { rows in
                    for b in rows {
                        let ga = a.baseAddress! + b * 4 * hidden, cs = c.baseAddress! + b * hidden
                        let ss = s.baseAddress! + b * 2 * hidden, ks = k.baseAddress! + b * 5 * hidden
                        // Activations of the gates, a block of `hidden` at a time (vectorised).
                        T.vectorized(.sigmoid, ga, ks, count: 2 * hidden)                       // i, f
                        T.vectorized(.tanh, ga + 2 * hidden, ks + 2 * hidden, count: hidden)    // g
                        T.vectorized(.sigmoid, ga + 3 * hidden, ks + 3 * hidden, count: hidden) // o
                        // Row pointers, not offsets inside the loops, so that the loops vectorise.
                        let i = UnsafePointer(ks), f = i + hidden, g = f + hidden, o = g + hidden, tanhC = o + hidden
                        let h = ss, c = ss + hidden
                        for j in 0..<hidden { c[j] = f[j] * cs[j] + i[j] * g[j] }             // c′ = f⊙c + i⊙g
                        T.vectorized(.tanh, c, ks + 4 * hidden, count: hidden)               // tanh(c′)
                        for j in 0..<hidden { h[j] = o[j] * tanhC[j] }                       // h′ = o⊙tanh(c′)
                    }
                }
            }
        }
        return (state, cache)
    }

    /// Gradients of the gates [batch, 4·hidden] and of the old cell [batch, hidden] from the
    /// gradients of [h′, c′].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(_ grad: [T], cache: [T], cell: [T], batch: Int, hidden: Int) -> ([T], [T]) {
        // Every element of both is written below, so neither is zeroed first.
        var gradGates: [T] = uninitializedArray(count: batch * 4 * hidden)
        var gradCell: [T] = uninitializedArray(count: batch * hidden)
        withBuffers(grad, cache, cell) { d, k, c in
            withMutableBuffers(&gradGates, &gradCell) { ga, gc in
                // Short loops over few arrays each, so the optimiser can vectorise them; rows split
                // across threads as in `forward`.
                BatchPieces.run(count: batch, elements: batch * 4 * hidden) { rows in
                    for b in rows {
                        let dh = d.baseAddress! + b * 2 * hidden, dcNext = dh + hidden
                        let i = k.baseAddress! + b * 5 * hidden, f = i + hidden, g = f + hidden
                        let o = g + hidden, t = o + hidden
                        let cPrevious = c.baseAddress! + b * hidden
                        let gI = ga.baseAddress! + b * 4 * hidden, gF = gI + hidden, gG = gF + hidden
                        let gO = gG + hidden, gC = gc.baseAddress! + b * hidden
                        // dc = ∂L/∂c′ + ∂L/∂h′ · o · (1 − tanh²c′), kept in gC until the end.
                        for j in 0..<hidden { gC[j] = dcNext[j] + dh[j] * o[j] * (1 - t[j] * t[j]) }
                        for j in 0..<hidden { gO[j] = dh[j] * t[j] * o[j] * (1 - o[j]) }
                        for j in 0..<hidden { gI[j] = gC[j] * g[j] * i[j] * (1 - i[j]) }
                        for j in 0..<hidden { gF[j] = gC[j] * cPrevious[j] * f[j] * (1 - f[j]) }
                        for j in 0..<hidden { gG[j] = gC[j] * i[j] * (1 - g[j] * g[j]) }
                        for j in 0..<hidden { gC[j] *= f[j] }
                    }
                }
            }
        }
        return (gradGates, gradCell)
    }

    /// x[:, t, :] += g for g [batch, width].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func addRows<T: TensorScalar>(_ g: [T], into x: inout [T], batch: Int, time: Int, width: Int, at t: Int) {
        g.withUnsafeBufferPointer { gs in
            x.withUnsafeMutableBufferPointer { xs in
                BatchPieces.run(count: batch, elements: batch * width) { rows in
                    for b in rows {
                        let row = xs.baseAddress! + (b * time + t) * width, source = gs.baseAddress! + b * width
                        for j in 0..<width { row[j] += source[j] }
                    }
                }
            }
        }
    }
}
