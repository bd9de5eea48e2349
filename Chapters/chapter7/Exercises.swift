// Chapter 7's exercises: fill in the bodies, then run `swift run chapter7 --exercises`.
import Tensors
import Notebook

/// Exercise 1 — the sinusoidal position encodings, [length, dimension] (dimension even):
///
///     PE(t, 2i)     = sin(t · ωᵢ)
///     PE(t, 2i + 1) = cos(t · ωᵢ),     ωᵢ = 10000^(−2i / dimension)
///
/// Build the numbers with Swift's sin, cos and pow (Foundation) and return
/// `Tensor(shape: [length, dimension], scalars: values)`.
func sinusoidalEncoding(length: Int, dimension: Int) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 2 — the causal ("look-ahead") mask for a decoder of `length` positions, [length, length]:
/// entry [query, key] is 1 where attention is forbidden (the key comes after the query) and 0 where
/// it is allowed (the key is the query itself or earlier).
func lookAheadMask(length: Int) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 3a — split x [batch, time, heads·d] into heads, [batch, heads, time, d]: head h holds
/// features h·d … h·d + d − 1 of every position. Use tensor operations (reshaped, permuted) so that
/// gradients flow; no loops.
func splitHeads(_ x: Tensor<Double>, headCount: Int) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 3b — merge heads [batch, heads, time, d] back into [batch, time, heads·d]: the inverse
/// of `splitHeads`, again with tensor operations only.
func mergeHeads(_ x: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}
