// Section 3 of chapter 5: the corrected model, its equations, and its gradient check.

import Models
import Notebook
import Tensors

/// States the attention equations and gradient-checks the whole model, with and without attention, in Float64.
/// With `checkedElements`, the checks compare that many random entries of each parameter tensor instead of all.
func correctedModelSection(_ book: Notebook, checkedElements: Int?) {
    book.section("The corrected model")
    book.prose("""
    The encoder reads the source x₁ … x_S and keeps every top-layer output h₁ … h_S, not only its final \
    state. The decoder starts from the encoder's final state. At output step t it compares its previous \
    top-layer state sₜ₋₁ with every encoder output, turns the scores into weights with a softmax, and \
    takes the weighted mean of the encoder outputs as the context cₜ. The context enters the LSTM together \
    with the previous token's embedding, and the output layer together with the new state:
    """)
    book.formula("""
    eₜⱼ = vᵀ tanh(W sₜ₋₁ + U hⱼ)            score of source position j for step t
    αₜⱼ = exp(eₜⱼ) / Σₖ exp(eₜₖ)             weights: positive, summing to 1 over j
    cₜ  = Σⱼ αₜⱼ hⱼ                          context
    sₜ  = LSTM([embed(yₜ₋₁) ; cₜ], sₜ₋₁)
    p(yₜ | y<t, x) = softmax(W_out [sₜ ; cₜ] + b_out)
    """)
    book.prose("""
    U hⱼ is computed once per sequence; each step adds W sₜ₋₁ to it. Without attention the same code \
    runs with the context removed: the decoder sees the source only through the encoder's final state. \
    The whole model, with and without attention, is checked against finite differences at a tiny size \
    (vocabulary 6, embedding 3, hidden 4, 2 layers) in Float64\(checkedElements.map { """
    ; with --quick, \($0) entries of each parameter tensor, chosen at random, are compared instead of \
    all of them (each entry costs two runs of the model)
    """ } ?? "").
    """)
    var counts: [Int] = []
    for attention in [true, false] {
        let tiny = Seq2SeqAutoencoder<Double>(Seq2SeqConfiguration(vocabularySize: 6, embeddingSize: 3, hiddenSize: 4,
                                                                   layerCount: 2, usesAttention: attention), seed: book.seed)
        let report = GradientChecker.check(parameters: tiny.parameters, elementsPerParameter: checkedElements) {
            tiny.loss(source: [2, 3, 4, 5, 3, 2, 5, 4], target: [3, 4, 2, 2, 5, 3], batchSize: 2, startToken: 1)
        }
        book.check("gradient check, whole model \(attention ? "with" : "without") attention",
                   measured: report.maxRelativeError, tolerance: 1e-6)
        counts.append(report.comparedCount)
    }
    book.prose("The two checks compared \(counts[0]) and \(counts[1]) partial derivatives.")
}

