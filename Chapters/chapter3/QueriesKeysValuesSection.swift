// Section 1 of chapter 3: attention as a soft dictionary lookup, checked against weights worked by hand.

import NeuralNetworks
import Notebook
import Tensors

/// softmax(QKᵀ/√d_k)V on two queries and five keys, against exp(s)/Σexp(s) computed by hand.
func queriesKeysValuesSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Queries, keys and values")
    book.prose("""
    A dictionary answers a query by finding the one key equal to it and returning that key's value. \
    Attention is the soft version of the same lookup. We have n keys k₁ … kₙ, each a vector of length \
    d_k, and beside each key a value vⱼ (a vector of length d_v). A query q is compared with every key \
    by the dot product q·kⱼ, which is large when the two vectors point the same way. The scores are \
    turned into weights by the softmax, wⱼ = exp(sⱼ) / Σₘ exp(sₘ): positive numbers that sum to one. \
    The answer is the weighted average of the values, Σⱼ wⱼ vⱼ. When one score is much larger than \
    the rest, its weight is close to one and attention behaves like the dictionary; otherwise it blends.

    Stacking the queries as the rows of a matrix Q, the keys as the rows of K and the values as the \
    rows of V, every query is answered at once:
    """)
    book.formula("Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V      (softmax along each row)")
    book.prose("""
    Q is [queries, d_k], K is [keys, d_k], V is [keys, d_v]; the weight matrix softmax(Q Kᵀ / √d_k) \
    is [queries, keys] and the result is [queries, d_v]. The division by √d_k is explained in \
    section 4. Here are two random queries attending over five random keys with d_k = 4, computed \
    by the library's `scaledDotProductAttention`, and the same weights computed by hand as \
    exp(s) / Σ exp(s) without any of the library's tricks.
    """)
    let smallQueries = Tensor<Double>.randomNormal([2, 4], generator: &generator)
    let smallKeys = Tensor<Double>.randomNormal([5, 4], generator: &generator)
    let smallValues = Tensor<Double>.randomNormal([5, 3], generator: &generator)
    let (smallOutput, smallWeights) = scaledDotProductAttention(query: smallQueries, key: smallKeys, value: smallValues)
    let exponentials = (smallQueries.matmul(smallKeys, transposeOther: true) / 2).exp()       // √4 = 2
    let handWeights = exponentials / exponentials.sum(alongAxis: 1, keepingDimensions: true)
    book.code((0..<2).map { row in
        "query \(row + 1): weights " + (0..<5).map { fixed(smallWeights[row, $0], 3) }.joined(separator: "  ")
    }.joined(separator: "\n"))
    book.check("weights equal exp(s)/Σexp(s) worked by hand", measured: largestDifference(smallWeights, handWeights),
               tolerance: 1e-12)
    book.check("output equals Σⱼ wⱼ vⱼ", measured: largestDifference(smallOutput, handWeights.matmul(smallValues)),
               tolerance: 1e-12)
}
