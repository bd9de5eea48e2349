// Chapter 3 — Attention: scaled dot-product attention, its gradients and masks, why √d_k,
// additive attention and its cost, and a trained model that must find a key to read its value.

import Datasets
import Grading
import Foundation
import NeuralNetworks
import Notebook
import Plotting
import Tensors

let book = Notebook(
    chapter: 3, title: "Attention",
    summary: """
    Attention lets a model read from a set of vectors by content instead of by position: a query \
    is compared with every key, the comparisons become weights that sum to one, and the answer is \
    the weighted average of the values. This chapter builds scaled dot-product attention, checks \
    its derivatives and its masks on numbers, measures why the scores are divided by √d_k, compares \
    it with the additive form of Bahdanau et al., and trains a small model whose attention must \
    learn to find the key that was asked for.
    """)
book.exercises([
    Exercise(name: "masked softmax",
             hint: "Replace the masked scores by a very negative number before the softmax (maskedFill), "
                 + "not by 0, and do not zero the weights afterwards without renormalising.",
             stub: "Chapters/chapter3/Exercises.swift") { try gradeMaskedSoftmax(maskedSoftmax) },
    Exercise(name: "additive score",
             hint: "W q is query·Wᵀ (matmul with transposeOther: true); add it to every U kₜ with "
                 + "expandingShape(at: 1), apply tanh, then multiply by vᵀ and drop the last axis.",
             stub: "Chapters/chapter3/Exercises.swift") {
        try gradeAdditiveScores { try additiveScores(query: $0, keys: $1, w: $2, u: $3, v: $4) }
    },
])

let quick = book.quick
var generator = SeededGenerator(seed: book.seed)

// MARK: - 1. Queries, keys and values

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
    "query \(row + 1): weights " + (0..<5).map { fixed(smallWeights[row, $0]) }.joined(separator: "  ")
}.joined(separator: "\n"))
book.check("weights equal exp(s)/Σexp(s) worked by hand", measured: largestAbsolute(smallWeights - handWeights),
           tolerance: 1e-12)
book.check("output equals Σⱼ wⱼ vⱼ", measured: largestAbsolute(smallOutput - handWeights.matmul(smallValues)),
           tolerance: 1e-12)

// MARK: - 2. The softmax and its Jacobian

book.section("The softmax and its Jacobian")
book.prose("""
Training sends gradients back through the softmax, so we need its derivative. Write s = softmax(x). \
Differentiating sᵢ = exp(xᵢ)/Z with Z = Σₘ exp(xₘ) gives ∂sᵢ/∂xⱼ = sᵢ δᵢⱼ − sᵢ sⱼ, where δᵢⱼ is 1 \
when i = j and 0 otherwise (the first term comes from the numerator, the second from ∂Z/∂xⱼ = \
exp(xⱼ)). As a matrix:
""")
book.formula("J = ∂s/∂x = diag(s) − s sᵀ")
book.prose("""
Each row of J sums to zero, because the weights always sum to one whatever x does. We build J \
three ways for a random x of length 6: from the closed form above; from the library's tape, one \
backward pass per output sᵢ (seeding the backward pass with the i-th unit vector gives row i); \
and by central differences (s(x + h eⱼ) − s(x − h eⱼ)) / 2h with h = 1e-5, all six perturbed \
inputs stacked as the rows of one matrix so that one softmax call does them all.
""")
let width = 6
let softmaxInput = Tensor<Double>.randomNormal([width], standardDeviation: 2, generator: &generator,
                                               requiresGradient: true)
let positions = Tensor<Double>.range(to: Double(width))
let identity = positions.reshaped(to: [width, 1]).isEqual(to: positions.reshaped(to: [1, width]))  // [6, 6]
let closedForm: Tensor<Double> = GradientRecording.withoutGradients {
    let s = softmaxInput.softmax(alongAxis: 0)
    return identity * s.reshaped(to: [width, 1]) - s.reshaped(to: [width, 1]).matmul(s.reshaped(to: [1, width]))
}
var tapeRows: [Tensor<Double>] = []
for i in 0..<width {
    softmaxInput.zeroGradient()
    softmaxInput.softmax(alongAxis: 0).backward(seed: (0..<width).map { $0 == i ? 1 : 0 })
    tapeRows.append(softmaxInput.gradient!)
}
let tapeJacobian = Tensor.stack(tapeRows, alongAxis: 0)
let step = 1e-5
let finiteDifferenceJacobian: Tensor<Double> = GradientRecording.withoutGradients {
    let base = softmaxInput.detached().reshaped(to: [1, width])
    let plus = (base + step * identity).softmax(alongAxis: 1), minus = (base - step * identity).softmax(alongAxis: 1)
    return ((plus - minus) / (2 * step)).transposed()            // row j of the difference is ∂s/∂xⱼ
}
book.check("tape Jacobian = diag(s) − s sᵀ", measured: largestAbsolute(tapeJacobian - closedForm), tolerance: 1e-12)
book.check("finite-difference Jacobian = diag(s) − s sᵀ",
           measured: largestAbsolute(finiteDifferenceJacobian - closedForm), tolerance: 1e-8)
