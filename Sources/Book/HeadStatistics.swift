// Introduced in chapter 7 (what each head of a Transformer looks at).
import Foundation
import Tensors

/// How far from a chosen key each head looks: Σⱼ wₜⱼ·|j − aligned(t)| averaged over the real query
/// positions of every row, for weights [batch, heads, Tq, Tk]; one number per head.
///
/// `queryLengths` and `keyLengths` give each row's real positions (the rest is padding and is
/// skipped); `aligned(t, keyLength)` is the key query t would read if it looked at one place, e.g.
/// `{ t, _ in t }` for a position's distance from itself, `{ t, n in n − 1 − t }` for reversing.
public func meanAttentionDistance(_ weights: Tensor<Float>, queryLengths: [Int], keyLengths: [Int],
                                  aligned: (Int, Int) -> Int) -> [Double] {
    require(weights.rank == 4 && queryLengths.count == weights.shape[0] && keyLengths.count == weights.shape[0],
            "meanAttentionDistance", "needs weights [batch, heads, Tq, Tk] and one length per row, got "
                + "\(describe(weights.shape)), \(queryLengths.count) and \(keyLengths.count) lengths")
    let (batch, heads, tq, tk) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
    let w = weights.scalars
    return (0..<heads).map { h in
        var total = 0.0, count = 0
        for b in 0..<batch {
            for t in 0..<min(queryLengths[b], tq) {
                let target = aligned(t, keyLengths[b])
                let row = ((b * heads + h) * tq + t) * tk
                for j in 0..<min(keyLengths[b], tk) { total += Double(w[row + j]) * Double(abs(j - target)) }
                count += 1
            }
        }
        return total / Double(Swift.max(count, 1))
    }
}

/// The mean entropy −Σⱼ wₜⱼ log wₜⱼ (in nats) of each head's rows over the real query positions, for
/// weights [batch, heads, Tq, Tk]: 0 when a head puts all its weight on one key, log n when it spreads it over n.
public func meanAttentionEntropy(_ weights: Tensor<Float>, queryLengths: [Int]) -> [Double] {
    require(weights.rank == 4 && queryLengths.count == weights.shape[0], "meanAttentionEntropy",
            "needs weights [batch, heads, Tq, Tk] and one length per row, got \(describe(weights.shape)) and "
                + "\(queryLengths.count) lengths")
    let (batch, heads, tq, tk) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
    let w = weights.scalars
    return (0..<heads).map { h in
        var total = 0.0, count = 0
        for b in 0..<batch {
            for t in 0..<min(queryLengths[b], tq) {
                let row = ((b * heads + h) * tq + t) * tk
                for j in 0..<tk where w[row + j] > 0 { total -= Double(w[row + j]) * Foundation.log(Double(w[row + j])) }
                count += 1
            }
        }
        return total / Double(Swift.max(count, 1))
    }
}
