import Tensors

/// Bahdanau's additive attention: eₜ = vᵀ tanh(W·q + U·kₜ), weights = softmax(e), context = Σₜ weightsₜ·kₜ.
///
/// Parameters (PyTorch-style names): `query.weight` W [hidden, querySize], `key.weight`
/// U [hidden, keySize], `v.weight` [1, hidden]; no biases.
public final class AdditiveAttention<Scalar: TensorScalar>: Module {
    /// W: projects the query (e.g. the decoder state).
    public let query: Linear<Scalar>
    /// U: projects each key (e.g. each encoder output).
    public let key: Linear<Scalar>
    /// v: turns each tanh vector into a score.
    public let v: Linear<Scalar>

    /// Creates the layer; `hiddenSize` is the size of the space where query and keys meet.
    public init(querySize: Int, keySize: Int, hiddenSize: Int, generator: inout SeededGenerator) {
        query = Linear(inputSize: querySize, outputSize: hiddenSize, bias: false, generator: &generator)
        key = Linear(inputSize: keySize, outputSize: hiddenSize, bias: false, generator: &generator)
        v = Linear(inputSize: hiddenSize, outputSize: 1, bias: false, generator: &generator)
    }

    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("query", query), ("key", key), ("v", v)]
    }

    /// U·kₜ for every key [batch, time, keySize] → [batch, time, hidden]; compute once per sequence.
    public func projectKeys(_ keys: Tensor<Scalar>) -> Tensor<Scalar> { key(keys) }

    /// Attends from queries [batch, querySize] over keys [batch, time, keySize].
    ///
    /// `projectedKeys` is `projectKeys(keys)` if already computed; `mask` [batch, time] is non-zero
    /// at padding. Returns the context [batch, keySize] and the weights [batch, time].
    public func callAsFunction(query q: Tensor<Scalar>, keys: Tensor<Scalar>, projectedKeys: Tensor<Scalar>? = nil,
                               mask: Tensor<Scalar>? = nil) -> (context: Tensor<Scalar>, weights: Tensor<Scalar>) {
        guard q.rank == 2, keys.rank == 3, q.shape[0] == keys.shape[0] else {
            shapeFailure("AdditiveAttention",
                         "query \(describe(q.shape)) and keys \(describe(keys.shape)) do not fit [batch, q] and [batch, time, k]")
        }
        let projected = projectedKeys ?? projectKeys(keys)                           // [batch, time, hidden]
        // eₜ = vᵀ tanh(U kₜ + W q), fused into one operation.
        var scores = additiveScores(projectedKeys: projected, projectedQuery: query(q),
                                    v: v.weight.reshaped(to: [-1]))                 // [batch, time]
        if let mask { scores = scores.maskedFill(mask, with: -Scalar.greatestFiniteMagnitude) }
        let weights = scores.softmax(alongAxis: -1)                                  // [batch, time]
        let context = weightedSum(weights: weights, values: keys)                   // [batch, k]
        return (context, weights)
    }
}
