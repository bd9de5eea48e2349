import Testing
import Tensors
import Datasets
@testable import Models

/// A sequence gets the same logits, attention weights and loss alone as padded among longer ones,
/// and greedy decoding and beam search stop at the end token.
@Suite struct PaddingInvarianceTests {
    static let pairs = [SequencePair(source: [3, 4, 5], target: [5, 4]),
                        SequencePair(source: [6, 3, 7, 4, 5, 6, 3], target: [3, 3, 4, 5, 6]),
                        SequencePair(source: [4, 4, 6, 7, 3], target: [7, 6, 5, 4, 3, 3, 4])]

    static func model(attention: Bool, bidirectional: Bool, score: AttentionScore = .additive) -> Seq2SeqAutoencoder<Double> {
        let configuration = Seq2SeqConfiguration(vocabularySize: 8, embeddingSize: 3, hiddenSize: 4, layerCount: 2,
                                                 usesAttention: attention)
            .withBidirectionalEncoder(bidirectional).withAttentionScore(score)
        return Seq2SeqAutoencoder<Double>(configuration, seed: 11)
    }

    @Test(arguments: [(true, false), (true, true), (false, false), (false, true)])
    func aSequenceIsTheSameAloneAndPadded(attention: Bool, bidirectional: Bool) {
        let model = Self.model(attention: attention, bidirectional: bidirectional)
        let padded = TeacherForcingBatch(Self.pairs)
        let (logits, weights) = model.logits(padded)
        let losses = model.tokenLosses(padded)
        for (row, pair) in Self.pairs.enumerated() {
            let alone = TeacherForcingBatch([pair])
            let (aloneLogits, aloneWeights) = model.logits(alone)
            let steps = pair.target.count + 1
            let rowLogits = logits.select(alongAxis: 0, index: row).slice(alongAxis: 0, 0..<steps)
            #expect(largestDifference(rowLogits, aloneLogits.select(alongAxis: 0, index: 0)) <= 1e-12)
            let rowLosses = losses.select(alongAxis: 0, index: row)
            #expect(largestDifference(rowLosses.slice(alongAxis: 0, 0..<steps), model.tokenLosses(alone).select(alongAxis: 0, index: 0)) <= 1e-12)
            #expect(rowLosses.slice(alongAxis: 0, steps..<padded.decoderTarget.time).scalars.allSatisfy { $0 == 0 })
            if let weights, let aloneWeights {
                let rowWeights = weights.select(alongAxis: 0, index: row).slice(alongAxis: 0, 0..<steps)  // [steps, sourceTime]
                let length = pair.source.count
                #expect(largestDifference(rowWeights.slice(alongAxis: 1, 0..<length), aloneWeights.select(alongAxis: 0, index: 0)) <= 1e-12)
                if length < padded.source.time {
                    #expect(rowWeights.slice(alongAxis: 1, length..<padded.source.time).scalars.allSatisfy { $0 == 0 })
                }
            }
        }
    }

    @Test func theLossCountsOnlyRealTargetTokens() {
        let model = Self.model(attention: true, bidirectional: true)
        let batch = TeacherForcingBatch(Self.pairs)
        let perToken = model.tokenLosses(batch).scalars
        let realTokens = Self.pairs.map { $0.target.count + 1 }.reduce(0, +)
        #expect(abs(model.loss(batch).scalar - perToken.reduce(0, +) / Double(realTokens)) <= 1e-12)
    }

    @Test func thePaddedModelPassesTheGradientCheck() {
        let model = Self.model(attention: true, bidirectional: true)
        let batch = TeacherForcingBatch(Self.pairs)
        let report = GradientChecker.check(parameters: model.parameters) { model.loss(batch) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test(arguments: AttentionScore.allCases)
    func everyScorePassesTheGradientCheckWithPadding(score: AttentionScore) {
        let model = Self.model(attention: true, bidirectional: false, score: score)
        let batch = TeacherForcingBatch(Self.pairs)
        let report = GradientChecker.check(parameters: model.parameters) { model.loss(batch) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func greedyDecodingAndBeamSearchStopAtTheEndToken() {
        let model = Self.model(attention: true, bidirectional: true)
        // Make the end token the most likely output at every step: both decoders must stop at once.
        var bias = model.decoder.fc.bias!.scalars
        bias[Vocabulary.end] = 100
        model.decoder.fc.bias!.assign(bias)
        let sources = PaddedBatch(Self.pairs.map(\.source))
        #expect(model.greedyDecode(sources, maxLength: 9).tokens == [[], [], []])
        #expect(model.beamSearch(sources, beamWidth: 3, maxLength: 9) == [[], [], []])
    }

    @Test func beamSearchOfWidthOneIsGreedyDecoding() {
        let model = Self.model(attention: true, bidirectional: false)
        let sources = PaddedBatch(Self.pairs.map(\.source))
        #expect(model.beamSearch(sources, beamWidth: 1, maxLength: 6) == model.greedyDecode(sources, maxLength: 6).tokens)
    }

    @Test func wideBeamSearchFindsTheMostLikelyShortSequence() {
        // With a vocabulary of 4 (3 special tokens and one ordinary), outputs of up to 3 tokens are
        // few enough to score every one: [end], [3, end], [3, 3, end], [3, 3, 3, end] (the other
        // special tokens included). A beam as wide as the vocabulary keeps every prefix.
        let configuration = Seq2SeqConfiguration(vocabularySize: 4, embeddingSize: 3, hiddenSize: 4)
        let model = Seq2SeqAutoencoder<Double>(configuration, seed: 5)
        let source = PaddedBatch([[3, 3]])
        let found = model.beamSearch(source, beamWidth: 4 * 4 * 4, maxLength: 3, lengthPenalty: 1)
        var best: (tokens: [Int], score: Double)? = nil
        func visit(_ prefix: [Int]) {
            let batch = TeacherForcingBatch([SequencePair(source: [3, 3], target: prefix)])
            let score = -model.tokenLosses(batch).scalars.reduce(0, +) / Double(prefix.count + 1)
            if best.map({ score > $0.score }) ?? true { best = (prefix, score) }
            if prefix.count < 2 { for token in [0, 1, 3] { visit(prefix + [token]) } }
        }
        visit([])
        #expect(found[0] == best!.tokens, "beam \(found[0]) vs exhaustive \(best!)")
    }
}
