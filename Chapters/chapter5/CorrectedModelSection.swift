// Section 3 of chapter 5: the corrected model, its equations, and its gradient check.

import Models
import Notebook
import Tensors

/// States the attention equations and gradient-checks the whole model, with and without attention, in Float64.
func correctedModelSection(_ book: Notebook) {
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
    (vocabulary 6, embedding 3, hidden 4, 2 layers) in Float64.
    """)
    for attention in [true, false] {
        let tiny = Seq2SeqAutoencoder<Double>(Seq2SeqConfiguration(vocabularySize: 6, embeddingSize: 3, hiddenSize: 4,
                                                                   layerCount: 2, usesAttention: attention), seed: book.seed)
        let report = GradientChecker.check(parameters: tiny.parameters) {
            tiny.loss(source: [2, 3, 4, 5, 3, 2, 5, 4], target: [3, 4, 2, 2, 5, 3], batchSize: 2, startToken: 1)
        }
        book.check("gradient check, whole model \(attention ? "with" : "without") attention",
                   measured: report.maxRelativeError, tolerance: 1e-6)
    }
}
