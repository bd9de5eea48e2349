// Section 5 of chapter 5, continued: reversing, and the anti-diagonal attention map.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// Trains the pair on reversing, measures the anti-diagonal, and draws attention-reverse.png.
func reversingSection(_ book: Notebook, _ settings: ExperimentSettings) -> ModelPair {
    let (vocabulary, copyConfiguration, batchSize, learningRate, testCount) =
        (settings.vocabulary, settings.copyConfiguration, settings.batchSize, settings.learningRate, settings.testCount)
    let reverseLengths = settings.quick ? 3...6 : 5...12
    let reverseSteps = settings.full ? 10_000 : settings.quick ? 150 : 1000
    book.subsection("Reversing")
    book.prose("""
    Reversal asks output t for source position S + 1 − t: the last token first. Without attention, the \
    token needed first is the one read last, which is easy; the hard part is the first token read, \
    needed last. Both models are trained on lengths \(reverseLengths.lowerBound)–\(reverseLengths.upperBound) \
    for \(reverseSteps) steps.
    """)
    let reverse = ModelPair.train(book: book, label: "reverse, with and without attention", configuration: copyConfiguration,
                                  steps: reverseSteps, seed: book.seed &+ 20, learningRate: learningRate) { generator in
        sequenceBatch(.reverse, lengths: reverseLengths, size: batchSize, vocabulary: vocabulary, generator: &generator)
    }
    let reverseTestLength = reverseLengths.upperBound
    let reverseAccuracy = reverse.both.map {
        accuracyByLength($0, task: .reverse, lengths: [reverseTestLength], count: testCount, vocabulary: vocabulary,
                         seed: book.seed &+ 600)[0]
    }
    let reverseProbe = SequenceTask.reverse.generate(count: 64, lengths: reverseTestLength...reverseTestLength,
                                                     vocabulary: vocabulary, seed: book.seed &+ 901)
    let (reverseOutput, reverseWeights) = reverse.withAttention.decode(sources: reverseProbe.map { $0.source }, targetLength: reverseTestLength)
    let antiDiagonal = alignmentRate(reverseWeights!) { t, length in length - 1 - t }
    let antiDiagonalNear = alignmentRate(reverseWeights!, slack: 1) { t, length in length - 1 - t }
    book.prose("""
    At length \(reverseTestLength) the token accuracy is \(fixed(reverseAccuracy[0], 2)) with attention and \
    \(fixed(reverseAccuracy[1], 2)) without. The attention map is the mirror image of the copy map. Its \
    largest weight falls exactly on source position S + 1 − t in \(fixed(100 * antiDiagonal, 1))% \
    of the steps, and within one position of it in \(fixed(100 * antiDiagonalNear, 1))%. The near \
    misses have a reason: the encoder reads left to right, so its output at position j + 1 still carries \
    token j as the input it read one step before, and reading either position gives the decoder the token \
    it needs. Nothing in the loss prefers one over the other. A bidirectional encoder, as Bahdanau et al. \
    use, would make each position's output centred on its own token.
    """)
    book.check("reverse attention is anti-diagonal (±1)", passed: antiDiagonalNear >= (settings.quick ? 0.5 : 0.95),
               detail: "\(fixed(100 * antiDiagonalNear, 1))% of steps peak within 1 of S+1−t (≥ \(settings.quick ? 50 : 95)%); "
                   + "\(fixed(100 * antiDiagonal, 1))% exactly")
    book.figure("attention-reverse.png", caption: "attention weights of the reversing model on one sequence of length \(reverseTestLength)") { path in
        try attentionHeatmap(title: "Reversing: attention weights", weights: reverseWeights!.select(alongAxis: 0, index: 0),
                             rowLabels: vocabulary.decode(reverseOutput[0]), columnLabels: vocabulary.decode(reverseProbe[0].source)).write(to: path)
    }
    return reverse
}
