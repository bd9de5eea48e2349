import Testing
import Datasets
import Models
import Tensors
import Book

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
/// The accuracy helpers shared by chapters 4 and 5 refuse empty lists with a line naming themselves.
@Suite("Accuracy helpers name an empty list")
struct AccuracyInputErrorTests {
    static func trainer() -> Seq2SeqTrainer {
        Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration(vocabularySize: 8, embeddingSize: 4,
                                                                             hiddenSize: 4), seed: 1),
                       startToken: 1)
    }

    @Test("accuracyByLength with 0 sequences per length says so, naming itself")
    func accuracyByLengthOfNone() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = accuracyByLength(AccuracyInputErrorTests.trainer(), task: .copy, lengths: [3], count: 0,
                                 vocabulary: .numbered(5), seed: 1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("accuracyByLength: count must be positive (sequences per length), got 0"), "\(message)")
    }

    @Test("the accuracy over dates made from 0 dates says there are none")
    func dateAccuracyOfNone() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try! DateBatches(count: 0, seed: 1).accuracy(AccuracyInputErrorTests.trainer())
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("DateBatches.accuracy: no examples: these batches were made from 0 dates"), "\(message)")
    }
}
#endif
