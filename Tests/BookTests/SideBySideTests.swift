import Testing
import Models
import Notebook
import Tensors
@testable import Book

@Suite struct SideBySideTests {
    @Test func bothSidesRunAndTheThreadCountIsRestored() {
        let before = MatrixMultiply.maximumThreads
        var seenThreads: [Int] = []
        let (a, b) = SideBySide.run({ (MatrixMultiply.maximumThreads, 6 * 7) }, { "done" })
        seenThreads.append(a.0)
        #expect(a.1 == 42 && b == "done")
        #expect(seenThreads == [1])
        #expect(MatrixMultiply.maximumThreads == before)
    }

    @Test func trainingSideBySideGivesTheSameModelsAsTrainingOneAfterTheOther() {
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
        let notebook = try! Notebook(chapter: 0, title: "t", summary: "s", options: .with(noFigures: true), console: .capture())
        var next = 0
        trainSideBySide(together, steps: 4, chunk: 3, progress: notebook.progress("pair", total: 4)) {
            defer { next += 1 }
            return batches[next % 2]
        }
        for trainer in apart { for step in 0..<4 { trainer.step(sources: batches[step % 2].sources, targets: batches[step % 2].targets) } }
        for (a, b) in zip(together, apart) {
            #expect(a.losses == b.losses)
            #expect(zip(a.model.parameters, b.model.parameters).allSatisfy { $0.scalars == $1.scalars })
        }
    }
}
