// Section 4 of chapter 5: copying, with and without attention, and accuracy against length.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// Trains the pair on copying, measures accuracy by length within and beyond the trained lengths, and
/// draws accuracy-vs-length.png. Returns the trained pair and its number of steps.
func copySection(_ book: Notebook, _ settings: ExperimentSettings) -> (pair: ModelPair, steps: Int) {
    let (vocabulary, copyConfiguration, batchSize, learningRate, testCount) =
        (settings.vocabulary, settings.copyConfiguration, settings.batchSize, settings.learningRate, settings.testCount)
    book.section("Copying sequences: accuracy against length")
    let trainLengths = settings.quick ? 3...8 : 5...20
    let testLengths = settings.quick ? [4, 8, 12, 16] : [5, 10, 15, 20, 30, 40]
    let copySteps = settings.full ? 20_000 : settings.quick ? 160 : 900
    book.prose("""
    Bahdanau, Cho and Bengio (2014, Figure 2) showed that an encoder–decoder without attention translates \
    short sentences well and long ones badly, while the same model with attention holds up as sentences grow. \
    The copy task shows the same thing without any language: both models (embedding \
    \(copyConfiguration.embeddingSize), hidden \(copyConfiguration.hiddenSize), \(copyConfiguration.layerCount) \
    layer(s), vocabulary of \(vocabulary.count) ids) learn to reproduce random sequences of \
    \(trainLengths.lowerBound) to \(trainLengths.upperBound) tokens, from the same \(copySteps) batches of \
    \(batchSize) (each sequence of its own length, padded; Adam, learning rate \(learningRate), gradient \
    norm clipped at 5, and cut to 30% of the learning rate for the last 30% of the steps). They are then \
    tested with greedy decoding, which stops at the end token, on fresh sequences within and beyond that range.
    """)
    let copy = ModelPair.train(book: book, label: "copy, with and without attention", configuration: copyConfiguration,
                               steps: copySteps, seed: book.seed &+ 10, learningRate: learningRate,
                               usesEndToken: true) { generator in
        mixedLengthBatch(.copy, lengths: trainLengths, size: batchSize, vocabulary: vocabulary,
                         spread: settings.lengthSpread, generator: &generator)
    }
    let copyScores = copy.both.map {
        sequenceAccuracyByLength($0, task: .copy, lengths: testLengths, count: testCount, vocabulary: vocabulary,
                                 seed: book.seed &+ 500)
    }
    let copyAccuracy = copyScores.map { $0.map(\.tokenAccuracy) }
    var table: [String] = ["length              " + testLengths.map { String($0).leftPadded(6) }.joined()]
    for (name, row) in zip(["attention", "none"], copyScores) {
        let tokens: [String] = row.map { fixed($0.tokenAccuracy, 2).leftPadded(6) }
        let exact: [String] = row.map { fixed($0.sequenceAccuracy, 2).leftPadded(6) }
        table.append((name + ", tokens").rightPadded(20) + tokens.joined())
        table.append((name + ", exact").rightPadded(20) + exact.joined())
    }
    book.code(table.joined(separator: "\n"))
    let lastTrained = testLengths.lastIndex { $0 <= trainLengths.upperBound }!
    let beyond = testLengths.count - 1
    book.prose("""
    Token accuracy (the fraction of target positions where the output has the right token) and exact \
    matches (outputs equal to their target, length included) on \(testCount) sequences per length. Within the trained range, the model with attention \
    stays at \(fixed(copyAccuracy[0][0], 2)) at length \(testLengths[0]) and \
    \(fixed(copyAccuracy[0][lastTrained], 2)) at length \(testLengths[lastTrained]), while the model without \
    it falls from \(fixed(copyAccuracy[1][0], 2)) to \(fixed(copyAccuracy[1][lastTrained], 2)): its final \
    state cannot hold \(testLengths[lastTrained]) random tokens. Beyond the trained range both degrade: at \
    length \(testLengths[beyond]) the model with attention reaches \(fixed(copyAccuracy[0][beyond], 2)) and the \
    one without \(fixed(copyAccuracy[1][beyond], 2)). Attention removes the bottleneck, but the decoder has \
    still only learned to track its position for as many steps as it has seen: past that, its state drifts \
    into regions it was never trained in and its query stops picking out the right source position. Exact matches fall faster than \
    tokens, since one wrong token, or an end token written too early or too late, spoils the whole sequence.
    """)
    book.figure("accuracy-vs-length.png", caption: "greedy token accuracy and exact matches by length, trained on lengths "
                + "\(trainLengths.lowerBound)–\(trainLengths.upperBound) (grey line: longest trained length)") { path in
        var chart = LineChart(title: "Copying: accuracy against sequence length", xLabel: "sequence length",
                              yLabel: "accuracy (greedy)")
        chart.add(series: "with attention, tokens", x: testLengths.map(Double.init), y: copyAccuracy[0], marker: .circle)
        chart.add(series: "with attention, exact", x: testLengths.map(Double.init), y: copyScores[0].map(\.sequenceAccuracy),
                  marker: .none)
        chart.add(series: "without attention, tokens", x: testLengths.map(Double.init), y: copyAccuracy[1], marker: .square)
        chart.add(series: "without attention, exact", x: testLengths.map(Double.init), y: copyScores[1].map(\.sequenceAccuracy),
                  marker: .none)
        chart.add(series: "longest trained length", x: [Double(trainLengths.upperBound), Double(trainLengths.upperBound)],
                  y: [0, 1], color: RGB(150, 150, 150))
        try chart.write(to: path)
    }
    book.check("within training, attention holds up at length \(testLengths[lastTrained])",
               passed: copyAccuracy[0][lastTrained] >= (settings.quick ? 0.5 : 0.95) && copyAccuracy[0][lastTrained] > copyAccuracy[1][lastTrained],
               detail: "\(fixed(copyAccuracy[0][lastTrained], 2)) ≥ \(settings.quick ? "0.50" : "0.95") and > \(fixed(copyAccuracy[1][lastTrained], 2)) without")
    book.check("without attention, accuracy falls with length",
               passed: copyAccuracy[1][0] > copyAccuracy[1][lastTrained] + 0.1,
               detail: "\(fixed(copyAccuracy[1][0], 2)) at \(testLengths[0]) vs \(fixed(copyAccuracy[1][lastTrained], 2)) at \(testLengths[lastTrained])")
    return (copy, copySteps)
}
