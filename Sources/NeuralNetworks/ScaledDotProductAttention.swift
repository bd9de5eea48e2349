import Tensors

/// softmax(Q·Kᵀ/√d_k + mask)·V over the last two axes: queries [..., Tq, d_k], keys [..., Tk, d_k],
/// values [..., Tk, d_v]. Returns the outputs [..., Tq, d_v] and the weights [..., Tq, Tk].
///
/// `mask` (broadcastable to [..., Tq, Tk]) is non-zero where a query must not look: those
/// scores are replaced by the most negative finite number, so their weights are exactly 0
/// and every row of weights still sums to 1. A row with every key masked gets weight 1/Tk on each
/// key (its output is the mean of all the values, with no NaN); such rows must not reach a loss.
public func scaledDotProductAttention<Scalar: TensorScalar>(
    query: Tensor<Scalar>, key: Tensor<Scalar>, value: Tensor<Scalar>, mask: Tensor<Scalar>? = nil
) -> (output: Tensor<Scalar>, weights: Tensor<Scalar>) {
    guard query.rank >= 2, key.rank == query.rank, value.rank == query.rank,
          query.shape.last == key.shape.last, key.shape[key.rank - 2] == value.shape[value.rank - 2] else {
        shapeFailure("scaledDotProductAttention",
                     "query \(describe(query.shape)), key \(describe(key.shape)) and value \(describe(value.shape)) do not fit "
                   + "[..., Tq, d], [..., Tk, d], [..., Tk, dv]")
    }
    let scale = 1 / Scalar(query.shape[query.rank - 1]).squareRoot()
    var scores = query.matmul(key, transposeOther: true) * scale  // [..., Tq, Tk]
    if let mask { scores = scores.maskedFill(mask, with: -Scalar.greatestFiniteMagnitude) }
    let weights = scores.softmax(alongAxis: -1)                    // [..., Tq, Tk]
    return (weights.matmul(value), weights)                        // [..., Tq, dv]
}

/// A causal mask [T, T]: 1 above the diagonal, where position t would look at later positions.
public func causalMask<Scalar: TensorScalar>(_ length: Int, as _: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
    Tensor(shape: [length, length], scalars: (0..<(length * length)).map { $0 % length > $0 / length ? 1 : 0 })
}

/// A padding mask [batch, 1, T] from sequence lengths: 1 at positions at or beyond each length.
public func paddingMask<Scalar: TensorScalar>(lengths: [Int], maxLength: Int, as _: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
    Tensor(shape: [lengths.count, 1, maxLength],
           scalars: lengths.flatMap { length in (0..<maxLength).map { $0 >= length ? 1 : 0 } })
}
