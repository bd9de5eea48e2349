import Foundation
import Testing
import Models
import Notebook
import Tensors
@testable import Book

/// Whether `message` is exactly one line of the form `error: training WHAT diverged at step N: loss
/// LOSS with learning rate RATE (…)`, for the given parts, with N at least `firstStep`.
func isDivergenceLine(_ message: String, what: String, losses: [String], rate: String, firstStep: Int = 2) -> Bool {
    let prefix = "error: training \(what) diverged at step "
    guard message.hasPrefix(prefix), message.hasSuffix(" (try a smaller learning rate)\n"),
          message.filter({ $0 == "\n" }).count == 1 else { return false }
    let rest = message.dropFirst(prefix.count)
    guard let colon = rest.firstIndex(of: ":"), let step = Int(rest[..<colon]), step >= firstStep else { return false }
    return losses.contains { rest[colon...].hasPrefix(": loss \($0) with learning rate \(rate) (") }
}

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
@Suite("Training that diverges stops with one line and status 1")
struct DivergedTrainingStopTests {
    @Test("trainReconstruction at learning rate 1e20 stops, naming the model, the step, the loss and the rate")
    func reconstruction() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 5)
            let data = Tensor<Float>.randomUniform([64, 8], generator: &generator)
            let model = LinearAutoencoder<Float>(inputSize: 8, codeSize: 3, generator: &generator)
            let plan = TrainingPlan(inputs: data, validation: data, steps: 200, batchSize: 16, learningRate: 1e20)
            _ = trainReconstruction(model, model.callAsFunction, plan: plan, generator: &generator)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(isDivergenceLine(message, what: "the autoencoder LinearAutoencoder<Float>", losses: ["nan", "inf"],
                                 rate: "1e+20"), "\(message)")
    }

    @Test("ModelPair.train at learning rate 1e20 stops with one line although both models diverge on two threads")
    func pairOnTwoThreads() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            let notebook = try! Notebook(chapter: 0, title: "t", summary: "s", options: .with(noFigures: true),
                                         console: .capture())
            _ = ModelPair.train(book: notebook, label: "copy", configuration:
                                    Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 4, hiddenSize: 6),
                                steps: 40, seed: 3, learningRate: 1e20) { _ in
                SequenceBatch(sources: [[3, 4, 5], [6, 5, 4]], targets: [[3, 4, 5], [6, 5, 4]])
            }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        let named = ["with", "without"].contains {
            isDivergenceLine(message, what: "the sequence model \($0) attention ('copy')", losses: ["nan", "inf"],
                             rate: "1e+20")
        }
        #expect(named, "\(message)")
    }
}
#endif
