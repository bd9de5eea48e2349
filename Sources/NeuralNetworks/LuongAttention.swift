import Tensors

/// Luong's multiplicative attention: the "dot" score eₜ = q·kₜ or the "general" score eₜ = qᵀ W kₜ,
/// then weights = softmax(e) (padded keys excluded) and context = Σₜ weightsₜ·kₜ.
///
/// Luong, Pham and Manning (2015), section 3.1. The general score keeps W·kₜ per key, computed once
/// per sequence, so a step costs one product of the query with every projected key. Parameters:
/// `weight.weight` W [querySize, keySize] for the general score (no bias), none for the dot score.
public final class LuongAttention<Scalar: TensorScalar>: Module {
    /// Which of Luong's scores.
    public enum Score: String, Sendable {
        /// eₜ = q·kₜ; needs queries and keys of one size.
        case dot
        /// eₜ = qᵀ W kₜ.
        case general
    }

    /// The score.
    public let score: Score
    /// W of the general score; nil for the dot score.
    public let weight: Linear<Scalar>?

    /// Creates the layer for queries of `querySize` and keys of `keySize`.
    public init(_ score: Score, querySize: Int, keySize: Int, generator: inout SeededGenerator) {
        self.score = score
        switch score {
        case .dot:
            require(querySize == keySize, "LuongAttention",
                    "the dot score needs queries and keys of one size, got \(querySize) and \(keySize)")
            weight = nil
        case .general:
            weight = Linear(inputSize: keySize, outputSize: querySize, bias: false, generator: &generator)
        }
    }

    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] { weight.map { [("weight", $0)] } ?? [] }

    /// W·kₜ for every key [batch, time, keySize] → [batch, time, querySize] (the keys themselves for the dot score).
    public func projectKeys(_ keys: Tensor<Scalar>) -> Tensor<Scalar> { weight.map { $0(keys) } ?? keys }

    /// Attends from queries [batch, querySize] over keys [batch, time, keySize]; `mask` [batch, time]
    /// is non-zero at padding. Returns the context [batch, keySize] and the weights [batch, time].
    public func callAsFunction(query q: Tensor<Scalar>, keys: Tensor<Scalar>, projectedKeys: Tensor<Scalar>? = nil,
                               mask: Tensor<Scalar>? = nil) -> (context: Tensor<Scalar>, weights: Tensor<Scalar>) {
        guard q.rank == 2, keys.rank == 3, q.shape[0] == keys.shape[0] else {
            shapeFailure("LuongAttention",
                         "query \(describe(q.shape)) and keys \(describe(keys.shape)) do not fit [batch, q] and [batch, time, k]")
        }
        let projected = projectedKeys ?? projectKeys(keys)                              // [batch, time, querySize]
        guard projected.shape[2] == q.shape[1] else {
            shapeFailure("LuongAttention", "query \(describe(q.shape)) does not fit projected keys \(describe(projected.shape))")
        }
        // eₜ = q·(W kₜ) for every t: one batched product [batch, time, q]·[batch, q, 1].
        var scores = projected.matmul(q.expandingShape(at: 2)).reshaped(to: [q.shape[0], -1])  // [batch, time]
        if let mask { scores = scores.maskedFill(mask, with: -Scalar.greatestFiniteMagnitude) }
        let weights = scores.softmax(alongAxis: -1)                                     // [batch, time]
        let context = weightedSum(weights: weights, values: keys)                      // [batch, k]
        return (context, weights)
    }
}
