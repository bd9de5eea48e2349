import Tensors
import NeuralNetworks
import Datasets

/// An encoder–decoder Transformer for sequence-to-sequence tasks: token embeddings plus sinusoidal
/// positions into `nn.Transformer`'s stacks, and a linear layer from the decoder's output to one score per token.
///
/// Submodules: `source_embedding` [V, d], `target_embedding` [V, d], `transformer` (the names of
/// PyTorch's `nn.Transformer`), `output` [V, d] and [V]. The positions are computed, not learned, so
/// a PyTorch module holding `nn.Embedding`s, an `nn.Transformer(batch_first=True, norm_first=…)` and
/// an `nn.Linear` under these names loads the state dict strictly. Embeddings are not scaled by √d.
public final class TransformerAutoencoder<Scalar: TensorScalar>: Module {
    /// The sizes.
    public let configuration: TransformerConfiguration
    /// Vectors of the source tokens.
    public let sourceEmbedding: Embedding<Scalar>
    /// Vectors of the decoder's input tokens.
    public let targetEmbedding: Embedding<Scalar>
    /// The encoder and decoder stacks.
    public let transformer: Transformer<Scalar>
    /// The decoder's output → one score per token.
    public let output: Linear<Scalar>
    /// Dropout on the embedded tokens plus positions.
    public let dropout: Dropout<Scalar>

    /// Creates the model with random initial parameters fixed by `seed`.
    public init(_ configuration: TransformerConfiguration, seed: UInt64) {
        self.configuration = configuration
        let c = configuration
        var generator = SeededGenerator(seed: seed)
        sourceEmbedding = Embedding(vocabularySize: c.vocabularySize, dimension: c.modelSize, generator: &generator)
        targetEmbedding = Embedding(vocabularySize: c.vocabularySize, dimension: c.modelSize, generator: &generator)
        transformer = Transformer(modelSize: c.modelSize, headCount: c.headCount, encoderLayerCount: c.encoderLayerCount,
                                  decoderLayerCount: c.decoderLayerCount, feedForwardSize: c.feedForwardSize,
                                  dropout: c.dropout, placement: c.placement, generator: &generator)
        output = Linear(inputSize: c.modelSize, outputSize: c.vocabularySize, generator: &generator)
        dropout = Dropout(probability: c.dropout, seed: generator.next())
    }

    /// The parts, named for a PyTorch wrapper module.
    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("source_embedding", sourceEmbedding), ("target_embedding", targetEmbedding), ("transformer", transformer),
         ("output", output), ("dropout", dropout)]
    }

    /// Token vectors plus positions, [batch, time, d], for a padded batch.
    func embedded(_ batch: PaddedBatch, _ table: Embedding<Scalar>) -> Tensor<Scalar> {
        let positions: Tensor<Scalar> = sinusoidalPositions(length: batch.time, dimension: configuration.modelSize)
        return dropout(table(batch.tokens, shape: [batch.batchSize, batch.time]) + positions)  // [batch, time, d]
    }

    /// The key padding mask of a padded source, [batch, 1, 1, time], 1 at padding; nil when nothing is padded.
    public static func paddingMask(_ source: PaddedBatch) -> Tensor<Scalar>? {
        guard source.lengths.contains(where: { $0 < source.time }) else { return nil }
        return Tensor(shape: [source.batchSize, 1, 1, source.time], scalars: source.mask.map { $0 == 0 ? 1 : 0 })
    }

    /// Every output of one pass: the logits and each layer's attention weights.
    public struct Pass {
        /// Scores [batch, Tt, vocabulary] for the token after each decoder input position.
        public let logits: Tensor<Scalar>
        /// Self-attention weights of each encoder layer, [batch, heads, Ts, Ts].
        public let encoderWeights: [Tensor<Scalar>]
        /// Masked self-attention weights of each decoder layer, [batch, heads, Tt, Tt].
        public let decoderWeights: [Tensor<Scalar>]
        /// Cross-attention weights of each decoder layer, [batch, heads, Tt, Ts].
        public let crossWeights: [Tensor<Scalar>]
    }

    /// Runs the encoder on `source` and the decoder, causally masked, on `decoderInput` (padding
    /// masked in the source; the decoder's own padding lies after its real tokens, so the causal mask hides it).
    public func pass(source: PaddedBatch, decoderInput: PaddedBatch) -> Pass {
        let operation = "TransformerAutoencoder.pass"
        require(source.batchSize == decoderInput.batchSize && source.batchSize > 0, operation,
                "sources and decoder inputs must have one row each, got \(source.batchSize) and \(decoderInput.batchSize)")
        require(source.lengths.allSatisfy { $0 > 0 }, operation, "every source needs at least one token")
        for (role, batch) in [("source", source), ("decoder input", decoderInput)] {
            _ = SequenceInputChecks.length(of: batch.tokens, batchSize: batch.batchSize,
                                           vocabularySize: configuration.vocabularySize, role: role, operation: operation)
        }
        let memoryMask = Self.paddingMask(source)
        let (memory, encoderWeights) = transformer.encode(embedded(source, sourceEmbedding), mask: memoryMask)
        let decoded = transformer.decode(embedded(decoderInput, targetEmbedding), memory: memory,
                                         targetMask: causalMask(decoderInput.time, as: Scalar.self), memoryMask: memoryMask)
        return Pass(logits: output(decoded.output), encoderWeights: encoderWeights,
                    decoderWeights: decoded.selfWeights, crossWeights: decoded.crossWeights)
    }

    /// The mean cross-entropy over the real (unpadded) target tokens of `batch`, under teacher forcing.
    public func loss(_ batch: TeacherForcingBatch, paddingToken: Int = Vocabulary.padding) -> Tensor<Scalar> {
        crossEntropy(logits: pass(source: batch.source, decoderInput: batch.decoderInput).logits,
                     targets: batch.decoderTarget.tokens, ignoreIndex: paddingToken)
    }

    /// Greedy decoding until each row writes `endToken` (not returned) or `maxLength` tokens. Each step
    /// runs the decoder over the whole prefix written so far (no cache) and reads its last position.
    public func greedyDecode(_ source: PaddedBatch, maxLength: Int, startToken: Int = Vocabulary.start,
                             endToken: Int = Vocabulary.end) -> [[Int]] {
        require(maxLength > 0, "TransformerAutoencoder.greedyDecode", "maxLength must be positive, got \(maxLength)")
        return GradientRecording.withoutGradients {
            let rows = source.batchSize
            let memoryMask = Self.paddingMask(source)
            let memory = transformer.encode(embedded(source, sourceEmbedding), mask: memoryMask).memory
            var prefixes = [[Int]](repeating: [startToken], count: rows)
            var tokens = [[Int]](repeating: [], count: rows), ended = [Bool](repeating: false, count: rows)
            for step in 0..<maxLength where ended.contains(false) {
                let input = PaddedBatch(prefixes)
                let decoded = transformer.decode(embedded(input, targetEmbedding), memory: memory,
                                                 targetMask: causalMask(step + 1, as: Scalar.self), memoryMask: memoryMask)
                let last = decoded.output.select(alongAxis: 1, index: step)             // [batch, d]
                let next = output(last).argmax(alongAxis: 1)
                for b in 0..<rows {
                    prefixes[b].append(next[b])
                    if ended[b] { continue }
                    if next[b] == endToken { ended[b] = true } else { tokens[b].append(next[b]) }
                }
            }
            return tokens
        }
    }
}
