import Tensors

/// Where a Transformer layer normalises: before each sub-layer (pre-norm, `x + f(norm(x))`) or
/// after its residual sum (post-norm, `norm(x + f(x))`, the original of Vaswani et al. 2017).
/// PyTorch's `norm_first=True` is `.before`; its default, `norm_first=False`, is `.after`.
public enum NormPlacement: String, Sendable, CaseIterable {
    case before, after
}

/// One encoder layer as PyTorch's `nn.TransformerEncoderLayer(batch_first=True)` with ReLU:
/// self-attention, then a position-wise feed-forward network linear2(relu(linear1(x))), each in a
/// residual block with a layer norm placed as `placement` says.
///
/// Parameters: `self_attn.*` (see `MultiHeadAttention`), `linear1` [ff, d], `linear2` [d, ff],
/// `norm1`, `norm2` [d]; dropout (no parameters) after attention, inside and after the feed-forward.
public final class TransformerEncoderLayer<Scalar: TensorScalar>: Module {
    /// Self-attention over the layer's input.
    public let selfAttention: MultiHeadAttention<Scalar>
    /// The feed-forward network's first layer, d → ff.
    public let linear1: Linear<Scalar>
    /// Its second layer, ff → d.
    public let linear2: Linear<Scalar>
    /// The layer norm of the attention block.
    public let norm1: LayerNorm<Scalar>
    /// The layer norm of the feed-forward block.
    public let norm2: LayerNorm<Scalar>
    /// Dropout on each sub-layer's output and inside the feed-forward network.
    public let dropout: Dropout<Scalar>
    /// Before or after the sub-layers.
    public let placement: NormPlacement

    /// Creates the layer; matrices Xavier-uniform as `nn.Transformer` resets them, biases as PyTorch's defaults.
    public init(modelSize d: Int, headCount: Int, feedForwardSize ff: Int, dropout p: Double = 0,
                placement: NormPlacement = .before, generator: inout SeededGenerator) {
        selfAttention = MultiHeadAttention(embedSize: d, headCount: headCount, generator: &generator)
        linear1 = Linear(inputSize: d, outputSize: ff, generator: &generator)
        linear2 = Linear(inputSize: ff, outputSize: d, generator: &generator)
        norm1 = LayerNorm(size: d)
        norm2 = LayerNorm(size: d)
        dropout = Dropout(probability: p, seed: generator.next())
        self.placement = placement
        for weight in [selfAttention.outProjection.weight, linear1.weight, linear2.weight] {
            Initialization.xavierUniform().fill(weight, generator: &generator)
        }
    }

    /// This layer's parts, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("self_attn", selfAttention), ("linear1", linear1), ("linear2", linear2), ("norm1", norm1), ("norm2", norm2),
         ("dropout", dropout)]
    }

    /// The feed-forward sub-layer, applied at every position alone: linear2(dropout(relu(linear1(x)))).
    func feedForward(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        linear2(dropout(linear1(x).relu()))  // [batch, time, d]
    }

    /// Encodes x [batch, time, d]; `mask` (broadcastable to [batch, heads, time, time], non-zero where a
    /// query must not look, e.g. a key padding mask [batch, 1, 1, time]). Returns the output
    /// [batch, time, d] and the attention weights [batch, heads, time, time].
    public func callAsFunction(_ x: Tensor<Scalar>, mask: Tensor<Scalar>? = nil)
        -> (output: Tensor<Scalar>, weights: Tensor<Scalar>) {
        switch placement {
        case .before:
            let normed = norm1(x)
            let attended = selfAttention(query: normed, key: normed, value: normed, mask: mask)
            let h = x + dropout(attended.output)                       // [batch, time, d]
            return (h + dropout(feedForward(norm2(h))), attended.weights)
        case .after:
            let attended = selfAttention(query: x, key: x, value: x, mask: mask)
            let h = norm1(x + dropout(attended.output))
            return (norm2(h + dropout(feedForward(h))), attended.weights)
        }
    }
}
