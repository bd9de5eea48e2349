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

    /// The same sizes with attention switched on or off.
    public func withAttention(_ on: Bool) -> Seq2SeqConfiguration {
        var copy = self
        copy.usesAttention = on
        return copy
    }
}