book.check("every row of J sums to 0", measured: largestAbsolute(closedForm.sum(alongAxis: 1)), tolerance: 1e-15)
book.prose("""
Section 4 needs the size of J, measured by its Frobenius norm ‖J‖ = (Σᵢⱼ Jᵢⱼ²)^½. Its diagonal \
entries are sᵢ(1 − sᵢ) and its off-diagonal ones −sᵢsⱼ, so ‖J‖² = Σᵢ sᵢ²(1 − sᵢ)² + Σᵢ sᵢ² Σ_{j≠i} sⱼ², \
a formula in the weights alone. When one weight is near 1 and the rest near 0, every term is \
near 0: a saturated softmax passes almost no gradient back. (To compute it when a weight is within \
rounding of 1, write 1 − sᵢ as Σ_{j≠i} sⱼ; then no term cancels another.)
""")
let explicitNorm = (closedForm * closedForm).sum().squareRoot().scalar
let formulaNorm = GradientRecording.withoutGradients {
    softmaxJacobianNorms(softmaxInput.softmax(alongAxis: 0).reshaped(to: [1, width])).scalar
}
book.check("‖J‖ from the weights = ‖J‖ summed entry by entry", measured: abs(formulaNorm - explicitNorm),
           tolerance: 1e-14)

// MARK: - 3. Gradients and masks

book.section("Gradients and masks")
book.prose("""
Often a query must not see some keys: padding at the end of a shorter sequence, or, in a decoder, \
the positions after its own (it would be reading the answer). A mask marks those positions with \
a 1. Before the softmax their scores are replaced by the most negative finite number, so their \
exponential is exactly 0: they receive exactly zero weight, and the remaining weights still sum \
to one. A causal mask for length T is 1 above the diagonal (query t may look at keys 1 … t); a \
padding mask is 1 at every position at or beyond a sequence's length.

First the derivatives. The gradient checker compares the tape's gradient of the attention output \
with central differences for every element of Q, K and V, with a causal mask, in Float64.
""")
let checkShape = (batch: 2, length: 5, keyWidth: 4, valueWidth: 3)
let checkInputs = [
    Tensor<Double>.randomNormal([checkShape.batch, checkShape.length, checkShape.keyWidth], generator: &generator),
    Tensor<Double>.randomNormal([checkShape.batch, checkShape.length, checkShape.keyWidth], generator: &generator),
    Tensor<Double>.randomNormal([checkShape.batch, checkShape.length, checkShape.valueWidth], generator: &generator),
]
let causal = causalMask(checkShape.length, as: Double.self)
let attentionGradient = GradientChecker.check(checkInputs) { inputs in
    scaledDotProductAttention(query: inputs[0], key: inputs[1], value: inputs[2], mask: causal).output
}
book.check("gradient of masked attention w.r.t. Q, K and V (\(attentionGradient.comparedCount) derivatives)",
           measured: attentionGradient.maxRelativeError, tolerance: 1e-6)

let maskBatch = quick ? 16 : 64, maskLength = 16
let lengths = (0..<maskBatch).map { _ in generator.integer(in: 1...maskLength) }
let combinedMask = paddingMask(lengths: lengths, maxLength: maskLength, as: Float.self)
    .maximum(causalMask(maskLength, as: Float.self))                                 // [batch, T, T]
let maskQueries = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], standardDeviation: 3, generator: &generator)
let maskKeys = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], standardDeviation: 3, generator: &generator)
let maskValues = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], generator: &generator)
let maskedWeights = scaledDotProductAttention(query: maskQueries, key: maskKeys, value: maskValues,
                                              mask: combinedMask).weights
let maskedCount = Int(combinedMask.sum().scalar)
let leakedWeight = largestAbsolute(maskedWeights * combinedMask)
let rowSumDeviation = largestAbsolute(maskedWeights.sum(alongAxis: -1) - 1)
book.prose("""
Then the masks, in Float32 as a model would use them: \(maskBatch) sequences of length \(maskLength) \
with random lengths, padding and causal masks combined, so many rows have several masked keys \
(\(maskedCount) of the \(maskBatch * maskLength * maskLength) weights are masked). A row of \
\(maskLength) weights can miss one by at most about \(maskLength) rounding errors of ε = 1.2e-7 \
each, which sets the tolerance of the row sums.
""")
book.check("masked positions get exactly zero weight", passed: leakedWeight == 0,
           detail: "max masked weight \(leakedWeight) (\(maskedCount) masked)")
book.check("rows sum to one (max |Σ w − 1|, Float32)", measured: rowSumDeviation,
           tolerance: Double(maskLength) * Double(Float.ulpOfOne))

// MARK: - 4. Why divide by √d_k

runScalingSection(book, generator: &generator)

// MARK: - 5. Additive attention

runAdditiveSection(book, generator: &generator)

// MARK: - 6. A trained model that must find a key

runRetrievalSection(book, generator: &generator)

book.questions([
    "The retrieval model gives each slot the key and value embeddings side by side. What would it "
        + "take to solve the task with attention over the raw token sequence instead, where the value "
        + "sits one position after its key? (Think about what a key vector must know about its neighbour.)",
    "Dividing by √d_k keeps the score variance at 1 when q and k have unit-variance entries. After "
        + "training the entries are no longer independent. Would a learned temperature (a trainable "
        + "scale in place of 1/√d_k) help, and how could you measure whether it saturates?",
    "Additive attention costs more per score, yet it was the first form to work in translation. "
        + "When could its extra non-linearity buy something the dot product cannot express?",
])
book.finish()
