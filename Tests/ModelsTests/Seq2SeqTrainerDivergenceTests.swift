import Foundation
import Testing
import Tensors
@testable import Models

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
@Suite("Sequence trainer: a diverged run stops")
struct Seq2SeqTrainerDivergenceTests {
    @Test("a loss that becomes NaN stops with one line naming the model, the step, the loss and the rate")
    func learningRateTooLarge() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            let model = Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 4, hiddenSize: 8),
                                                  seed: 2)
            let trainer = Seq2SeqTrainer(model: model, learningRate: 1e20, startToken: 1)
            let sources = [[3, 4, 5], [6, 5, 4]]
            for _ in 0..<60 { trainer.step(sources: sources, targets: sources) }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        // The first loss is finite (about ln 7 for a fresh model), so the stop comes at step 2 or later.
        let pattern = #/error: training the sequence model with attention diverged at step ([0-9]+): loss (nan|inf|-inf) with learning rate 1e\+20 \(try a smaller learning rate\)\n/#
        let match = message.wholeMatch(of: pattern)
        #expect(match != nil, "\(message)")
        #expect((match.flatMap { Int($0.1) } ?? 0) >= 2)
    }
}
#endif
