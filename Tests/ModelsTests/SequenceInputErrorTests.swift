import Testing
import Tensors
import Models

/// A small trainer on a vocabulary of 8 tokens.
func smallTrainer() -> Seq2SeqTrainer {
    Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration(vocabularySize: 8, embeddingSize: 4, hiddenSize: 4),
                                                    seed: 1),
                   startToken: 1)
}

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
/// Bad batches stop with a line naming the function that was called and what is wrong with the
/// batch, not an operation deep inside the model.
@Suite("Sequence models name what is wrong with their input")
struct SequenceInputErrorTests {
    @Test("a source of length 0 is named by the trainer, not by stack")
    func emptySource() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            smallTrainer().step(sources: [[]], targets: [[3, 4]])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqTrainer.step: source sequences have length 0; each needs at least one token"),
                "\(message)")
        #expect(!message.contains("stack"))
    }

    @Test("a target of length 0 is named by the trainer")
    func emptyTarget() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            smallTrainer().step(sources: [[3, 4]], targets: [[]])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqTrainer.step: target sequences have length 0; each needs at least one token"),
                "\(message)")
    }

    @Test("a batch size of 0 is named by the model's loss, not a division by zero")
    func batchSizeZero() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = smallTrainer().model.loss(source: [], target: [], batchSize: 0, startToken: 1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqAutoencoder.loss: batch size must be positive, got 0"), "\(message)")
    }

    @Test("tokens that do not split into the batch are named by greedy decoding")
    func raggedFlatBatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = smallTrainer().model.greedyDecode(source: [3, 4, 5], batchSize: 2, length: 2, startToken: 1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqAutoencoder.greedyDecode: 3 source tokens do not split into 2 sequences of one length"),
                "\(message)")
    }

    @Test("a token outside the vocabulary is named by the trainer, with the vocabulary size")
    func tokenOutsideTheVocabulary() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            smallTrainer().step(sources: [[3, 9]], targets: [[3, 4]])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqTrainer.step: source token 9 out of range 0..<8 (the vocabulary size)"),
                "\(message)")
        #expect(!message.contains("gatherRows"))
    }

    @Test("Seq2SeqConfiguration(vocabularySize: 0) says which sizes are wrong")
    func configurationOfSizeZero() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Seq2SeqConfiguration(vocabularySize: 0, embeddingSize: 4, hiddenSize: 4)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqConfiguration: sizes must be positive, got vocabulary 0, embedding 4, hidden 4, layers 1"),
                "\(message)")
    }

    @Test("accuracy over an empty list of examples says there are none")
    func accuracyOfNoExamples() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = smallTrainer().accuracy(sources: [], targets: [])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqTrainer.accuracy: no examples"), "\(message)")
    }

    @Test("accuracy with fewer sources than targets is named by accuracy, not by decode")
    func accuracyOfMismatchedLists() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = smallTrainer().accuracy(sources: [], targets: [[3, 4]])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Seq2SeqTrainer.accuracy: need as many targets as sources, and at least one; got 0 and 1"),
                "\(message)")
    }

    @Test("the token accuracy of nothing compared stops instead of reporting 0")
    func tokenAccuracyOfNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SequenceAccuracy(predicted: [], expected: []).tokenAccuracy
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("SequenceAccuracy.tokenAccuracy: no tokens were compared"), "\(message)")
    }

    @Test("the sequence accuracy of nothing compared stops instead of reporting 0")
    func sequenceAccuracyOfNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SequenceAccuracy(predicted: [], expected: []).sequenceAccuracy
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("SequenceAccuracy.sequenceAccuracy: no sequences were compared"), "\(message)")
    }
}
#endif
