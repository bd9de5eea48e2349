// Section 3 of chapter 3: gradients of attention, and masks that give exactly zero weight.

import NeuralNetworks
import Notebook
import Tensors

/// Gradient-checks masked attention in Float64 and checks padding and causal masks in Float32.
func gradientsAndMasksSection(_ book: Notebook, generator: inout SeededGenerator) {
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

    let maskBatch = book.quick ? 16 : 64, maskLength = 16
    let lengths = (0..<maskBatch).map { _ in generator.integer(in: 1...maskLength) }
    let combinedMask = paddingMask(lengths: lengths, maxLength: maskLength, as: Float.self)
        .maximum(causalMask(maskLength, as: Float.self))                                 // [batch, T, T]
    let maskQueries = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], standardDeviation: 3, generator: &generator)
    let maskKeys = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], standardDeviation: 3, generator: &generator)
    let maskValues = Tensor<Float>.randomNormal([maskBatch, maskLength, 8], generator: &generator)
    let maskedWeights = scaledDotProductAttention(query: maskQueries, key: maskKeys, value: maskValues,
                                                  mask: combinedMask).weights
    let maskedCount = Int(combinedMask.sum().scalar)
    let leakedWeight = Double((maskedWeights * combinedMask).absolute().max().scalar)
    let rowSumDeviation = Double((maskedWeights.sum(alongAxis: -1) - 1).absolute().max().scalar)
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

    book.prose("""
    All of this needs at least one unmasked key in every row. If a row is masked entirely, every one of \
    its scores becomes the same most negative number, the softmax subtracts that largest score first, \
    and each of the \(maskLength) keys gets weight exactly 1/\(maskLength): the library returns the \
    mean of all the values, masked ones included, with no NaN (filling with −∞ instead, as some code \
    does, gives 0/0 = NaN in such a row). Neither answer means anything, so a fully masked row must \
    never reach the loss: a query at a padded position is itself padding, and its output is thrown away. \
    The check below masks every key of one sequence, so all its \(maskLength) rows are fully masked; the \
    output is compared with the mean of the values to two sums' worth of rounding, 2 · \(maskLength) · max|v| · ε.
    """)
    let blockedMask = Tensor<Float>.ones([1, 1, maskLength])                       // every key masked
    let blocked = scaledDotProductAttention(query: maskQueries.slice(alongAxis: 0, 0..<1),
                                            key: maskKeys.slice(alongAxis: 0, 0..<1),
                                            value: maskValues.slice(alongAxis: 0, 0..<1), mask: blockedMask)
    let uniformWeight = 1 / Float(maskLength)
    let uniformDeviation = Double((blocked.weights - uniformWeight).absolute().max().scalar)
    let valueMean = maskValues.slice(alongAxis: 0, 0..<1).mean(alongAxis: 1, keepingDimensions: true)  // [1, 1, 8]
    let meanDeviation = Double((blocked.output - valueMean).absolute().max().scalar)
    book.check("fully masked rows: every weight exactly 1/\(maskLength)", passed: uniformDeviation == 0,
               detail: "max |w − 1/\(maskLength)| = \(uniformDeviation)")
    // Two sums of maskLength values (the library's and the mean's), each term rounded once.
    let largestValue = Double(maskValues.slice(alongAxis: 0, 0..<1).absolute().max().scalar)
    book.check("fully masked rows: output = mean of the values (Float32)", measured: meanDeviation,
               tolerance: 2 * Double(maskLength) * largestValue * Double(Float.ulpOfOne))
}
