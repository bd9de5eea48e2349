// Chapter 3's exercises: fill in the two functions below, then run
// `swift run chapter3 --exercises` to have them graded.

import Notebook
import Tensors

/// Exercise 1 — the masked softmax.
///
/// `scores` has any shape [..., n]; `mask` can be broadcast to it and is non-zero where a query
/// must not look. Return the softmax along the last axis in which every masked position gets
/// weight exactly 0 and every row still sums to 1 (each row has at least one unmasked entry).
/// Use tensor operations only (`maskedFill`, `softmax`, `exp`, `sum`, …) so the gradient flows.
func maskedSoftmax(_ scores: Tensor<Double>, mask: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 2 — the additive (Bahdanau) score eₜ = vᵀ tanh(W q + U kₜ).
///
/// Shapes: query [batch, q], keys [batch, time, k], w [hidden, q], u [hidden, k], v [1, hidden]
/// (stored as PyTorch's Linear stores its weight: [out, in], so W q is `query.matmul(w, transposeOther: true)`).
/// Return the scores [batch, time], before any softmax.
func additiveScores(query: Tensor<Double>, keys: Tensor<Double>, w: Tensor<Double>, u: Tensor<Double>,
                    v: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}
