import Testing
import TestSupport
import Tensors
import NeuralNetworks
import Datasets
@testable import Models

/// The Transformer autoencoder: PyTorch's names and the closed-form count, its loss gradient in
/// Float64, padding that changes nothing, and greedy decoding that agrees with a teacher-forced pass.
@Suite struct TransformerAutoencoderTests {
    static let pairs = [SequencePair(source: [3, 4, 5], target: [5, 4]),
                        SequencePair(source: [6, 3, 7, 4, 5, 6, 3], target: [3, 3, 4, 5, 6]),
                        SequencePair(source: [4, 4, 6, 7, 3], target: [7, 6, 5, 4, 3, 3, 4])]

    static func model(_ placement: NormPlacement = .before, seed: UInt64 = 3) -> TransformerAutoencoder<Double> {
        TransformerAutoencoder<Double>(TransformerConfiguration(vocabularySize: 8, modelSize: 4, headCount: 2,
                                                                encoderLayerCount: 1, decoderLayerCount: 1,
                                                                feedForwardSize: 6, placement: placement), seed: seed)
    }

    @Test func namesAndCount() {
        let configuration = TransformerConfiguration(vocabularySize: 24)
        let model = TransformerAutoencoder<Float>(configuration, seed: 1)
        let names = model.namedParameters.map(\.name)
        #expect(names.first == "source_embedding.weight" && names[1] == "target_embedding.weight")
        #expect(names.suffix(2) == ["output.weight", "output.bias"])
        #expect(names.contains("transformer.encoder.layers.1.self_attn.in_proj_weight"))
        #expect(names.contains("transformer.decoder.layers.1.multihead_attn.out_proj.bias"))
        #expect(names.contains("transformer.decoder.layers.0.norm3.weight"))
        #expect(names.contains("transformer.encoder.norm.bias") && names.contains("transformer.decoder.norm.weight"))
        #expect(Set(names).count == names.count)
        #expect(model.parameterCount == configuration.closedFormParameterCount)
        // d = 64, f = 128, V = 24, 2 + 2 layers, counted by hand:
        // attention 4·64² + 4·64 = 16,640; feed-forward 2·64·128 + 64 + 128 = 16,576; norm 128;
        // encoder layer 16,640 + 16,576 + 256 = 33,472; decoder layer 33,280 + 16,576 + 384 = 50,240;
        // 2·33,472 + 2·50,240 + 256 + 2·24·64 + (64·24 + 24) = 172,312.
        #expect(configuration.closedFormParameterCount == 172_312)
    }

    @Test(arguments: NormPlacement.allCases)
    func lossGradient(placement: NormPlacement) {
        let model = Self.model(placement)
        let report = GradientChecker.check(parameters: model.parameters) { model.loss(TeacherForcingBatch(Self.pairs)) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func paddingChangesNothing() {
        let model = Self.model()
        let padded = TeacherForcingBatch(Self.pairs)
        let logits = model.pass(source: padded.source, decoderInput: padded.decoderInput).logits
        for (row, pair) in Self.pairs.enumerated() {
            let alone = TeacherForcingBatch([pair])
            let aloneLogits = model.pass(source: alone.source, decoderInput: alone.decoderInput).logits
            let steps = pair.target.count + 1
            let rowLogits = logits.select(alongAxis: 0, index: row).slice(alongAxis: 0, 0..<steps)
            #expect(largestDifference(rowLogits, aloneLogits.select(alongAxis: 0, index: 0)) <= 1e-12)
        }
        // Other tokens at the padded positions: not one bit changes at the real ones.
        var changed = padded
        for row in 0..<changed.source.batchSize {
            for column in changed.source.lengths[row]..<changed.source.time {
                changed.source.tokens[row * changed.source.time + column] = 7
            }
        }
        let again = model.pass(source: changed.source, decoderInput: changed.decoderInput).logits
        #expect(again.scalars == logits.scalars)
    }

    @Test func greedyDecodingAgreesWithATeacherForcedPass() {
        let model = Self.model(seed: 9)
        let sources = PaddedBatch(Self.pairs.map(\.source))
        let decoded = model.greedyDecode(sources, maxLength: 6, endToken: -1)  // never ends: 6 tokens each
        let input = PaddedBatch(decoded.map { [Vocabulary.start] + $0.dropLast() })
        let logits = model.pass(source: sources, decoderInput: input).logits  // [batch, 6, vocabulary]
        let predicted = logits.reshaped(to: [-1, 8]).argmax(alongAxis: 1)
        #expect(predicted == decoded.flatMap { $0 })
    }

    @Test func trainerLearnsToCopyShortSequences() {
        let vocabulary = Vocabulary.numbered(6)
        let model = TransformerAutoencoder<Float>(TransformerConfiguration(vocabularySize: vocabulary.count, modelSize: 32,
                                                                           headCount: 2, encoderLayerCount: 1,
                                                                           decoderLayerCount: 1, feedForwardSize: 64),
                                                  seed: 4)
        let trainer = TransformerTrainer(model: model, learningRate: 3e-3)
        let data = SequenceTask.copy.generate(count: 64, lengths: 2...4, vocabulary: vocabulary, seed: 5)
        for _ in 0..<150 { trainer.step(sources: data.map(\.source), targets: data.map(\.target)) }
        #expect(trainer.losses.last! < 0.3 * trainer.losses.first!)
        #expect(trainer.accuracy(sources: data.map(\.source), targets: data.map(\.target)).tokenAccuracy > 0.8)
    }
}
