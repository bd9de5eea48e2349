// Chapter 3's retrieval model: one attention step from the queried key over key–value slots.

import Datasets
import NeuralNetworks
import Tensors

/// Embeds the tokens, makes one slot per key–value pair, attends from the queried key over the
/// slots with scaled dot-product attention and predicts the value from the attention's output.
public final class RetrievalModel: Module {
    public typealias Scalar = Float
    /// The task whose tokens the model reads.
    public let task: KeyValueRetrieval
    /// One vector per token.
    public let embedding: Embedding<Float>
    /// The asked key's vector → the query.
    public let query: Linear<Float>
    /// A slot (key ⊕ value vectors) → its key.
    public let key: Linear<Float>
    /// A slot → its value.
    public let value: Linear<Float>
    /// What attention read → one score per value symbol.
    public let output: Linear<Float>

    /// A model with token vectors of size `dimension` meeting in an attention space of size `attentionSize`.
    public init(task: KeyValueRetrieval, dimension: Int, attentionSize: Int, generator: inout SeededGenerator) {
        self.task = task
        embedding = Embedding(vocabularySize: task.vocabulary.count, dimension: dimension, generator: &generator)
        query = Linear(inputSize: dimension, outputSize: attentionSize, generator: &generator)
        key = Linear(inputSize: 2 * dimension, outputSize: attentionSize, generator: &generator)
        value = Linear(inputSize: 2 * dimension, outputSize: attentionSize, generator: &generator)
        output = Linear(inputSize: attentionSize, outputSize: task.valueCount, generator: &generator)
    }

    public var submodules: [(name: String, module: any Module<Float>)] {
        [("embedding", embedding), ("query", query), ("key", key), ("value", value), ("output", output)]
    }

    /// Logits over the value symbols [batch, values] and attention weights over the pairs [batch, pairs].
    public func callAsFunction(_ examples: [RetrievalExample]) -> (logits: Tensor<Float>, weights: Tensor<Float>) {
        let batch = examples.count
        let pairs = (examples[0].source.count - 2) / 2
        let dimension = embedding.weight.shape[1]
        let pairTokens = examples.flatMap { $0.source.prefix(2 * pairs) }
        let slots = embedding(pairTokens, shape: [batch, 2 * pairs])       // [batch, 2·pairs, d]
            .reshaped(to: [batch, pairs, 2 * dimension])                    // [batch, pairs, 2d]: key ⊕ value
        let asked = embedding(examples.map { $0.source.last! }, shape: [batch, 1])  // [batch, 1, d]
        let (attended, weights) = scaledDotProductAttention(query: query(asked), key: key(slots), value: value(slots))
        let logits = output(attended.reshaped(to: [batch, -1]))             // [batch, values]
        return (logits, weights.reshaped(to: [batch, pairs]))
    }

    /// The cross-entropy of predicting each example's value.
    public func loss(_ examples: [RetrievalExample]) -> Tensor<Float> {
        crossEntropy(logits: self(examples).logits, targets: examples.map { $0.answer - task.value(0) })
    }
}
