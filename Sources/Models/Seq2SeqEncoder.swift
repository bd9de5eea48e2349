import Tensors
import NeuralNetworks

/// Reads a token sequence into one output vector per position and the decoder's start state.
///
/// One-directional, the start state is the LSTM's final state. Bidirectional, each position's
/// output is [forward ; backward] (2·hidden), and each layer's start state is built from both
/// directions' final states by a linear bridge: h₀ = tanh(W_h [h→ ; h←] + b_h) and
/// c₀ = W_c [c→ ; c←] + b_c, where h→ is the forward state after the last real token and h← the
/// backward state after the first.
public final class Seq2SeqEncoder<Scalar: TensorScalar>: Module {
    /// Token vectors.
    public let embedding: Embedding<Scalar>
    /// The stacked LSTM.
    public let rnn: LSTM<Scalar>
    /// Dropout on the embedded tokens.
    public let dropout: Dropout<Scalar>
    /// Bidirectional only: [h→ ; h←] (2·hidden) → the decoder's h (hidden), shared by the layers.
    public let bridgeH: Linear<Scalar>?
    /// Bidirectional only: [c→ ; c←] (2·hidden) → the decoder's c (hidden), shared by the layers.
    public let bridgeC: Linear<Scalar>?

    /// Creates an encoder with the configuration's sizes.
    public init(_ configuration: Seq2SeqConfiguration, generator: inout SeededGenerator) {
        let c = configuration
        embedding = Embedding(vocabularySize: c.vocabularySize, dimension: c.embeddingSize, generator: &generator)
        rnn = LSTM(inputSize: c.embeddingSize, hiddenSize: c.hiddenSize, layerCount: c.layerCount, dropout: c.dropout,
                   bidirectional: c.bidirectionalEncoder, generator: &generator)
        dropout = Dropout(probability: c.dropout, seed: generator.next())
        if c.bidirectionalEncoder {
            bridgeH = Linear(inputSize: 2 * c.hiddenSize, outputSize: c.hiddenSize, generator: &generator)
            bridgeC = Linear(inputSize: 2 * c.hiddenSize, outputSize: c.hiddenSize, generator: &generator)
        } else {
            (bridgeH, bridgeC) = (nil, nil)
        }
    }

    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("embedding", embedding), ("rnn", rnn), ("dropout", dropout)]
            + (bridgeH.map { [("bridge_h", $0)] } ?? []) + (bridgeC.map { [("bridge_c", $0)] } ?? [])
    }

    /// Encodes tokens [batch, time] (flat, row-major): outputs [batch, time, outputSize] and the
    /// decoder's start state (one entry per decoder layer). `lengths`, one per row, marks padding.
    public func callAsFunction(_ tokens: [Int], batchSize: Int, lengths: [Int]? = nil)
        -> (outputs: Tensor<Scalar>, state: LSTM<Scalar>.State) {
        require(batchSize > 0 && tokens.count % batchSize == 0, "Seq2SeqEncoder",
                "\(tokens.count) tokens do not split into \(batchSize) sequences")
        let embedded = dropout(embedding(tokens, shape: [batchSize, tokens.count / batchSize]))  // [batch, time, embedding]
        return encode(embedded: embedded, lengths: lengths)
    }

    /// Encodes tokens already embedded [batch, time, embedding] (e.g. a leaf whose gradient is wanted):
    /// outputs [batch, time, outputSize] and the decoder's start state. No dropout is applied here.
    public func encode(embedded: Tensor<Scalar>, lengths: [Int]? = nil) -> (outputs: Tensor<Scalar>, state: LSTM<Scalar>.State) {
        let (outputs, state) = rnn(embedded, lengths: lengths)
        guard let bridgeH, let bridgeC else { return (outputs, state) }
        var start = LSTM<Scalar>.State(h: [], c: [])
        for layer in 0..<rnn.cells.count {
            let h = Tensor.concatenate([state.h[2 * layer], state.h[2 * layer + 1]], alongAxis: 1)  // [batch, 2·hidden]
            let c = Tensor.concatenate([state.c[2 * layer], state.c[2 * layer + 1]], alongAxis: 1)  // [batch, 2·hidden]
            start.h.append(bridgeH(h).tanh())
            start.c.append(bridgeC(c))
        }
        return (outputs, start)
    }
}
