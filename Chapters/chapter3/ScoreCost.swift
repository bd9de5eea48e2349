// Timing the two score functions on the same sizes: dot product against additive.

import Book
import Foundation
import NeuralNetworks
import Tensors

/// Sizes for comparing the two score functions: `batch` sequences, `queries` queries attending over
/// `keys` keys, vectors of width `width` (queries, keys and the additive hidden layer alike).
struct ScoreCostSizes {
    var batch: Int
    var queries: Int
    var keys: Int
    var width: Int

    /// Multiply–adds of the dot-product scores Q·Kᵀ: B·Tq·Tk·d.
    var dotProductMultiplyAdds: Int { batch * queries * keys * width }
    /// Multiply–adds of the additive scores: W q for each query, U k for each key (once), and vᵀ·tanh(…)
    /// for each query–key pair: B·(Tq·h·d + Tk·h·d + Tq·Tk·h); add B·Tq·Tk·h tanh evaluations.
    var additiveMultiplyAdds: Int { batch * (queries * width * width + keys * width * width + queries * keys * width) }
    /// tanh evaluations of the additive scores: B·Tq·Tk·h.
    var additiveTanhCount: Int { batch * queries * keys * width }
}

/// Additive scores for every query–key pair: vᵀ tanh(W qᵢ + U kⱼ) → [batch, Tq, Tk].
func additiveScoreTable(_ attention: AdditiveAttention<Float>, queries: Tensor<Float>, keys: Tensor<Float>) -> Tensor<Float> {
    let projectedQueries = attention.query(queries).expandingShape(at: 2)   // [B, Tq, 1, h]
    let projectedKeys = attention.key(keys).expandingShape(at: 1)           // [B, 1, Tk, h]
    let energy = (projectedQueries + projectedKeys).tanh()                  // [B, Tq, Tk, h]
    return attention.v(energy).squeezingShape(at: 3)                        // [B, Tq, Tk]
}

/// Times the dot-product and the additive scores (forward only) at `sizes`; returns seconds.
func timeScoreFunctions(_ sizes: ScoreCostSizes, repetitions: Int, generator: inout SeededGenerator)
    -> (dotProduct: Double, additive: Double) {
    let (b, tq, tk, d) = (sizes.batch, sizes.queries, sizes.keys, sizes.width)
    let queries = Tensor<Float>.randomNormal([b, tq, d], generator: &generator)
    let keys = Tensor<Float>.randomNormal([b, tk, d], generator: &generator)
    let attention = AdditiveAttention<Float>(querySize: d, keySize: d, hiddenSize: d, generator: &generator)
    return GradientRecording.withoutGradients {
        let dot = Timing.medianSeconds(repetitions: repetitions) {
            _ = (queries.matmul(keys, transposeOther: true) * (1 / Float(d).squareRoot()))
        }
        let additive = Timing.medianSeconds(repetitions: repetitions) {
            _ = additiveScoreTable(attention, queries: queries, keys: keys)
        }
        return (dot, additive)
    }
}
