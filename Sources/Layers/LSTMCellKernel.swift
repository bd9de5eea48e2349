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
                            for b in 0..<batch {
                                let ds = b * 2 * hidden, ks = b * 5 * hidden, gs = b * 4 * hidden, cs = b * hidden
                                for j in 0..<hidden {
                                    let i = k[ks + j], f = k[ks + hidden + j], g = k[ks + 2 * hidden + j]
                                    let o = k[ks + 3 * hidden + j], t = k[ks + 4 * hidden + j]
                                    let dh = d[ds + j]
                                    let dc = d[ds + hidden + j] + dh * o * (1 - t * t)
                                    ga[gs + j] = dc * g * i * (1 - i)
                                    ga[gs + hidden + j] = dc * c[cs + j] * f * (1 - f)
                                    ga[gs + 2 * hidden + j] = dc * i * (1 - g * g)
                                    ga[gs + 3 * hidden + j] = dh * t * o * (1 - o)
                                    gc[cs + j] = dc * f
                                }
                            }
                        }
                    }
                }
            }
        }
        return (gradGates, gradCell)
    }
}
