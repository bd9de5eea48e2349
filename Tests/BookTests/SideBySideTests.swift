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

    @Test func windowMeansAverageConsecutiveRuns() {
        let means = windowMeans([1, 3, 5, 7, 10], window: 2)
        #expect(means == [2, 6, 10])
    }

    @Test func rowsOfAMatrix() {
        let m = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(rows(of: m) == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func lossHistoriesJoinWithoutRepeatingTheSharedPoint() {
        var first = LossHistory()
        first.steps = [1, 2]; first.train = [5, 4]; first.validationSteps = [0, 2]; first.validation = [6, 4.5]
        var second = LossHistory()
        second.steps = [1]; second.train = [3]; second.validationSteps = [0, 1]; second.validation = [4.5, 3.5]
        let joined = first.followed(by: second)
        #expect(joined.steps == [1, 2, 3] && joined.train == [5, 4, 3])
        #expect(joined.validationSteps == [0, 2, 3] && joined.validation == [6, 4.5, 3.5])
    }
}

@Suite struct LineFitTests {
    @Test func pointsOnALineGiveItsSlopeAndIntercept() {
        let fit = leastSquaresLine(x: [0, 1, 2, 3], y: [1, 3, 5, 7])
        #expect(abs(fit.slope - 2) < 1e-15 && abs(fit.intercept - 1) < 1e-15)
    }

    @Test func symmetricNoiseLeavesTheSlope() {
        // Residuals +1, −1, −1, +1 are orthogonal to x − mean(x), so the slope stays 0.5 exactly.
        let fit = leastSquaresLine(x: [0, 1, 2, 3], y: [1, -0.5, 0, 2.5])
        #expect(abs(fit.slope - 0.5) < 1e-15)
        #expect(abs(fit.intercept - 0) < 1e-15)
    }
}
