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

    @Test func smoothedLossesAverageWindows() {
        let trainer = Seq2SeqTrainer(model: Seq2SeqAutoencoder(Seq2SeqConfiguration(vocabularySize: 5, embeddingSize: 2,
                                                                                     hiddenSize: 3), seed: 1),
                                     startToken: 1)
        for _ in 0..<5 { trainer.step(sources: [[2, 3]], targets: [[2, 3]]) }
        let l = trainer.losses
        let smoothed = trainer.smoothedLosses(window: 2)
        #expect(smoothed.count == 3)
        #expect(abs(smoothed[0] - (l[0] + l[1]) / 2) < 1e-12 && abs(smoothed[2] - l[4]) < 1e-12)
    }

    @Test func trainingOnOneBatchLowersItsLoss() {
        let model = Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 4, hiddenSize: 8), seed: 2)
        let trainer = Seq2SeqTrainer(model: model, learningRate: 1e-2, startToken: 1)
        let sources = [[3, 4, 5], [6, 5, 4]]
        for _ in 0..<60 { trainer.step(sources: sources, targets: sources) }
        #expect(trainer.losses.last! < 0.2 * trainer.losses.first!)
        #expect(trainer.accuracy(sources: sources, targets: sources).tokenAccuracy == 1)
    }

    @Test func concurrentTrainingGivesTheSameModelsAsTrainingOneAfterTheOther() {
        func make() -> [Seq2SeqTrainer] {
            [true, false].map { attention in
                Seq2SeqTrainer(model: Seq2SeqAutoencoder(Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 4, hiddenSize: 6,
                                                                              usesAttention: attention), seed: 3),
                               startToken: 1)
            }
        }
        let batches = [SequenceBatch(sources: [[3, 4], [5, 6]], targets: [[4, 3], [6, 5]]),
                       SequenceBatch(sources: [[2, 3, 4]], targets: [[4, 3, 2]])]
        let together = make(), apart = make()
        Seq2SeqTrainer.trainConcurrently(together, on: [batches, batches])
        for trainer in apart { for batch in batches { trainer.step(sources: batch.sources, targets: batch.targets) } }
        for (a, b) in zip(together, apart) {
            #expect(a.losses == b.losses)
            #expect(zip(a.model.parameters, b.model.parameters).allSatisfy { $0.scalars == $1.scalars })
        }
    }
}
