// Introduced in chapter 6: which source positions an output token depends on, by the gradient,
// to set beside where the attention weights say the decoder looked.
import NeuralNetworks
import Tensors

/// Two maps of one decoded sequence over its source, both [outputSteps][sourcePositions], rows summing to 1.
public struct SaliencyAndAttention: Sendable {
    /// sᵗⱼ = ‖∂ log p(yₜ | y₍<t₎, x) / ∂eⱼ‖ / Σᵢ ‖∂ log p(yₜ | y₍<t₎, x) / ∂eᵢ‖, with eⱼ the embedding of source token j.
    public var saliency: [[Double]]
    /// αₜⱼ, the decoder's attention weights at the same steps.
    public var attention: [[Double]]
}

extension Seq2SeqAutoencoder {
    /// log p(yₜ | y₍<t₎, x) for every token of `target` under teacher forcing from `startToken`, reading one
    /// source through its embeddings [1, sourceTime, embedding]: returns [targetTime] and the attention
    /// weights [1, targetTime, sourceTime] (nil without attention). Dropout follows the training mode.
    public func targetLogProbabilities(sourceEmbeddings: Tensor<Scalar>, target: [Int], startToken: Int)
        -> (logProbabilities: Tensor<Scalar>, weights: Tensor<Scalar>?) {
        require(sourceEmbeddings.rank == 3 && sourceEmbeddings.shape[0] == 1
                    && sourceEmbeddings.shape[2] == configuration.embeddingSize, "Seq2SeqAutoencoder.targetLogProbabilities",
                "source embeddings must be [1, time, \(configuration.embeddingSize)], got \(describe(sourceEmbeddings.shape))")
        require(!target.isEmpty, "Seq2SeqAutoencoder.targetLogProbabilities", "the target is empty")
        let (outputs, state) = encoder.encode(embedded: sourceEmbeddings)                         // [1, source, hidden]
        let memory = attention.map { AttentionMemory(outputs: outputs, projectedKeys: $0.projectKeys(outputs), mask: nil) }
        let decoderInput = Self.shiftRight(target, batchSize: 1, startToken: startToken)
        let embedded = decoder.dropout(decoder.embedding(decoderInput, shape: [1, target.count]))  // [1, time, embedding]
        let (logits, weights) = unrollDecoder(embedded: embedded, state: state, memory: memory)   // [1, time, vocabulary]
        let logProbabilities = logits.logSoftmax(alongAxis: -1).reshaped(to: [target.count, configuration.vocabularySize])
        return (logProbabilities.pick(target), weights)                                            // [time]
    }

    /// The gradient saliency and the attention weights of `target` (e.g. the model's own greedy output)
    /// given `source`, in evaluation mode: one backward pass per output step. Needs attention.
    ///
    /// The model's parameter gradients are left as they were found.
    public func saliencyAndAttention(source: [Int], target: [Int], startToken: Int) -> SaliencyAndAttention {
        require(attention != nil, "Seq2SeqAutoencoder.saliencyAndAttention", "the model has no attention to compare with")
        require(!source.isEmpty, "Seq2SeqAutoencoder.saliencyAndAttention", "the source is empty")
        setTraining(false)
        defer { setTraining(true) }
        let saved = parameters.map(\.gradientScalars)
        defer { for (parameter, gradient) in zip(parameters, saved) { parameter.setGradient(gradient) } }
        let leaf = GradientRecording.withoutGradients {
            encoder.embedding(source, shape: [1, source.count])
        }.detached(requiresGradient: true)                                                         // [1, source, embedding]
        let (logProbabilities, weights) = targetLogProbabilities(sourceEmbeddings: leaf, target: target, startToken: startToken)
        let e = configuration.embeddingSize
        var saliency: [[Double]] = []
        for t in 0..<target.count {
            leaf.zeroGradient()
            logProbabilities.select(alongAxis: 0, index: t).backward()
            let gradient = leaf.gradientScalars ?? [Scalar](repeating: 0, count: leaf.count)     // [1, source, embedding]
            let norms = (0..<source.count).map { j in
                gradient[(j * e)..<((j + 1) * e)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            }
            let total = norms.reduce(0, +)
            saliency.append(total > 0 ? norms.map { $0 / total } : norms)
        }
        let map = weights!.scalars.map { Double($0) }                                             // [1, time, source]
        let attentionRows = (0..<target.count).map { t in Array(map[(t * source.count)..<((t + 1) * source.count)]) }
        return SaliencyAndAttention(saliency: saliency, attention: attentionRows)
    }
}
