// Section 5: additive (Bahdanau) attention and its cost against the dot product.

import Foundation
import NeuralNetworks
import Notebook
import Tensors

/// Checks `AdditiveAttention` against its formula and the gradient checker, then counts and times
/// its scores against dot-product scores on the same sizes.
func additiveSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Additive attention")
    book.prose("""
    The first attention in translation (Bahdanau, Cho and Bengio, 2014) did not use a dot product. \
    It scores each key with a small neural network of one hidden layer: the query and the key are \
    each mapped into a shared space of size h, added, squashed by tanh and read out by a vector v:
    """)
    book.formula("eₜ = vᵀ tanh(W q + U kₜ),   weights = softmax(e),   context = Σₜ weightsₜ kₜ")
    book.prose("""
    W is [h, d_q], U is [h, d_k] and v has length h. Query and key need not have the same length, \
    and the score can be a non-linear function of the pair. This is the form the source article's \
    code attempts. The library's `AdditiveAttention` stores W, U and v as PyTorch's Linear layers \
    would. We check its weights and context against the formula worked with plain tensor \
    operations, and its parameter gradients against finite differences.
    """)
    let (batch, time, querySize, keySize, hidden) = (2, 7, 4, 6, 5)
    let attention = AdditiveAttention<Double>(querySize: querySize, keySize: keySize, hiddenSize: hidden,
                                              generator: &generator)
    let query = Tensor<Double>.randomNormal([batch, querySize], generator: &generator)
    let keys = Tensor<Double>.randomNormal([batch, time, keySize], generator: &generator)
    let (context, weights) = GradientRecording.withoutGradients { attention(query: query, keys: keys) }
    let (w, u, v) = (attention.query.weight, attention.key.weight, attention.v.weight)
    let (handWeights, handContext): (Tensor<Double>, Tensor<Double>) = GradientRecording.withoutGradients {
        let projectedQuery = query.matmul(w, transposeOther: true).reshaped(to: [batch, 1, hidden])
        let energy = (keys.matmul(u, transposeOther: true) + projectedQuery).tanh()        // [batch, time, hidden]
        let scores = energy.matmul(v, transposeOther: true).reshaped(to: [batch, time])
        let e = scores.exp()
        let handWeights = e / e.sum(alongAxis: 1, keepingDimensions: true)
        return (handWeights, (handWeights.reshaped(to: [batch, time, 1]) * keys).sum(alongAxis: 1))
    }
    book.check("AdditiveAttention weights = softmax(vᵀ tanh(W q + U kₜ))", measured: largestDifference(weights, handWeights),
               tolerance: 1e-12)
    book.check("its context = Σₜ weightsₜ kₜ", measured: largestDifference(context, handContext), tolerance: 1e-12)
    let additiveGradient = GradientChecker.check(parameters: attention.parameters) {
        attention(query: query, keys: keys).context
    }
    book.check("gradient w.r.t. W, U and v (\(additiveGradient.comparedCount) derivatives)",
               measured: additiveGradient.maxRelativeError, tolerance: 1e-6)

    book.prose("""
    What does the extra network cost? Count multiply–adds for a batch of B sequences, Tq queries \
    and Tk keys, all vectors of width d, and h = d. The dot-product scores Q Kᵀ take B·Tq·Tk·d. The \
    additive scores take B·Tq·h·d for the W q, B·Tk·h·d for the U k (once per key, shared by every \
    query) and B·Tq·Tk·h for v against each tanh vector, plus B·Tq·Tk·h additions and as many tanh \
    evaluations; worse, they build a [B, Tq, Tk, h] tensor where the dot product builds [B, Tq, Tk]. \
    We time both (forward only, the median of several runs) on the same sizes.
    """)
    let sizes = ScoreCostSizes(batch: 32, queries: 32, keys: 32, width: 64)
    let queries = Tensor<Float>.randomNormal([sizes.batch, sizes.queries, sizes.width], generator: &generator)
    let keysToScore = Tensor<Float>.randomNormal([sizes.batch, sizes.keys, sizes.width], generator: &generator)
    let timed = AdditiveAttention<Float>(querySize: sizes.width, keySize: sizes.width, hiddenSize: sizes.width,
                                         generator: &generator)
    let tableDifference: Double = GradientRecording.withoutGradients {
        let table = additiveScoreTable(timed, queries: queries, keys: keysToScore).softmax(alongAxis: -1)
        let asked = 3
        let module = timed(query: queries.select(alongAxis: 1, index: asked), keys: keysToScore).weights
        return largestDifference(table.select(alongAxis: 1, index: asked), module)
    }
    book.check("the timed score table matches AdditiveAttention's weights (Float32)", measured: tableDifference,
               tolerance: 1e-6)
    let times = timeScoreFunctions(sizes, repetitions: book.quick ? 5 : 21, generator: &generator)
    let countRatio = Double(sizes.additiveMultiplyAdds) / Double(sizes.dotProductMultiplyAdds)
    book.code("""
    B = \(sizes.batch), Tq = \(sizes.queries), Tk = \(sizes.keys), d = h = \(sizes.width)
    dot product: \(sizes.dotProductMultiplyAdds) multiply–adds
    additive:    \(sizes.additiveMultiplyAdds) multiply–adds + \(sizes.additiveTanhCount) tanh
    """)
    let timeRatio = times.additive / times.dotProduct
    book.timing("""
    dot product \(fixed(times.dotProduct * 1000, 2)) ms, additive \(fixed(times.additive * 1000, 2)) ms \
    (median of \(book.quick ? 5 : 21)): the additive scores take \(fixed(timeRatio, 1))× the time, \
    against \(fixed(countRatio, 1))× the multiply–adds
    """)
    book.prose("""
    The count says additive scores need \(fixed(countRatio, 1))× the multiply–adds of the dot \
    product at these sizes. Compare it with the clock's ratio, just printed: the clock's is usually \
    much the larger, because the dot product is one matrix product, the operation libraries are best \
    at, while the additive form spends its time on an element-wise add and tanh over a large \
    intermediate tensor. This is one reason later models (the Transformer among them) \
    chose the scaled dot product.
    """)
}
