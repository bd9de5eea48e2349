import Tensors

/// Additive scores eₜ = vᵀ tanh(pₜ + q) as one operation: projected keys P [batch, time, hidden],
/// projected query Q [batch, hidden] and v [hidden] give e [batch, time].
///
/// Written as separate tensor operations this is a broadcast, a tanh, a product with a single
/// column and a reshape, each with its own pass over [batch, time, hidden]; fused, it is one pass
/// forward and one backward. With e = tanh(pₜ + q):
///
///     ∂e/∂v = tanh(pₜ + q)      ∂e/∂pₜ = ∂e/∂q (summed over t) = v ⊙ (1 − tanh²(pₜ + q))
func additiveScores<Scalar: TensorScalar>(projectedKeys p: Tensor<Scalar>, projectedQuery q: Tensor<Scalar>,
                                                 v: Tensor<Scalar>) -> Tensor<Scalar> {
    guard p.rank == 3, q.rank == 2, p.shape[0] == q.shape[0], p.shape[2] == q.shape[1], v.count == p.shape[2] else {
        shapeFailure("additiveScores", "projected keys \(describe(p.shape)), query \(describe(q.shape)) and v "
                     + "\(describe(v.shape)) do not fit [batch, time, hidden], [batch, hidden] and [hidden]")
    }
    let (batch, time, hidden) = (p.shape[0], p.shape[1], p.shape[2])
    let (scores, energy) = AttentionKernels.scores(p.scalars, q.scalars, v.scalars, batch: batch, time: time, hidden: hidden)
    // The keys' gradient is added in place: every decoder step attends over the same keys.
    return Tensor(shape: [batch, time], scalars: scores, inputs: [p, q, v]) { g, buffers in
        let (dq, dv) = AttentionKernels.scoresPullback(g, energy: energy, v: v.scalars, batch: batch, time: time,
                                                       hidden: hidden, keys: &buffers[0], keysWanted: p.requiresGradient)
        if q.requiresGradient { addGradient(dq, into: &buffers[1]) }
        if v.requiresGradient { addGradient(dv, into: &buffers[2]) }
    }
}

/// Σₜ wₜ·kₜ for each batch entry: weights [batch, time] and values [batch, time, width] give
/// [batch, width] in one pass (instead of one tiny matrix product per batch entry).
///
///     ∂/∂w[b, t] = g[b, :] · k[b, t, :]      ∂/∂k[b, t, :] = w[b, t] · g[b, :]
func weightedSum<Scalar: TensorScalar>(weights w: Tensor<Scalar>, values k: Tensor<Scalar>) -> Tensor<Scalar> {
    guard w.rank == 2, k.rank == 3, w.shape[0] == k.shape[0], w.shape[1] == k.shape[1] else {
        shapeFailure("weightedSum", "weights \(describe(w.shape)) and values \(describe(k.shape)) "
                     + "do not fit [batch, time] and [batch, time, width]")
    }
    let (batch, time, width) = (k.shape[0], k.shape[1], k.shape[2])
    let sum = AttentionKernels.weightedSum(w.scalars, k.scalars, batch: batch, time: time, width: width)
    // The values' gradient is added in place: every decoder step sums over the same values.
    return Tensor(shape: [batch, width], scalars: sum, inputs: [w, k]) { g, buffers in
        let dw = AttentionKernels.weightedSumPullback(g, w.scalars, k.scalars, batch: batch, time: time, width: width,
                                                      values: &buffers[1], valuesWanted: k.requiresGradient)
        if w.requiresGradient { addGradient(dw, into: &buffers[0]) }
    }
}

/// Runs `body` with where a large input's gradient goes: nil when it is not `wanted`; else the
/// gradient so far, to be added to (`adding`), or, when there is none, a new array of `count`
/// elements to be written, which then becomes the gradient.
private func withGradientTarget<T: TensorScalar>(_ buffer: inout [T]?, wanted: Bool, count: Int,
                                                  _ body: (UnsafeMutablePointer<T>?, _ adding: Bool) -> Void) {
    guard wanted else { return body(nil, false) }
    if buffer != nil {
        buffer!.withUnsafeMutableBufferPointer { body($0.baseAddress!, true) }
    } else {
        var fresh: [T] = uninitializedArray(count: count)
        fresh.withUnsafeMutableBufferPointer { body($0.baseAddress!, false) }
        buffer = fresh
    }
}

