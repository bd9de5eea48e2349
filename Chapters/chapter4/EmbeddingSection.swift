// Section 1 of chapter 4: tokens and their embeddings.

import NeuralNetworks
import Notebook
import Tensors

/// Shows that an embedding lookup is a one-hot vector times the table.
func embeddingSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Tokens and embeddings")
    book.prose("""
    A sentence, a date or a random code reaches a network as a list of token ids: integers that name \
    symbols in a vocabulary. The ids carry no meaning as numbers (token 7 is not 'more' than token 6), so \
    the first layer replaces each id by a learned vector, its embedding. The embedding table E has one row \
    per token; looking up token k returns row k. That is the same as multiplying a one-hot vector (1 at \
    position k, 0 elsewhere) by E, so the gradient of a lookup reaches only the rows that were looked up.
    """)
    book.formula("embed(k) = E[k, :] = onehot(k) · E        E: [vocabulary, embedding]")
    let tokens = [3, 0, 5, 3]
    let table = Embedding<Double>(vocabularySize: 6, dimension: 4, generator: &generator)
    let oneHot = Tensor<Double>(shape: [4, 6], scalars: tokens.flatMap { k in (0..<6).map { $0 == k ? 1.0 : 0.0 } })
    let lookupError = largestDifference(table(tokens, shape: [4]), oneHot.matmul(table.weight))
    book.check("lookup equals one-hot × table", measured: lookupError, tolerance: 0)
}
