import Tensors
import NeuralNetworks
import Datasets

/// Training and decoding on padded batches of sequences of different lengths, with an end token.
///
/// A `TeacherForcingBatch` holds the sources, the decoder's inputs ([start, y₁ … y_T]) and its
/// targets ([y₁ … y_T, end]), each padded to its longest row. The encoder's final state is each
/// row's state after its own last token (see `LSTM`), attention gives padded source positions
/// weight exactly zero (their scores are masked before the softmax), and the loss counts only the
/// real target tokens. So a sequence gets the same logits and loss alone as padded among longer ones.
extension Seq2SeqAutoencoder {
    /// The attention mask of a padded source batch: [batch, time], 1 at padding; nil when nothing is padded.
    public static func paddingMask(_ source: PaddedBatch) -> Tensor<Scalar>? {
        guard source.lengths.contains(where: { $0 < source.time }) else { return nil }
        return Tensor(shape: [source.batchSize, source.time], scalars: source.mask.map { $0 == 0 ? 1 : 0 })
    }

    /// Encodes a padded source batch, masking its padding.
    public func encode(_ source: PaddedBatch) -> (memory: AttentionMemory<Scalar>?, state: LSTM<Scalar>.State) {
        require(source.lengths.allSatisfy { $0 > 0 }, "Seq2SeqAutoencoder.encode", "every source needs at least one token")
        let mask = Self.paddingMask(source)
        return encode(source.tokens, batchSize: source.batchSize, sourceMask: mask,
                      lengths: mask == nil ? nil : source.lengths)
    }

    /// The logits [batch, time, vocabulary] for each position of `batch.decoderTarget` and, with
    /// attention, the weights [batch, time, sourceTime].
    ///
    /// Under teacher forcing the decoder reads `batch.decoderInput`. Where `feedsPrediction[t]` is
    /// true (t > 0), every row reads instead its own most likely token of step t − 1, as at test time.
    public func logits(_ batch: TeacherForcingBatch, feedsPrediction: [Bool]? = nil)
        -> (logits: Tensor<Scalar>, weights: Tensor<Scalar>?) {
        let operation = "Seq2SeqAutoencoder.logits"
        let (source, input) = (batch.source, batch.decoderInput)
        _ = checkedLength(source.tokens, batchSize: source.batchSize, role: "source", operation)
        _ = checkedLength(input.tokens, batchSize: input.batchSize, role: "decoder input", operation)
        require(source.batchSize == input.batchSize && input.time == batch.decoderTarget.time, operation,
                "sources, decoder inputs and targets do not make one batch")
        require(feedsPrediction.map { $0.count == input.time } ?? true, operation,
                "feedsPrediction needs one entry per decoder step (\(input.time))")
        let (rows, time) = (input.batchSize, input.time)
        let (memory, state) = encode(source)
        let embedded = decoder.dropout(decoder.embedding(input.tokens, shape: [rows, time]))  // [batch, time, embedding]
        return unrollDecoder(embedded: embedded, state: state, memory: memory, feedsPrediction: feedsPrediction)
    }

    /// The mean cross-entropy over the real (unpadded) target tokens of `batch`.
    public func loss(_ batch: TeacherForcingBatch, feedsPrediction: [Bool]? = nil,
                     paddingToken: Int = Vocabulary.padding) -> Tensor<Scalar> {
        crossEntropy(logits: logits(batch, feedsPrediction: feedsPrediction).logits,
                     targets: batch.decoderTarget.tokens, ignoreIndex: paddingToken)
    }

    /// −log p of each target token, [batch, time], exactly 0 at padding.
    public func tokenLosses(_ batch: TeacherForcingBatch) -> Tensor<Scalar> {
        let target = batch.decoderTarget
        let logProbabilities = logits(batch).logits.reshaped(to: [-1, configuration.vocabularySize]).logSoftmax()
        let picked = logProbabilities.pick(target.tokens.map { max($0, 0) })                 // [batch·time]
        let keep = Tensor<Scalar>(shape: [target.tokens.count], scalars: target.mask.map { Scalar(-$0) })
        return (picked * keep).reshaped(to: [target.batchSize, target.time])
    }

    /// Greedy decoding of a padded source batch until each row writes `endToken` (not returned) or
    /// `maxLength` tokens. Returns each row's tokens and, with attention, the weights
    /// [batch, steps, sourceTime] of every step taken (rows that ended early keep running).
    public func greedyDecode(_ source: PaddedBatch, maxLength: Int, startToken: Int = Vocabulary.start,
                             endToken: Int = Vocabulary.end) -> (tokens: [[Int]], weights: Tensor<Scalar>?) {
        require(maxLength > 0, "Seq2SeqAutoencoder.greedyDecode", "maxLength must be positive, got \(maxLength)")
        _ = checkedLength(source.tokens, batchSize: source.batchSize, role: "source", "Seq2SeqAutoencoder.greedyDecode")
        return GradientRecording.withoutGradients {
            var (memory, state) = encode(source)
            let rows = source.batchSize
            var previous = [Int](repeating: startToken, count: rows)
            var tokens = [[Int]](repeating: [], count: rows), ended = [Bool](repeating: false, count: rows)
            var weights: [Tensor<Scalar>] = []
            for _ in 0..<maxLength where ended.contains(false) {
                let embedded = decoder.embedding(previous, shape: [rows])  // [batch, embedding]
                let out = decoder.step(embedded: decoder.dropout(embedded), state: state, memory: memory, attention: attention)
                state = out.state
                previous = decoder.fc(out.features).argmax(alongAxis: 1)
                for b in 0..<rows where !ended[b] {
                    if previous[b] == endToken { ended[b] = true } else { tokens[b].append(previous[b]) }
                }
                if let w = out.weights { weights.append(w) }
            }
            memory = nil
            return (tokens, weights.isEmpty ? nil : Tensor.stack(weights, alongAxis: 1))
        }
    }

    /// The length of each sequence of a flat batch, checked (see `SequenceInputChecks`).
    func checkedLength(_ tokens: [Int], batchSize: Int, role: String, _ operation: String) -> Int {
        SequenceInputChecks.length(of: tokens, batchSize: batchSize, vocabularySize: configuration.vocabularySize,
                                   role: role, operation: operation)
    }
}
