import Testing
import Tensors
@testable import Models

@Suite("Sequence trainer")
struct Seq2SeqTrainerTests {
    @Test func accuracyCountsTokensAndWholeSequences() {
        let accuracy = SequenceAccuracy(predicted: [[1, 2, 3], [4, 5, 6]], expected: [[1, 2, 3], [4, 0, 6]])
        #expect(accuracy.tokens == 6 && accuracy.correctTokens == 5)
        #expect(accuracy.sequences == 2 && accuracy.correctSequences == 1)
        #expect(accuracy.tokenAccuracy == 5.0 / 6.0 && accuracy.sequenceAccuracy == 0.5)
    }

    @Test func trainingOnOneBatchLowersItsLoss() {
        let model = Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 4, hiddenSize: 8), seed: 2)
        let trainer = Seq2SeqTrainer(model: model, learningRate: 1e-2, startToken: 1)
        let sources = [[3, 4, 5], [6, 5, 4]]
        for _ in 0..<60 { trainer.step(sources: sources, targets: sources) }
        #expect(trainer.losses.last! < 0.2 * trainer.losses.first!)
        #expect(trainer.accuracy(sources: sources, targets: sources).tokenAccuracy == 1)
    }
}
