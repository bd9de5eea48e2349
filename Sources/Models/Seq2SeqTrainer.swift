import Tensors
import NeuralNetworks
import Optimizers
import Datasets

/// Trains a `Seq2SeqAutoencoder<Float>` with Adam and teacher forcing, and measures its
/// greedy-decoding accuracy.
///
/// Without an end token (chapter 4), every batch holds sources of one length and targets of one
/// length, so nothing is padded, and decoding writes as many tokens as the target has. With
/// `usesEndToken` (chapter 5), a batch may mix lengths: targets end with `Vocabulary.end`, the
/// batch is padded (see `Seq2SeqPaddedBatches.swift`), and decoding stops at the end token, so an
/// output may be shorter or longer than its target.
///
/// A trainer may be used from one thread at a time (two trainers may train on two threads at once).
public final class Seq2SeqTrainer {
    /// The model being trained.
    public let model: Seq2SeqAutoencoder<Float>
    /// The optimiser over every parameter of the model.
    public let optimizer: Adam<Float>
    /// The token the decoder reads before the first output token.
    public let startToken: Int
    /// The largest global gradient norm allowed; larger gradients are scaled down.
    public let maxGradientNorm: Float
    /// The loss of every step taken so far.
    public private(set) var losses: [Double] = []
    /// What is being trained, as the line that stops a diverged run names it; at first
    /// "the sequence model with attention" (or without).
    public var name: String
    /// Whether targets end with the end token, batches are padded and decoding stops at the end token.
    public let usesEndToken: Bool
    /// The probability of reading the true previous token at a decoder step in training (teacher
    /// forcing); otherwise the decoder reads its own most likely previous token. Needs the end token.
    public let teacherForcingRatio: Double
    /// Draws which steps are teacher-forced.
    private var teacherForcingDraws: SeededGenerator

    /// Creates a trainer for `model` with Adam at `learningRate`.
    public init(model: Seq2SeqAutoencoder<Float>, learningRate: Double = 1e-3, startToken: Int,
                maxGradientNorm: Float = 5, usesEndToken: Bool = false, teacherForcingRatio: Double = 1,
                seed: UInt64 = 0) {
        require(!usesEndToken || startToken == Vocabulary.start, "Seq2SeqTrainer",
                "with the end token, the start token must be Vocabulary.start (\(Vocabulary.start)), got \(startToken)")
        require((0...1).contains(teacherForcingRatio) && (usesEndToken || teacherForcingRatio == 1), "Seq2SeqTrainer",
                "teacherForcingRatio must be in 0...1 (below 1 only with the end token), got \(teacherForcingRatio)")
        self.model = model
        self.name = "the sequence model \(model.configuration.usesAttention ? "with" : "without") attention"
        self.optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
        self.startToken = startToken
        self.maxGradientNorm = maxGradientNorm
        self.usesEndToken = usesEndToken
        self.teacherForcingRatio = teacherForcingRatio
        self.teacherForcingDraws = SeededGenerator(seed: seed)
    }

    /// One update on a batch of (source, target) pairs; returns the batch's mean cross-entropy.
    ///
    /// A loss that is NaN or infinite stops the program (`stopDivergedTraining`) before the update.
    @discardableResult
    public func step(sources: [[Int]], targets: [[Int]]) -> Double {
        model.setTraining(true)
        model.zeroGradients()
        let loss: Tensor<Float>
        if usesEndToken {
            let batch = paddedBatch(sources: sources, targets: targets, operation: "Seq2SeqTrainer.step")
            var feeds: [Bool]? = nil
            if teacherForcingRatio < 1 {
                feeds = (0..<batch.decoderInput.time).map { _ in teacherForcingDraws.nextUniform() >= teacherForcingRatio }
            }
            loss = model.loss(batch, feedsPrediction: feeds)
        } else {
            let batch = flatten(sources: sources, targets: targets, operation: "Seq2SeqTrainer.step")
            loss = model.loss(source: batch.source, target: batch.target, batchSize: sources.count, startToken: startToken)
        }
        let value = Double(loss.scalar)
        if !value.isFinite {
            stopDivergedTraining(name, step: losses.count + 1, loss: value, learningRate: optimizer.learningRate)
        }
        loss.backward()
        clipGradientNorm(model.parameters, maxNorm: maxGradientNorm)
        optimizer.step()
        losses.append(value)
        return value
    }

