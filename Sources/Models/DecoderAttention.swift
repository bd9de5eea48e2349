import Tensors
import NeuralNetworks

/// An attention layer the decoder can query: keys projected once per sequence, then one call per
/// step from the decoder's state [batch, query] to a context [batch, key] and weights [batch, time].
public protocol DecoderAttention<Scalar>: Module {
    /// What the layer precomputes from the keys [batch, time, key], once per sequence.
    func projectKeys(_ keys: Tensor<Scalar>) -> Tensor<Scalar>
    /// The context and the weights for queries [batch, query]; `mask` [batch, time] is non-zero at padding.
    func callAsFunction(query q: Tensor<Scalar>, keys: Tensor<Scalar>, projectedKeys: Tensor<Scalar>?,
                        mask: Tensor<Scalar>?) -> (context: Tensor<Scalar>, weights: Tensor<Scalar>)
}

extension AdditiveAttention: DecoderAttention {}
extension LuongAttention: DecoderAttention {}

/// The attention layer of `configuration`: queries of hidden size, keys of the encoder's output size.
func makeAttention<Scalar: TensorScalar>(_ configuration: Seq2SeqConfiguration,
                                         generator: inout SeededGenerator) -> (any DecoderAttention<Scalar>)? {
    guard configuration.usesAttention else { return nil }
    let (query, key) = (configuration.hiddenSize, configuration.encoderOutputSize)
    switch configuration.attentionScore {
    case .additive:
        return AdditiveAttention<Scalar>(querySize: query, keySize: key, hiddenSize: query, generator: &generator)
    case .dot:
        return LuongAttention<Scalar>(.dot, querySize: query, keySize: key, generator: &generator)
    case .general:
        return LuongAttention<Scalar>(.general, querySize: query, keySize: key, generator: &generator)
    }
}
