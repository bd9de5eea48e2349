// Chapter 5's exercises: fill in the bodies, then run `swift run chapter5 --exercises`.
import Tensors
import Notebook

/// Exercise 1 — dot-product attention in place of additive attention (Luong's "dot" score).
///
/// query is [batch, d] (the decoder's state), keys is [batch, time, d] (the encoder's outputs),
/// mask is [batch, time] with 1 at positions that must get no weight, or nil. Return
///
///     eⱼ = q · kⱼ            (no scaling)
///     α  = softmax(e) over j, masked positions excluded (weight exactly 0)
///     c  = Σⱼ αⱼ kⱼ
///
/// as (context [batch, d], weights [batch, time]), with tensor operations only (matmul,
/// maskedFill, softmax, reshaped / expandingShape), so that the tape can differentiate it.
func dotProductAttention(query: Tensor<Double>, keys: Tensor<Double>, mask: Tensor<Double>?) throws
    -> (context: Tensor<Double>, weights: Tensor<Double>) {
    throw ExerciseNotAttempted()
}

/// Exercise 2 — beam search over sequences of `length` tokens from a vocabulary of `vocabularySize`.
///
/// `logProbabilities(prefix)` gives log p(next token | prefix) for every token. Keep the `beamWidth`
/// prefixes with the largest summed log-probability, extend each by every token, keep the best
/// `beamWidth` again, and after `length` steps return the best sequence. On equal scores prefer the
/// lexicographically smaller sequence. With width 1 this is greedy decoding.
func beamSearch(beamWidth: Int, length: Int, vocabularySize: Int,
                logProbabilities: ([Int]) -> [Double]) throws -> [Int] {
    throw ExerciseNotAttempted()
}
