// Chapter 4's exercises: fill in the bodies, then run `swift run chapter4 --exercises`.
import Tensors
import Models
import Notebook

/// Exercise 1 — one step of a GRU cell, PyTorch's `nn.GRUCell`, with gates in the order r, z, n.
///
/// x is [batch, input], h is [batch, hidden]; weightIH is [3·hidden, input], weightHH is
/// [3·hidden, hidden], biasIH and biasHH are [3·hidden]. Return h′ [batch, hidden]:
///
///     r  = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z  = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h′ = (1 − z) ⊙ n + z ⊙ h
///
/// Use tensor operations only (matmul with transposeOther, slice, sigmoid, tanh, * and +), so that
/// the tape can differentiate your step.
func gruCell(x: Tensor<Double>, h: Tensor<Double>, weightIH: Tensor<Double>, weightHH: Tensor<Double>,
             biasIH: Tensor<Double>, biasHH: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 2 — greedy decoding: feed the model its own most likely token, `length` times.
///
/// Encode the sources with `model.encode(_:batchSize:)`, start every row from `startToken`, and at
/// each step embed the previous tokens (`model.decoder.embedding(_:shape:)`), take one decoder step
/// (`model.decoder.step(embedded:state:memory:attention:)`), score the tokens with
/// `model.decoder.fc` and keep the argmax. Return the tokens, one row per source.
func greedyDecode(model: Seq2SeqAutoencoder<Float>, sources: [[Int]], length: Int, startToken: Int) throws -> [[Int]] {
    throw ExerciseNotAttempted()
}
