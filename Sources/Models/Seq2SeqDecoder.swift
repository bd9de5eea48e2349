import Tensors
import NeuralNetworks

/// Writes the output sequence one token at a time from the encoder's state, attending over
/// the encoder's outputs when the model has attention.
///
/// With attention, step t reads the previous token's embedding joined with the context cₜ
/// (the attention-weighted sum of encoder outputs, queried with the decoder's previous top
/// state), and predicts from its new top state joined with cₜ. Without attention the LSTM reads
/// the embedding alone and the prediction uses the state alone.
public final class Seq2SeqDecoder<Scalar: TensorScalar>: Module {
    /// Token vectors for the decoder's inputs.
    public let embedding: Embedding<Scalar>
    /// The stacked LSTM; its input is embedding ⊕ context with attention.
    public let rnn: LSTM<Scalar>
    /// The output layer: state (⊕ context) → one score per token.
    public let fc: Linear<Scalar>
    /// Dropout on the embedded tokens.
    public let dropout: Dropout<Scalar>
    /// Whether a context vector is fed in and out.
    public let usesAttention: Bool

    /// Creates a decoder with the configuration's sizes.
    public init(_ configuration: Seq2SeqConfiguration, generator: inout SeededGenerator) {
        let c = configuration
        usesAttention = c.usesAttention
        embedding = Embedding(vocabularySize: c.vocabularySize, dimension: c.embeddingSize, generator: &generator)
        let contextSize = c.usesAttention ? c.encoderOutputSize : 0
        rnn = LSTM(inputSize: c.embeddingSize + contextSize, hiddenSize: c.hiddenSize,
                   layerCount: c.layerCount, dropout: c.dropout, generator: &generator)
        fc = Linear(inputSize: c.hiddenSize + contextSize, outputSize: c.vocabularySize, generator: &generator)
        dropout = Dropout(probability: c.dropout, seed: generator.next())
    }

    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("embedding", embedding), ("rnn", rnn), ("fc", fc), ("dropout", dropout)]
    }

    /// One step: the embedded previous token [batch, embedding] and the state → the features the
    /// output layer reads ([batch, hidden] or [batch, hidden + context]), the new state and the attention weights.
    public func step(embedded: Tensor<Scalar>, state: LSTM<Scalar>.State, memory: AttentionMemory<Scalar>?,
                     attention: (any DecoderAttention<Scalar>)?)
        -> (features: Tensor<Scalar>, state: LSTM<Scalar>.State, weights: Tensor<Scalar>?) {
        guard usesAttention, let memory, let attention else {
            let (output, next) = rnn.step(embedded, state: state)
            return (output, next, nil)
        }
        let query = state.h[state.h.count - 1]                                      // [batch, hidden]
        let (context, weights) = attention(query: query, keys: memory.outputs,
                                           projectedKeys: memory.projectedKeys, mask: memory.mask)
        let input = Tensor.concatenate([embedded, context], alongAxis: 1)           // [batch, embedding + context]
        let (output, next) = rnn.step(input, state: state)
        return (Tensor.concatenate([output, context], alongAxis: 1), next, weights)  // [batch, hidden + context]
    }
}

/// What the decoder attends over: the encoder's outputs, their projection by U, and a padding mask.
public struct AttentionMemory<Scalar: TensorScalar> {
    /// Creates the memory from its parts.
    public init(outputs: Tensor<Scalar>, projectedKeys: Tensor<Scalar>, mask: Tensor<Scalar>?) {
        (self.outputs, self.projectedKeys, self.mask) = (outputs, projectedKeys, mask)
    }

    /// Encoder outputs [batch, time, context].
    public let outputs: Tensor<Scalar>
    /// What the attention layer precomputes from the outputs (U·outputs for the additive score), once per sequence.
    public let projectedKeys: Tensor<Scalar>
    /// Non-zero at padded source positions, [batch, time]; nil when nothing is padded.
    public let mask: Tensor<Scalar>?
}