    /// Greedy decoding in evaluation mode: `targetLength` tokens per source (with the end token, at
    /// most `targetLength`, stopping at the end token) and, with attention, the weights.
    public func decode(sources: [[Int]], targetLength: Int) -> (tokens: [[Int]], weights: Tensor<Float>?) {
        model.setTraining(false)
        defer { model.setTraining(true) }
        if usesEndToken {
            _ = paddedBatch(sources: sources, targets: sources, operation: "Seq2SeqTrainer.decode")
            return model.greedyDecode(PaddedBatch(sources), maxLength: targetLength)
        }
        let flat = flatten(sources: sources, targets: sources, operation: "Seq2SeqTrainer.decode")
        return model.greedyDecode(source: flat.source, batchSize: sources.count, length: targetLength,
                                  startToken: startToken)
    }

    /// Greedy decoding of `sources` compared with `targets`: the fraction of target tokens predicted
    /// right (token accuracy) and of targets predicted right in full (sequence accuracy).
    public func accuracy(sources: [[Int]], targets: [[Int]]) -> SequenceAccuracy {
        let operation = "Seq2SeqTrainer.accuracy"
        require(!targets.isEmpty, operation, "no examples: the lists of sources and targets are empty")
        model.setTraining(false)
        defer { model.setTraining(true) }
        if usesEndToken {
            _ = paddedBatch(sources: sources, targets: targets, operation: operation)
            let predicted = model.greedyDecode(PaddedBatch(sources), maxLength: decodingLimit(targets)).tokens
            return SequenceAccuracy(predicted: predicted, expected: targets)
        }
        let flat = flatten(sources: sources, targets: targets, operation: operation)
        let predicted = model.greedyDecode(source: flat.source, batchSize: sources.count, length: targets[0].count,
                                           startToken: startToken).tokens
        return SequenceAccuracy(predicted: predicted, expected: targets)
    }

    /// Beam search (width `beamWidth`, length normalisation `lengthPenalty`) of `sources` compared
    /// with `targets`, as `accuracy` compares greedy decoding. Needs the end token.
    public func beamAccuracy(sources: [[Int]], targets: [[Int]], beamWidth: Int, lengthPenalty: Double = 1)
        -> SequenceAccuracy {
        let operation = "Seq2SeqTrainer.beamAccuracy"
        require(usesEndToken, operation, "beam search here stops at the end token: create the trainer with usesEndToken")
        require(!targets.isEmpty, operation, "no examples: the lists of sources and targets are empty")
        _ = paddedBatch(sources: sources, targets: targets, operation: operation)
        let predicted = beamDecode(sources: sources, beamWidth: beamWidth, maxLength: decodingLimit(targets),
                                   lengthPenalty: lengthPenalty)
        return SequenceAccuracy(predicted: predicted, expected: targets)
    }

    /// Beam search in evaluation mode: each source's best output (without the end token), at most `maxLength` tokens.
    public func beamDecode(sources: [[Int]], beamWidth: Int, maxLength: Int, lengthPenalty: Double = 1) -> [[Int]] {
        let operation = "Seq2SeqTrainer.beamDecode"
        require(usesEndToken, operation, "beam search here stops at the end token: create the trainer with usesEndToken")
        _ = paddedBatch(sources: sources, targets: sources, operation: operation)
        model.setTraining(false)
        defer { model.setTraining(true) }
        return model.beamSearch(PaddedBatch(sources), beamWidth: beamWidth, maxLength: maxLength, lengthPenalty: lengthPenalty)
    }

