import Tensors
import NeuralNetworks

/// Reads a token sequence into one output vector per position and a final LSTM state.
public final class Seq2SeqEncoder<Scalar: TensorScalar>: Module {
    /// Token vectors.
    public let embedding: Embedding<Scalar>
    /// The stacked LSTM.
    public let rnn: LSTM<Scalar>
    /// Dropout on the embedded tokens.
    public let dropout: Dropout<Scalar>

    /// Creates an encoder with the configuration's sizes.
    public init(_ configuration: Seq2SeqConfiguration, generator: inout SeededGenerator) {
        embedding = Embedding(vocabularySize: configuration.vocabularySize, dimension: configuration.embeddingSize,
                              generator: &generator)
        rnn = LSTM(inputSize: configuration.embeddingSize, hiddenSize: configuration.hiddenSize,
                   layerCount: configuration.layerCount, dropout: configuration.dropout, generator: &generator)
        dropout = Dropout(probability: configuration.dropout, seed: generator.next())
    }

    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("embedding", embedding), ("rnn", rnn), ("dropout", dropout)]
    }

    /// Encodes tokens [batch, time] (flat, row-major): outputs [batch, time, hidden] and the final state.
    public func callAsFunction(_ tokens: [Int], batchSize: Int) -> (outputs: Tensor<Scalar>, state: LSTM<Scalar>.State) {
        require(batchSize > 0 && tokens.count % batchSize == 0, "Seq2SeqEncoder",
                "\(tokens.count) tokens do not split into \(batchSize) sequences")
        let embedded = dropout(embedding(tokens, shape: [batchSize, tokens.count / batchSize]))  // [batch, time, embedding]
        return rnn(embedded)
    }
}
