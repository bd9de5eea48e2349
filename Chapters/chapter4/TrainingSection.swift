// Section 5 of chapter 4: both models trained at once on the same random batches.

import Book
import Datasets
import Models
import Notebook
import Plotting
import Tensors

/// Trains both models side by side on copying random sequences and draws loss.png.
func trainingSection(_ book: Notebook, _ models: ChapterModels) {
    let (vocabulary, trainLengths, configurations, trainers) =
        (models.vocabulary, models.trainLengths, models.configurations, models.trainers)
    book.section("Training on random sequences")
    let steps = book.quick ? 120 : 1500, chunk = book.quick ? 30 : 100, batchSize = 64
    book.prose("""
    The task is to reconstruct a random sequence of \(trainLengths.lowerBound) to \(trainLengths.upperBound) \
    tokens. Each batch holds \(batchSize) sequences of one length, drawn at random per batch, so nothing is \
    padded. Both models see exactly the same batches, \(steps) steps of Adam (learning rate 0.003, \
    gradients clipped to norm 5), trained at the same time on the two cores.
    """)
    var batchGenerator = SeededGenerator(seed: book.seed &+ 100)
    let progress = book.progress("training two autoencoders (no attention)", total: steps)
    let trainingSeconds = trainSideBySide(trainers, steps: steps, chunk: chunk, progress: progress, shownLoss: 1) {
        sequenceBatch(.copy, lengths: trainLengths, size: batchSize, vocabulary: vocabulary, generator: &batchGenerator)
    }
    progress.finish(timing: "\(fixed(1000 * trainingSeconds / Double(steps), 1)) ms per step for both models together")
    book.prose("""
    The "final loss" of that line is the loss of the last step alone, of the larger model; the check \
    below compares means over the first and the last \(book.quick ? 10 : 25) steps of each model, which is \
    what loss.png plots, and is why its numbers differ from the final loss.
    """)
    let window = book.quick ? 10 : 25
    book.figure("loss.png", caption: "training loss of the two autoencoders (mean over \(window) steps)") { path in
        var chart = LineChart(title: "Sequence autoencoder without attention: training loss", xLabel: "step",
                              yLabel: "cross-entropy (mean over \(window) steps)", yScale: .log)
        for (configuration, trainer) in zip(configurations, trainers) {
            let smoothed = windowMeans(trainer.losses, window: window)
            chart.add(series: "hidden \(configuration.hiddenSize)",
                      x: smoothed.indices.map { Double($0 * window + window / 2) }, y: smoothed)
        }
        try chart.write(to: path)
    }
    let firstLoss = trainers.map { windowMeans($0.losses, window: window).first ?? 0 }
    let lastLoss = trainers.map { windowMeans($0.losses, window: window).last ?? 0 }
    book.check("training lowers both losses", passed: zip(firstLoss, lastLoss).allSatisfy { $1 < 0.8 * $0 },
               detail: zip(firstLoss, lastLoss).map { "\(fixed($0, 3)) → \(fixed($1, 3))" }.joined(separator: ", "))
}
