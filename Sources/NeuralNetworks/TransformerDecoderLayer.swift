import Tensors

/// One decoder layer as PyTorch's `nn.TransformerDecoderLayer(batch_first=True)` with ReLU:
/// masked self-attention over the target, attention over the encoder's output (the memory), and a
/// position-wise feed-forward network, each in a residual block with a layer norm.
///
/// Parameters: `self_attn.*`, `multihead_attn.*` (see `MultiHeadAttention`), `linear1` [ff, d],
/// `linear2` [d, ff], `norm1`, `norm2`, `norm3` [d].
public final class TransformerDecoderLayer<Scalar: TensorScalar>: Module {
    /// Self-attention over the target (causally masked by the caller).
    public let selfAttention: MultiHeadAttention<Scalar>
    /// Cross-attention: target queries over memory keys and values.
    public let crossAttention: MultiHeadAttention<Scalar>
    /// The feed-forward network's first layer, d → ff.
    public let linear1: Linear<Scalar>
    /// Its second layer, ff → d.
    public let linear2: Linear<Scalar>
    /// The layer norms of the self-attention, cross-attention and feed-forward blocks.
    public let norm1: LayerNorm<Scalar>, norm2: LayerNorm<Scalar>, norm3: LayerNorm<Scalar>
    /// Dropout on each sub-layer's output and inside the feed-forward network.
    public let dropout: Dropout<Scalar>
    /// Before or after the sub-layers.
    public let placement: NormPlacement

    /// Creates the layer; matrices Xavier-uniform as `nn.Transformer` resets them, biases as PyTorch's defaults.
    public init(modelSize d: Int, headCount: Int, feedForwardSize ff: Int, dropout p: Double = 0,
                placement: NormPlacement = .before, generator: inout SeededGenerator) {
        selfAttention = MultiHeadAttention(embedSize: d, headCount: headCount, generator: &generator)
        crossAttention = MultiHeadAttention(embedSize: d, headCount: headCount, generator: &generator)
        linear1 = Linear(inputSize: d, outputSize: ff, generator: &generator)
        linear2 = Linear(inputSize: ff, outputSize: d, generator: &generator)
        (norm1, norm2, norm3) = (LayerNorm(size: d), LayerNorm(size: d), LayerNorm(size: d))
        dropout = Dropout(probability: p, seed: generator.next())
        self.placement = placement
        for weight in [selfAttention.outProjection.weight, crossAttention.outProjection.weight, linear1.weight,
                       linear2.weight] {
            Initialization.xavierUniform().fill(weight, generator: &generator)
        }
    }

    /// This layer's parts, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("self_attn", selfAttention), ("multihead_attn", crossAttention), ("linear1", linear1), ("linear2", linear2),
         ("norm1", norm1), ("norm2", norm2), ("norm3", norm3), ("dropout", dropout)]
    }

    /// Decodes x [batch, Tt, d] against memory [batch, Ts, d]. `selfMask` (e.g. causal [Tt, Tt]) and
    /// `memoryMask` (e.g. key padding [batch, 1, 1, Ts]) are non-zero where a query must not look.
    /// Returns the output [batch, Tt, d] and the weights of both attentions, [batch, heads, Tt, Tt]
    /// and [batch, heads, Tt, Ts].
    public func callAsFunction(_ x: Tensor<Scalar>, memory: Tensor<Scalar>, selfMask: Tensor<Scalar>?,
                               memoryMask: Tensor<Scalar>?)
        -> (output: Tensor<Scalar>, selfWeights: Tensor<Scalar>, crossWeights: Tensor<Scalar>) {
        func feedForward(_ x: Tensor<Scalar>) -> Tensor<Scalar> { linear2(dropout(linear1(x).relu())) }
        switch placement {
        case .before:
            let n1 = norm1(x)
            let attended = selfAttention(query: n1, key: n1, value: n1, mask: selfMask)
            let h1 = x + dropout(attended.output)                                     // [batch, Tt, d]
            let crossed = crossAttention(query: norm2(h1), key: memory, value: memory, mask: memoryMask)
            let h2 = h1 + dropout(crossed.output)
            return (h2 + dropout(feedForward(norm3(h2))), attended.weights, crossed.weights)
        case .after:
            let attended = selfAttention(query: x, key: x, value: x, mask: selfMask)
            let h1 = norm1(x + dropout(attended.output))
            let crossed = crossAttention(query: h1, key: memory, value: memory, mask: memoryMask)
            let h2 = norm2(h1 + dropout(crossed.output))
            return (norm3(h2 + dropout(feedForward(h2))), attended.weights, crossed.weights)
        }
    }
}
