import Tensors
import NeuralNetworks

/// The sizes of a `TransformerAutoencoder`, in the names of PyTorch's `nn.Transformer`.
public struct TransformerConfiguration: Sendable, Equatable {
    /// Tokens in the vocabulary (source and target share it).
    public var vocabularySize: Int
    /// d_model: the width of every position's vector.
    public var modelSize: Int
    /// nhead: attention heads per attention layer; each has modelSize / headCount dimensions.
    public var headCount: Int
    /// num_encoder_layers.
    public var encoderLayerCount: Int
    /// num_decoder_layers.
    public var decoderLayerCount: Int
    /// dim_feedforward: the hidden width of the position-wise feed-forward networks.
    public var feedForwardSize: Int
    /// The dropout probability on every sub-layer's output (0 turns it off).
    public var dropout: Double
    /// Layer norm before the sub-layers (PyTorch's norm_first=True) or after the residual sums.
    public var placement: NormPlacement

    /// Creates a configuration; the defaults are the chapter's model.
    public init(vocabularySize: Int, modelSize: Int = 64, headCount: Int = 4, encoderLayerCount: Int = 2,
                decoderLayerCount: Int = 2, feedForwardSize: Int = 128, dropout: Double = 0,
                placement: NormPlacement = .before) {
        require(vocabularySize > 0 && modelSize > 0 && headCount > 0 && modelSize % headCount == 0
                    && modelSize % 2 == 0 && feedForwardSize > 0,
                "TransformerConfiguration", "need positive sizes, an even d_model divisible by the heads; got vocabulary "
                    + "\(vocabularySize), d_model \(modelSize), \(headCount) heads, feed-forward \(feedForwardSize)")
        self.vocabularySize = vocabularySize
        self.modelSize = modelSize
        self.headCount = headCount
        self.encoderLayerCount = encoderLayerCount
        self.decoderLayerCount = decoderLayerCount
        self.feedForwardSize = feedForwardSize
        self.dropout = dropout
        self.placement = placement
    }

    /// The parameter count in closed form, with d = d_model, f = dim_feedforward, V the vocabulary:
    /// an attention layer has 4d² + 4d, a feed-forward network 2df + d + f, a layer norm 2d; an encoder
    /// layer is one attention, one feed-forward and two norms, a decoder layer two, one and three;
    /// add the two final norms, two embeddings Vd and the output layer dV + V.
    public var closedFormParameterCount: Int {
        let (d, f, v) = (modelSize, feedForwardSize, vocabularySize)
        let attention = 4 * d * d + 4 * d, feedForward = 2 * d * f + d + f, norm = 2 * d
        let encoderLayer = attention + feedForward + 2 * norm
        let decoderLayer = 2 * attention + feedForward + 3 * norm
        return encoderLayerCount * encoderLayer + decoderLayerCount * decoderLayer + 2 * norm + 2 * v * d + d * v + v
    }
}
