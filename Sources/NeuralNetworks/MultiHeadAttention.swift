import Tensors

/// Multi-head attention as PyTorch's `nn.MultiheadAttention(batch_first=True)`: project queries,
/// keys and values, attend in `headCount` subspaces of size d = embed/heads, concatenate, project.
///
/// Parameters: `in_proj_weight` [3·embed, embed] (rows: queries, keys, values), `in_proj_bias`
/// [3·embed], `out_proj.weight` [embed, embed], `out_proj.bias` [embed].
public final class MultiHeadAttention<Scalar: TensorScalar>: Module {
    /// The stacked query, key and value projections, [3·embed, embed].
    public let inProjectionWeight: Tensor<Scalar>
    /// Their biases, [3·embed].
    public let inProjectionBias: Tensor<Scalar>
    /// The output projection.
    public let outProjection: Linear<Scalar>
    /// The number of heads.
    public let headCount: Int
    /// The model width.
    public let embedSize: Int

    /// Creates the layer, initialised as PyTorch does (Xavier-uniform in-projection, zero biases).
    public init(embedSize: Int, headCount: Int, generator: inout SeededGenerator) {
        require(headCount > 0 && embedSize % headCount == 0, "MultiHeadAttention",
                "embed size \(embedSize) is not divisible by \(headCount) heads")
        self.embedSize = embedSize
        self.headCount = headCount
        let bound = (6 / Scalar(embedSize + 3 * embedSize)).squareRoot()
        inProjectionWeight = Tensor.randomUniform([3 * embedSize, embedSize], low: -bound, high: bound,
                                                  generator: &generator, requiresGradient: true)
        inProjectionBias = Tensor.zeros([3 * embedSize], requiresGradient: true)
        outProjection = Linear(inputSize: embedSize, outputSize: embedSize, generator: &generator)
        outProjection.bias!.assign([Scalar](repeating: 0, count: embedSize))
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] {
        [("in_proj_weight", inProjectionWeight), ("in_proj_bias", inProjectionBias)]
    }
    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] { [("out_proj", outProjection)] }

    /// Attends from query [batch, Tq, embed] over key and value [batch, Tk, embed].
    ///
    /// `mask` (broadcastable to [batch, heads, Tq, Tk], e.g. a causal [Tq, Tk]) is non-zero where
    /// attention is forbidden. Returns the output [batch, Tq, embed] and the weights of every head
    /// [batch, heads, Tq, Tk].
    public func callAsFunction(query: Tensor<Scalar>, key: Tensor<Scalar>, value: Tensor<Scalar>,
                               mask: Tensor<Scalar>? = nil) -> (output: Tensor<Scalar>, weights: Tensor<Scalar>) {
        guard query.rank == 3, key.rank == 3, value.rank == 3, query.shape[2] == embedSize,
              key.shape[2] == embedSize, value.shape[2] == embedSize, key.shape[0] == query.shape[0],
              value.shape[0] == query.shape[0], key.shape[1] == value.shape[1] else {
            shapeFailure("MultiHeadAttention",
                         "query \(describe(query.shape)), key \(describe(key.shape)), value \(describe(value.shape)) "
                       + "do not fit [batch, T, \(embedSize)]")
        }
        let e = embedSize, d = e / headCount
        func project(_ x: Tensor<Scalar>, _ part: Int) -> Tensor<Scalar> {
            let w = inProjectionWeight.slice(alongAxis: 0, (part * e)..<((part + 1) * e))  // [e, e]
            let b = inProjectionBias.slice(alongAxis: 0, (part * e)..<((part + 1) * e))    // [e]
            let (batch, time) = (x.shape[0], x.shape[1])
            return (x.matmul(w, transposeOther: true) + b)                                 // [batch, T, e]
                .reshaped(to: [batch, time, headCount, d]).permuted([0, 2, 1, 3])          // [batch, heads, T, d]
        }
        let (q, k, v) = (project(query, 0), project(key, 1), project(value, 2))
        let attended = scaledDotProductAttention(query: q, key: k, value: v, mask: mask)   // [batch, heads, Tq, d]
        let merged = attended.output.permuted([0, 2, 1, 3]).reshaped(to: [query.shape[0], query.shape[1], e])
        return (outProjection(merged), attended.weights)
    }
}
