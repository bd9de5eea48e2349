import Tensors

/// The sizes of a sequence-to-sequence model.
public struct Seq2SeqConfiguration: Sendable, Equatable {
    /// Tokens in the vocabulary (the article's `input_dim`).
    public var vocabularySize: Int
    /// The size of each token's embedding (`embedding_dim`).
    public var embeddingSize: Int
    /// The size of the LSTM states (`hidden_dim`).
    public var hiddenSize: Int
    /// Stacked LSTM layers in the encoder and in the decoder (`n_layers`).
    public var layerCount: Int
    /// The dropout probability on embeddings and between LSTM layers (`dropout`).
    public var dropout: Double
    /// Whether the decoder attends over the encoder's outputs.
    public var usesAttention: Bool
    /// Whether the encoder's LSTM also reads each source backwards (Bahdanau et al.'s encoder).
    public var bidirectionalEncoder: Bool = false
    /// How the decoder scores each encoder output: Bahdanau's additive score or one of Luong's.
    public var attentionScore: AttentionScore = .additive

    /// The size of each encoder output (and of the context vector): hidden, or 2·hidden when bidirectional.
    public var encoderOutputSize: Int { (bidirectionalEncoder ? 2 : 1) * hiddenSize }

    /// Creates a configuration; sizes must be positive and dropout in [0, 1).
    public init(vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layerCount: Int = 1,
                dropout: Double = 0, usesAttention: Bool = true) {
        require(vocabularySize > 0 && embeddingSize > 0 && hiddenSize > 0 && layerCount > 0, "Seq2SeqConfiguration",
                "sizes must be positive, got vocabulary \(vocabularySize), embedding \(embeddingSize), "
                    + "hidden \(hiddenSize), layers \(layerCount)")
        require((0..<1).contains(dropout), "Seq2SeqConfiguration", "dropout must be in [0, 1), got \(dropout)")
        (self.vocabularySize, self.embeddingSize, self.hiddenSize) = (vocabularySize, embeddingSize, hiddenSize)
        (self.layerCount, self.dropout, self.usesAttention) = (layerCount, dropout, usesAttention)
    }

    /// The source article's settings: input_dim 100, embedding_dim 200, hidden_dim 256, n_layers 2, dropout 0.5.
    public static let article = Seq2SeqConfiguration(vocabularySize: 100, embeddingSize: 200, hiddenSize: 256,
                                                     layerCount: 2, dropout: 0.5)

    /// The same model with a bidirectional (or one-directional) encoder.
    public func withBidirectionalEncoder(_ on: Bool) -> Seq2SeqConfiguration {
        var copy = self
        copy.bidirectionalEncoder = on
        return copy
    }

    /// The same model with another attention score.
    public func withAttentionScore(_ score: AttentionScore) -> Seq2SeqConfiguration {
        var copy = self
        copy.attentionScore = score
        return copy
    }

    /// The same sizes with attention switched on or off.
    public func withAttention(_ on: Bool) -> Seq2SeqConfiguration {
        var copy = self
        copy.usesAttention = on
        return copy
    }
}

/// The score an attention layer gives each encoder output for a decoder query.
public enum AttentionScore: String, Sendable, CaseIterable {
    /// Bahdanau's vᵀ tanh(W q + U k).
    case additive
    /// Luong's q·k (needs a one-directional encoder, so that q and k have one size).
    case dot
    /// Luong's qᵀ W k.
    case general
}
