// Introduced in chapter 7 (what each head of a Transformer looks at).
import Tensors

/// How far from a chosen key each head looks: Σⱼ wₜⱼ·|j − aligned(t)| averaged over the real query
/// positions of every row, for weights [batch, heads, Tq, Tk]; one number per head.
///
/// `queryLengths` and `keyLengths` give each row's real positions (the rest is padding and is
/// skipped); `aligned(t, keyLength)` is the key query t would read if it looked at one place, e.g.
/// `{ t, _ in t }` for a position's distance from itself, `{ t, n in n − 1 − t }` for reversing.
public func meanAttentionDistance(_ weights: Tensor<Float>, queryLengths: [Int], keyLengths: [Int],
                                  aligned: (Int, Int) -> Int) -> [Double] {
    let (batch, tq, tk) = checkedHeadShape(weights, queryLengths, keyLengths, "meanAttentionDistance")
    let distances = (0..<(batch * tq * tk)).map { index -> Float in   // [batch, 1, Tq, Tk], 0 at padding
        let (b, t, j) = (index / (tq * tk), index / tk % tq, index % tk)
        guard t < queryLengths[b], j < keyLengths[b] else { return 0 }
        return Float(abs(j - aligned(t, keyLengths[b])))
    }
    let weighted = weights * Tensor(shape: [batch, 1, tq, tk], scalars: distances)
    return perHeadMean(weighted.sum(alongAxis: 3), queryLengths: queryLengths)
}

/// The mean entropy −Σⱼ wₜⱼ log wₜⱼ (in nats) of each head's rows over the real query positions, for
/// weights [batch, heads, Tq, Tk]: 0 when a head puts all its weight on one key, log n when it spreads it over n.
public func meanAttentionEntropy(_ weights: Tensor<Float>, queryLengths: [Int]) -> [Double] {
    _ = checkedHeadShape(weights, queryLengths, queryLengths.map { _ in weights.shape[3] }, "meanAttentionEntropy")
    let terms = weights * weights.maximum(Tensor(shape: [], scalars: [1e-30])).log()  // w log w, exactly 0 where w = 0
    return perHeadMean(terms.sum(alongAxis: 3) * -1, queryLengths: queryLengths)
}

/// The batch, query and key sizes of weights [batch, heads, Tq, Tk], after checking one length per row.
private func checkedHeadShape(_ weights: Tensor<Float>, _ queryLengths: [Int], _ keyLengths: [Int],
                              _ operation: String) -> (Int, Int, Int) {
    require(weights.rank == 4 && queryLengths.count == weights.shape[0] && keyLengths.count == weights.shape[0],
            operation, "needs weights [batch, heads, Tq, Tk] and one length per row, got \(describe(weights.shape)), "
                + "\(queryLengths.count) and \(keyLengths.count) lengths")
    return (weights.shape[0], weights.shape[2], weights.shape[3])
}

/// Per-head means of values [batch, heads, Tq] over each row's first `queryLengths[b]` queries.
private func perHeadMean(_ values: Tensor<Float>, queryLengths: [Int]) -> [Double] {
    let (batch, tq) = (values.shape[0], values.shape[2])
    let real = Tensor<Float>(shape: [batch, 1, tq], scalars: (0..<(batch * tq)).map { $0 % tq < queryLengths[$0 / tq] ? 1 : 0 })
    let count = Double(queryLengths.map { min($0, tq) }.reduce(0, +))
    return (values * real).sum(alongAxes: [0, 2]).scalars.map { Double($0) / max(count, 1) }
}
