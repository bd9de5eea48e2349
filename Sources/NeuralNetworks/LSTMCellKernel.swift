import Tensors

/// The LSTM's element-wise state update as one operation, so one time step costs a few
/// tensor operations instead of a dozen.
///
/// Given pre-activation gates a = [aᵢ, a_f, a_g, a_o] ([batch, 4·hidden], PyTorch's order) and
/// the cell c ([batch, hidden]): i = σ(aᵢ), f = σ(a_f), g = tanh(a_g), o = σ(a_o),
/// c′ = f⊙c + i⊙g, h′ = o⊙tanh(c′). Returns [batch, 2·hidden] holding h′ then c′ in each row.
public func lstmStateUpdate<Scalar: TensorScalar>(gates: Tensor<Scalar>, cell: Tensor<Scalar>) -> Tensor<Scalar> {
    guard gates.rank == 2, cell.rank == 2, gates.shape[0] == cell.shape[0], gates.shape[1] == 4 * cell.shape[1] else {
        fatalError("lstmStateUpdate: gates \(gates.shape) and cell \(cell.shape) do not fit [batch, 4·hidden] and [batch, hidden]",
                   file: "", line: 0)
    }
    let batch = cell.shape[0], hidden = cell.shape[1]
    let (state, cache) = LSTMKernels.forward(gates.scalars, cell.scalars, batch: batch, hidden: hidden)
    return Tensor(shape: [batch, 2 * hidden], scalars: state, inputs: [gates, cell]) { g in
        let (gradGates, gradCell) = LSTMKernels.backward(g, cache: cache, cell: cell.scalars, batch: batch, hidden: hidden)
        return [gradGates, gradCell]
    }
}

/// The loops of `lstmStateUpdate`, specialised for Float and Double.
enum LSTMKernels {
    /// Returns the new [h′, c′] rows and a cache [batch, 5·hidden] of i, f, g, o, tanh(c′).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(_ gates: [T], _ cell: [T], batch: Int, hidden: Int) -> ([T], [T]) {
        var state = [T](unsafeUninitializedCapacity: batch * 2 * hidden) { _, n in n = batch * 2 * hidden }
        var cache = [T](unsafeUninitializedCapacity: batch * 5 * hidden) { _, n in n = batch * 5 * hidden }
        gates.withUnsafeBufferPointer { a in
            cell.withUnsafeBufferPointer { c in
                state.withUnsafeMutableBufferPointer { s in
                    cache.withUnsafeMutableBufferPointer { k in
                        for b in 0..<batch {
                            let ga = a.baseAddress! + b * 4 * hidden, cs = c.baseAddress! + b * hidden
                            let ss = s.baseAddress! + b * 2 * hidden, ks = k.baseAddress! + b * 5 * hidden
                            // Activations of the gates, a block of `hidden` at a time (vectorised).
                            T.vectorized(.sigmoid, ga, ks, count: 2 * hidden)                       // i, f
                            T.vectorized(.tanh, ga + 2 * hidden, ks + 2 * hidden, count: hidden)    // g
                            T.vectorized(.sigmoid, ga + 3 * hidden, ks + 3 * hidden, count: hidden) // o
                            for j in 0..<hidden {
                                ss[hidden + j] = ks[hidden + j] * cs[j] + ks[j] * ks[2 * hidden + j]  // c′ = f⊙c + i⊙g
                            }
                            T.vectorized(.tanh, ss + hidden, ks + 4 * hidden, count: hidden)        // tanh(c′)
                            for j in 0..<hidden { ss[j] = ks[3 * hidden + j] * ks[4 * hidden + j] }  // h′ = o⊙tanh(c′)
                        }
                    }
                }
            }
        }
        return (state, cache)
    }

    /// Gradients of the gates and of the old cell from the gradients of [h′, c′].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backward<T: TensorScalar>(_ grad: [T], cache: [T], cell: [T], batch: Int, hidden: Int) -> ([T], [T]) {
        var gradGates = [T](repeating: 0, count: batch * 4 * hidden)
        var gradCell = [T](repeating: 0, count: batch * hidden)
        grad.withUnsafeBufferPointer { d in
            cache.withUnsafeBufferPointer { k in
                cell.withUnsafeBufferPointer { c in
                    gradGates.withUnsafeMutableBufferPointer { ga in
                        gradCell.withUnsafeMutableBufferPointer { gc in
                            // Short loops over few arrays each, so the optimiser can vectorise them.
                            for b in 0..<batch {
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
            }
        }
        return (gradGates, gradCell)
    }
}
