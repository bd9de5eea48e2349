import Tensors

/// A table of learned vectors, one row per token: PyTorch's `nn.Embedding`.
public final class Embedding<Scalar: TensorScalar>: Module {
    /// The table, [vocabularySize, dimension].
    public let weight: Tensor<Scalar>

    /// Creates a table initialised from N(0, 1), as PyTorch does.
    public init(vocabularySize: Int, dimension: Int, generator: inout SeededGenerator) {
        require(vocabularySize > 0 && dimension > 0, "Embedding",
                "sizes must be positive, got \(vocabularySize) × \(dimension)")
        weight = Tensor.randomNormal([vocabularySize, dimension], generator: &generator, requiresGradient: true)
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] { [("weight", weight)] }

    /// The vectors of `tokens` (flat, shaped `shape`), giving `shape + [dimension]`.
    ///
    /// A token outside the vocabulary stops the program with a line naming the layer, e.g.
    /// `Embedding(vocabulary 12): index 15 out of range 0..<12`.
    public func callAsFunction(_ tokens: [Int], shape: [Int]) -> Tensor<Scalar> {
        let vocabularySize = weight.shape[0]
        if let bad = tokens.first(where: { $0 < 0 || $0 >= vocabularySize }) {
            shapeFailure("Embedding(vocabulary \(vocabularySize))", "index \(bad) out of range 0..<\(vocabularySize)")
        }
        require(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == tokens.count,
                "Embedding(vocabulary \(vocabularySize))", "shape \(describe(shape)) does not hold \(tokens.count) tokens")
        return weight.gatherRows(tokens, indexShape: shape)
    }
}
