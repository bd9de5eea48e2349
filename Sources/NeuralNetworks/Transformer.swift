import Tensors

/// The encoder–decoder of Vaswani et al. (2017) as PyTorch's `nn.Transformer(batch_first=True)`:
/// a stack of encoder layers and a final layer norm (`encoder.layers.N.*`, `encoder.norm`), a stack
/// of decoder layers and a final layer norm (`decoder.layers.N.*`, `decoder.norm`). As in PyTorch,
/// both final norms exist whichever the placement; with `.after` they normalise a second time.
///
/// Token embeddings, positions and the output layer are not part of it (nor of PyTorch's).
public final class Transformer<Scalar: TensorScalar>: Module {
    /// The encoder layers, in order.
    public let encoderLayers: [TransformerEncoderLayer<Scalar>]
    /// The layer norm after the last encoder layer.
    public let encoderNorm: LayerNorm<Scalar>
    /// The decoder layers, in order.
    public let decoderLayers: [TransformerDecoderLayer<Scalar>]
    /// The layer norm after the last decoder layer.
    public let decoderNorm: LayerNorm<Scalar>

    /// Creates the stacks; layers draw their parameters from `generator` in order.
    public init(modelSize d: Int, headCount: Int, encoderLayerCount: Int, decoderLayerCount: Int, feedForwardSize ff: Int,
                dropout: Double = 0, placement: NormPlacement = .before, generator: inout SeededGenerator) {
        require(encoderLayerCount > 0 && decoderLayerCount > 0, "Transformer",
                "need at least one encoder and one decoder layer, got \(encoderLayerCount) and \(decoderLayerCount)")
        encoderLayers = (0..<encoderLayerCount).map { _ in
            TransformerEncoderLayer(modelSize: d, headCount: headCount, feedForwardSize: ff, dropout: dropout,
                                    placement: placement, generator: &generator)
        }
        decoderLayers = (0..<decoderLayerCount).map { _ in
            TransformerDecoderLayer(modelSize: d, headCount: headCount, feedForwardSize: ff, dropout: dropout,
                                    placement: placement, generator: &generator)
        }
        encoderNorm = LayerNorm(size: d)
        decoderNorm = LayerNorm(size: d)
    }

    /// The two stacks, named `encoder` and `decoder` as in PyTorch.
    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("encoder", TransformerStack(encoderLayers, norm: encoderNorm)), ("decoder", TransformerStack(decoderLayers, norm: decoderNorm))]
    }

    /// The memory [batch, Ts, d] of a source [batch, Ts, d] and the self-attention weights of each
    /// encoder layer, [batch, heads, Ts, Ts]. `mask` is broadcastable to [batch, heads, Ts, Ts].
    public func encode(_ source: Tensor<Scalar>, mask: Tensor<Scalar>? = nil)
        -> (memory: Tensor<Scalar>, weights: [Tensor<Scalar>]) {
        var x = source, weights: [Tensor<Scalar>] = []
        for layer in encoderLayers {
            let out = layer(x, mask: mask)
            x = out.output
            weights.append(out.weights)
        }
        return (encoderNorm(x), weights)
    }

    /// The decoder's output [batch, Tt, d] for a target [batch, Tt, d] over `memory`, and the self-
    /// and cross-attention weights of each decoder layer.
    public func decode(_ target: Tensor<Scalar>, memory: Tensor<Scalar>, targetMask: Tensor<Scalar>?,
                       memoryMask: Tensor<Scalar>?)
        -> (output: Tensor<Scalar>, selfWeights: [Tensor<Scalar>], crossWeights: [Tensor<Scalar>]) {
        var x = target, selfWeights: [Tensor<Scalar>] = [], crossWeights: [Tensor<Scalar>] = []
        for layer in decoderLayers {
            let out = layer(x, memory: memory, selfMask: targetMask, memoryMask: memoryMask)
            x = out.output
            selfWeights.append(out.selfWeights)
            crossWeights.append(out.crossWeights)
        }
        return (decoderNorm(x), selfWeights, crossWeights)
    }
}

/// A stack of layers and its final norm, named as PyTorch's `nn.TransformerEncoder`/`Decoder`
/// name them: `layers.0.*`, `layers.1.*`, …, `norm.*`.
final class TransformerStack<Scalar: TensorScalar>: Module {
    let layers: [any Module<Scalar>]
    let norm: LayerNorm<Scalar>

    init(_ layers: [any Module<Scalar>], norm: LayerNorm<Scalar>) {
        self.layers = layers
        self.norm = norm
    }

    var submodules: [(name: String, module: any Module<Scalar>)] {
        layers.enumerated().map { (name: "layers.\($0.offset)", module: $0.element) } + [("norm", norm)]
    }
}