    /// How many tokens decoding may write before it is stopped: twice the longest target, and 2 more.
    func decodingLimit(_ targets: [[Int]]) -> Int { 2 * (targets.map(\.count).max() ?? 0) + 2 }

    /// The padded teacher-forcing batch of (source, target) pairs, checked against the model's vocabulary.
    func paddedBatch(sources: [[Int]], targets: [[Int]], operation: String) -> TeacherForcingBatch {
        SequenceInputChecks.teacherForcingBatch(sources: sources, targets: targets,
                                                vocabularySize: model.configuration.vocabularySize, operation: operation)
    }

    /// Joins rows into flat row-major arrays, checking that each side has one length, at least one
    /// token per row, and tokens inside the model's vocabulary.
    func flatten(sources: [[Int]], targets: [[Int]], operation: String) -> (source: [Int], target: [Int]) {
        guard let first = sources.first, let firstTarget = targets.first, sources.count == targets.count else {
            shapeFailure(operation, "need as many targets as sources, and at least one; got \(sources.count) and \(targets.count)")
        }
        guard sources.allSatisfy({ $0.count == first.count }), targets.allSatisfy({ $0.count == firstTarget.count }) else {
            shapeFailure(operation, "every source (and every target) of a batch must have the same length; got "
                         + "source lengths \(Set(sources.map(\.count)).sorted()) and target lengths \(Set(targets.map(\.count)).sorted())")
        }
        let vocabularySize = model.configuration.vocabularySize
        return (SequenceInputChecks.joined(sources, vocabularySize: vocabularySize, role: "source", operation: operation),
                SequenceInputChecks.joined(targets, vocabularySize: vocabularySize, role: "target", operation: operation))
    }
}

/// How many tokens and whole sequences a decoder got right.
public struct SequenceAccuracy: Sendable, Equatable {
    /// Tokens compared.
    public var tokens: Int
    /// Tokens equal to the expected token at the same position.
    public var correctTokens: Int
    /// Sequences compared.
    public var sequences: Int
    /// Sequences equal to the expected sequence at every position.
    public var correctSequences: Int

    /// Compares predicted rows with expected rows position by position: a token is right when the
    /// prediction has the expected token at its position; a sequence when it is the expected one,
    /// of the same length.
    public init(predicted: [[Int]], expected: [[Int]]) {
        require(predicted.count == expected.count, "SequenceAccuracy", "\(predicted.count) predictions for \(expected.count) targets")
        tokens = 0; correctTokens = 0; sequences = expected.count; correctSequences = 0
        for (p, e) in zip(predicted, expected) {
            let hits = zip(p, e).filter { $0 == $1 }.count
            tokens += e.count
            correctTokens += hits
            if hits == e.count && p.count == e.count { correctSequences += 1 }
        }
    }

    /// The fraction of tokens right; stops the program if no token was compared.
    public var tokenAccuracy: Double {
        require(tokens > 0, "SequenceAccuracy.tokenAccuracy", "no tokens were compared (no examples, or empty targets)")
        return Double(correctTokens) / Double(tokens)
    }
    /// The fraction of sequences right in full; stops the program if no sequence was compared.
    public var sequenceAccuracy: Double {
        require(sequences > 0, "SequenceAccuracy.sequenceAccuracy", "no sequences were compared (no examples)")
        return Double(correctSequences) / Double(sequences)
    }
}

/// A batch of (source, target) pairs: every source one length, every target one length.
public struct SequenceBatch: Sendable, Equatable {
    /// The source sequences.
    public var sources: [[Int]]
    /// The target sequences.
    public var targets: [[Int]]
    /// Creates a batch from its rows.
    public init(sources: [[Int]], targets: [[Int]]) {
        self.sources = sources
        self.targets = targets
    }
}