/// The loops of `additiveScores` and `weightedSum`, specialised for Float and Double.
enum AttentionKernels {
    /// Scores [batch, time] and the cached tanh(pₜ + q) [batch, time, hidden].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scores<T: TensorScalar>(_ p: [T], _ q: [T], _ v: [T], batch: Int, time: Int, hidden: Int) -> ([T], [T]) {
        var energy: [T] = uninitializedArray(count: batch * time * hidden)
        var scores: [T] = uninitializedArray(count: batch * time)
        withBuffers(p, q, v) { ps, qs, vs in
            withMutableBuffers(&energy, &scores) { es, ss in
                BatchPieces.run(count: batch, elements: batch * time * hidden) { entries in
                    for b in entries {
                        let query = qs.baseAddress! + b * hidden
                        for t in 0..<time {
                            let energyRow = es.baseAddress! + (b * time + t) * hidden
                            let keyRow = ps.baseAddress! + (b * time + t) * hidden
                            for h in 0..<hidden { energyRow[h] = keyRow[h] + query[h] }
                            T.vectorized(.tanh, energyRow, energyRow, count: hidden)
                        }
                    }
                    // sₜ = Σₕ eₜₕ·vₕ for every row of these entries at once, each summed in order of h.
                    let rows = entries.count * time, first = entries.lowerBound * time
                    RowDotProducts.compute(es.baseAddress! + first * hidden, rows: rows, columns: hidden,
                                           rowStride: hidden, vectors: vs.baseAddress!, rowsPerVector: rows,
                                           vectorStride: 0, into: ss.baseAddress! + first)
                }
            }
        }
        return (scores, energy)
    }

    /// Gradients of Q and v from the gradient of the scores. P's gradient, when `keysWanted`, goes
    /// into `keys`: written when it holds nil, added to (each element rounded once, as adding a
    /// separately computed gradient would) when it holds the gradient so far.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scoresPullback<T: TensorScalar>(_ g: [T], energy: [T], v: [T], batch: Int, time: Int, hidden: Int,
                                                keys dp: inout [T]?, keysWanted: Bool) -> ([T], [T]) {
        var dq = [T](repeating: 0, count: batch * hidden)
        var dv = [T](repeating: 0, count: hidden)
        withBuffers(energy, v) { es, vs in
            withMutableBuffers(&dq, &dv) { dqs, dvs in
                // ∂/∂v sums over every row, in order; threads split its elements, never the rows.
                BatchPieces.run(count: hidden, elements: batch * time * hidden) { elements in
                    let dv = dvs.baseAddress! + elements.lowerBound, width = elements.count
                    for row in 0..<(batch * time) {
                        let gs = g[row], energyRow = es.baseAddress! + row * hidden + elements.lowerBound
                        for h in 0..<width { dv[h] += gs * energyRow[h] }
                    }
                }
                // ∂/∂p and ∂/∂q: each batch entry's own rows, so the entries can be split.
                withGradientTarget(&dp, wanted: keysWanted, count: batch * time * hidden) { dps, adding in
                    BatchPieces.run(count: batch, elements: batch * time * hidden) { entries in
                        // Pointers and a branch per row, not per element, so that the loops vectorise.
                        let v = vs.baseAddress!
                        for b in entries {
                            let query = dqs.baseAddress! + b * hidden
                            for t in 0..<time {
                                let row = (b * time + t) * hidden, gs = g[b * time + t]
                                let e = es.baseAddress! + row
                                // d/dp vᵀ tanh(p + q) = v ⊙ (1 − tanh²), the same for q
                                if let key = dps.map({ $0 + row }) {
                                    if adding {
                                        for h in 0..<hidden {
                                            let d = gs * v[h] * (1 - e[h] * e[h])
                                            key[h] += d
                                            query[h] += d
                                        }
                                    } else {
                                        for h in 0..<hidden {
                                            let d = gs * v[h] * (1 - e[h] * e[h])
                                            key[h] = d
                                            query[h] += d
                                        }
                                    }
                                } else {
                                    for h in 0..<hidden { query[h] += gs * v[h] * (1 - e[h] * e[h]) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dq, dv)
    }

    /// [batch, width] sums Σₜ w[b, t]·k[b, t, :].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func weightedSum<T: TensorScalar>(_ w: [T], _ k: [T], batch: Int, time: Int, width: Int) -> [T] {
        var out = [T](repeating: 0, count: batch * width)
        withBuffers(w, k) { ws, ks in
            out.withUnsafeMutableBufferPointer { os in
                BatchPieces.run(count: batch, elements: batch * time * width) { entries in
                    for b in entries {
                        let sum = os.baseAddress! + b * width
                        for t in 0..<time {
                            let weight = ws[b * time + t], row = ks.baseAddress! + (b * time + t) * width
                            for j in 0..<width { sum[j] += weight * row[j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The gradient of the weights ([batch, time]). The values' gradient ([batch, time, width]), when
    /// `valuesWanted`, goes into `values`: written when it holds nil, added to (each element rounded
    /// once, as adding a separately computed gradient would) when it holds the gradient so far.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func weightedSumPullback<T: TensorScalar>(_ g: [T], _ w: [T], _ k: [T], batch: Int, time: Int, width: Int,
                                                     values dk: inout [T]?, valuesWanted: Bool) -> [T] {
        var dw: [T] = uninitializedArray(count: batch * time)
        withBuffers(g, k) { gs, ks in
            // ∂/∂w[b, t] = k[b, t, :] · g[b, :], each summed in order of the width.
            dw.withUnsafeMutableBufferPointer { dws in
                BatchPieces.run(count: batch, elements: batch * time * width) { entries in
                    let first = entries.lowerBound * time
                    RowDotProducts.compute(ks.baseAddress! + first * width, rows: entries.count * time, columns: width,
                                           rowStride: width, vectors: gs.baseAddress! + entries.lowerBound * width,
                                           rowsPerVector: time, vectorStride: width, into: dws.baseAddress! + first)
                }
            }
            withGradientTarget(&dk, wanted: valuesWanted, count: batch * time * width) { dks, adding in
                guard let dks else { return }
                // ∂/∂k[b, t, :] = w[b, t] · g[b, :]
                BatchPieces.run(count: batch, elements: batch * time * width) { entries in
                    for b in entries {
                        let grad = gs.baseAddress! + b * width
                        for t in 0..<time {
                            let weight = w[b * time + t], row = dks + (b * time + t) * width
                            if adding {
                                for j in 0..<width { row[j] += weight * grad[j] }
                            } else {
                                for j in 0..<width { row[j] = weight * grad[j] }
                            }
                        }
                    }
                }
            }
        }
        return dw
    }
}
