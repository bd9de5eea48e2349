// Introduced in chapter 7: how the work of one forward pass grows with the sequence length.

/// Multiply–adds of one forward pass of a model on one (source, target) pair under teacher forcing,
/// with `sourceLength` S source tokens and `targetLength` T decoder steps, counted from the matrix
/// products (element-wise work, softmaxes and layer norms left out), and the number of steps that
/// must run one after another.
public struct ForwardCost: Sendable, Equatable {
    /// Multiply–adds of the matrix products.
    public var multiplyAdds: Int
    /// Steps that depend on the one before: the recurrence's time steps, or the Transformer's layers.
    public var sequentialSteps: Int
}

extension TransformerConfiguration {
    /// The Transformer's cost, with d = d_model, f = dim_feedforward, V the vocabulary: per encoder
    /// layer 4Sd² (projections) + 2S²d (scores and weighted sums) + 2Sdf (feed-forward); per decoder
    /// layer 4Td² + 2T²d (masked self-attention, computed in full), 2Td² + 2Sd² + 2TSd (cross-
    /// attention) and 2Tdf; the output layer TdV. Layers run in order; positions run at once.
    public func forwardCost(sourceLength s: Int, targetLength t: Int) -> ForwardCost {
        let (d, f, v) = (modelSize, feedForwardSize, vocabularySize)
        let encoderLayer = 4 * s * d * d + 2 * s * s * d + 2 * s * d * f
        let decoderLayer = 4 * t * d * d + 2 * t * t * d + 2 * t * d * d + 2 * s * d * d + 2 * t * s * d + 2 * t * d * f
        return ForwardCost(multiplyAdds: encoderLayerCount * encoderLayer + decoderLayerCount * decoderLayer + t * d * v,
                           sequentialSteps: encoderLayerCount + decoderLayerCount)
    }
}

extension Seq2SeqConfiguration {
    /// The LSTM encoder–decoder's cost (one-directional, additive attention), with e the embedding,
    /// h the hidden size, L layers, V the vocabulary: per token 4h(e + h) in the first layer and 4h·2h
    /// in each other; the keys' projection Sh² once; per decoder step the query's projection h², the
    /// scores Sh (v against each tanh vector), the context Sh, the LSTM with the context in its input,
    /// 4h(e + 2h) + (L − 1)·8h², and the output layer 2hV. S + T steps run one after another.
    public func forwardCost(sourceLength s: Int, targetLength t: Int) -> ForwardCost {
        let (e, h, v, l) = (embeddingSize, hiddenSize, vocabularySize, layerCount)
        let encoder = s * (4 * h * (e + h) + (l - 1) * 8 * h * h)
        let context = usesAttention ? h : 0
        var decoderStep = 4 * h * (e + context + h) + (l - 1) * 8 * h * h + (h + context) * v
        if usesAttention { decoderStep += h * h + 2 * s * h }
        return ForwardCost(multiplyAdds: encoder + (usesAttention ? s * h * h : 0) + t * decoderStep,
                           sequentialSteps: s + t)
    }
}
