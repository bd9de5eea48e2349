import Tensors
import NeuralNetworks

/// The source article's model, corrected: an LSTM encoder, an LSTM decoder that predicts the
/// sequence back (or its transformation) token by token, and additive attention between them.
///
/// Submodules are named `encoder`, `decoder` and `attention` as in the article's `AutoEncoder`.
public final class Seq2SeqAutoencoder<Scalar: TensorScalar>: Module {
    /// The sizes.
    public let configuration: Seq2SeqConfiguration
    /// The encoder.
    public let encoder: Seq2SeqEncoder<Scalar>
    /// The decoder.
    public let decoder: Seq2SeqDecoder<Scalar>
    /// Attention from decoder states over encoder outputs (additive unless configured otherwise), when configured.
    public let attention: (any DecoderAttention<Scalar>)?

    /// Creates the model with random initial parameters fixed by `seed`.
    public init(_ configuration: Seq2SeqConfiguration, seed: UInt64) {
        self.configuration = configuration
        var generator = SeededGenerator(seed: seed)
        encoder = Seq2SeqEncoder(configuration, generator: &generator)
        decoder = Seq2SeqDecoder(configuration, generator: &generator)
        attention = makeAttention(configuration, generator: &generator)
    }

    public var submodules: [(name: String, module: any Module<Scalar>)] {
        [("encoder", encoder), ("decoder", decoder)] + (attention.map { [("attention", $0 as any Module<Scalar>)] } ?? [])
    }

    /// Encodes `source` [batch, sourceTime] and prepares the attention memory; `lengths` (one per
    /// row) marks padding, which `sourceMask` must then mark too.
    public func encode(_ source: [Int], batchSize: Int, sourceMask: Tensor<Scalar>? = nil, lengths: [Int]? = nil)
        -> (memory: AttentionMemory<Scalar>?, state: LSTM<Scalar>.State) {
        _ = checkedLength(source, batchSize: batchSize, role: "source", "Seq2SeqAutoencoder.encode")
        let (outputs, state) = encoder(source, batchSize: batchSize, lengths: lengths)
        let memory = attention.map { AttentionMemory(outputs: outputs, projectedKeys: $0.projectKeys(outputs), mask: sourceMask) }
        return (memory, state)
    }

    /// Teacher forcing: the decoder reads `decoderInput` [batch, targetTime] (the start token, then the
    /// target shifted right) and returns logits [batch, targetTime, vocabulary] and, with attention,
    /// the weights [batch, targetTime, sourceTime].
    public func logits(source: [Int], decoderInput: [Int], batchSize: Int, sourceMask: Tensor<Scalar>? = nil)
        -> (logits: Tensor<Scalar>, weights: Tensor<Scalar>?) {
        _ = checkedLength(source, batchSize: batchSize, role: "source", "Seq2SeqAutoencoder.logits")
        let time = checkedLength(decoderInput, batchSize: batchSize, role: "decoder input", "Seq2SeqAutoencoder.logits")
        let (memory, state) = encode(source, batchSize: batchSize, sourceMask: sourceMask)
        let embedded = decoder.dropout(decoder.embedding(decoderInput, shape: [batchSize, time]))  // [batch, time, embedding]
        return unrollDecoder(embedded: embedded, state: state, memory: memory)
    }

    /// Runs the decoder over `embedded` [batch, time, embedding] from `state`, reading `memory`, and
    /// returns the logits [batch, time, vocabulary] and the attention weights [batch, time, sourceTime].
    /// Where `feedsPrediction[t]` is true (t > 0), every row reads instead its own most likely token of
    /// step t − 1. The memory is dropped before the output layer, so its tensors are freed early.
    func unrollDecoder(embedded: Tensor<Scalar>, state: LSTM<Scalar>.State, memory: consuming AttentionMemory<Scalar>?,
                       feedsPrediction: [Bool]? = nil) -> (logits: Tensor<Scalar>, weights: Tensor<Scalar>?) {
        let (rows, time) = (embedded.shape[0], embedded.shape[1])
        var state = state
        var features: [Tensor<Scalar>] = [], weights: [Tensor<Scalar>] = []
        for t in 0..<time {
            var stepInput = embedded.select(alongAxis: 1, index: t)                            // [batch, embedding]
            if t > 0, feedsPrediction?[t] == true {
                let previous = GradientRecording.withoutGradients { decoder.fc(features[t - 1]).argmax(alongAxis: 1) }
                stepInput = decoder.dropout(decoder.embedding(previous, shape: [rows]))
            }
            let out = decoder.step(embedded: stepInput, state: state, memory: memory, attention: attention)
            state = out.state
            features.append(out.features)
            if let w = out.weights { weights.append(w) }
        }
        _ = consume memory
        let logits = decoder.fc(Tensor.stack(features, alongAxis: 1))  // [batch, time, vocabulary]
        return (logits, weights.isEmpty ? nil : Tensor.stack(weights, alongAxis: 1))
    }

    /// The mean cross-entropy of predicting `target` [batch, targetTime] with teacher forcing from `startToken`.
    public func loss(source: [Int], target: [Int], batchSize: Int, startToken: Int, paddingToken: Int? = nil,
                     sourceMask: Tensor<Scalar>? = nil) -> Tensor<Scalar> {
        _ = checkedLength(source, batchSize: batchSize, role: "source", "Seq2SeqAutoencoder.loss")
        _ = checkedLength(target, batchSize: batchSize, role: "target", "Seq2SeqAutoencoder.loss")
        let decoderInput = Self.shiftRight(target, batchSize: batchSize, startToken: startToken)
        let (logits, _) = self.logits(source: source, decoderInput: decoderInput, batchSize: batchSize, sourceMask: sourceMask)
        return crossEntropy(logits: logits, targets: target, ignoreIndex: paddingToken)
    }

    /// Greedy decoding: feeds back its own most likely token for `length` steps.
    /// Returns the tokens [batch][length] and, with attention, the weights [batch, length, sourceTime].
    public func greedyDecode(source: [Int], batchSize: Int, length: Int, startToken: Int,
                             sourceMask: Tensor<Scalar>? = nil) -> (tokens: [[Int]], weights: Tensor<Scalar>?) {
        _ = checkedLength(source, batchSize: batchSize, role: "source", "Seq2SeqAutoencoder.greedyDecode")
        require(length >= 0, "Seq2SeqAutoencoder.greedyDecode", "length must not be negative, got \(length)")
        return GradientRecording.withoutGradients {
            var (memory, state) = encode(source, batchSize: batchSize, sourceMask: sourceMask)
            var previous = [Int](repeating: startToken, count: batchSize)
            var tokens = [[Int]](repeating: [], count: batchSize), weights: [Tensor<Scalar>] = []
            for _ in 0..<length {
                let embedded = decoder.embedding(previous, shape: [batchSize])  // [batch, embedding]
                let out = decoder.step(embedded: decoder.dropout(embedded), state: state, memory: memory, attention: attention)
                state = out.state
                previous = decoder.fc(out.features).argmax(alongAxis: 1)
                for b in 0..<batchSize { tokens[b].append(previous[b]) }
                if let w = out.weights { weights.append(w) }
            }
            memory = nil
            return (tokens, weights.isEmpty ? nil : Tensor.stack(weights, alongAxis: 1))
        }
    }

    /// [s, y₁, …, y_{T−1}] for each row of targets [batch, T]: the decoder's inputs under teacher forcing.
    public static func shiftRight(_ target: [Int], batchSize: Int, startToken: Int) -> [Int] {
        require(batchSize > 0 && target.count % batchSize == 0 && target.count > 0, "Seq2SeqAutoencoder.shiftRight",
                "\(target.count) target tokens do not make \(batchSize) sequences of at least one token")
        let time = target.count / batchSize
        return (0..<batchSize).flatMap { b in [startToken] + target[(b * time)..<(b * time + time - 1)] }
    }
}
