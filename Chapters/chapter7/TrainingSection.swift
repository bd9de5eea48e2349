// Section 6 of chapter 7: the Transformer against chapter 5's LSTM with attention on copying, reversing and dates.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// The trained models the later sections read.
struct TrainedModels {
    /// The Transformer trained on copying, and three held-out pairs of different lengths.
    let copy: TransformerTrainer
    let copyExamples: [SequencePair]
    /// Transformer and LSTM trained on reversing, and the lengths they saw.
    let reverse: [any SequenceModelTrainer]
    let reverseLengths: ClosedRange<Int>
    /// Transformer and LSTM trained on dates, and the held-out dates.
    let dates: [any SequenceModelTrainer]
    let dateTest: DateBatches
}

/// A Transformer trainer and an LSTM-with-attention trainer for a vocabulary of `size`, both seeded `seed`.
func modelPair(_ settings: ExperimentSettings, vocabularySize size: Int, seed: UInt64) -> (TransformerTrainer, Seq2SeqTrainer) {
    (TransformerTrainer(model: TransformerAutoencoder<Float>(settings.transformer(vocabularySize: size), seed: seed),
                        learningRate: settings.transformerLearningRate),
     Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(settings.lstm(vocabularySize: size), seed: seed),
                    learningRate: settings.lstmLearningRate, startToken: Vocabulary.start, usesEndToken: true))
}

/// Trains both models on copying (measuring held-out accuracy as they go), reversing and dates;
/// draws accuracy-vs-length.png.
func trainingSection(_ book: Notebook, _ settings: ExperimentSettings) -> TrainedModels {
    let (vocabulary, batchSize, spread) = (settings.vocabulary, settings.batchSize, settings.lengthSpread)
    book.section("The Transformer against the LSTM with attention")
    let lstm = settings.lstm(vocabularySize: vocabulary.count)
    let trainLengths = settings.quick ? 3...8 : 4...12
    let testLengths = settings.quick ? [4, 8, 12, 16] : [4, 8, 12, 16, 20, 24]
    let copySteps = settings.quick ? 120 : 400
    let interval = 25
    book.prose("""
    Both models now learn chapter 5's tasks from the same padded batches of \(batchSize) (each batch's \
    lengths within a window of \(spread + 1), each target ending with </s>): the Transformer above, and \
    chapter 5's LSTM encoder–decoder with additive attention (embedding \(lstm.embeddingSize), hidden \
    \(lstm.hiddenSize), one layer, \(Seq2SeqAutoencoder<Float>(lstm, seed: 0).parameterCount) parameters). \
    Each trains with Adam, its gradient norm clipped (at 1 for the Transformer, 5 for the LSTM) and its \
    learning rate (\(settings.transformerLearningRate) and \(settings.lstmLearningRate), the LSTM's from chapter 5) \
    cut to 30% for the last 30% of the steps; the two train at once, one per core.
    """)
    book.subsection("Copying")
    let heldOut = SequenceTask.copy.generate(count: 64, lengths: trainLengths, vocabulary: vocabulary,
                                             seed: book.seed &+ 400)
    book.prose("""
    Copying sequences of \(trainLengths.lowerBound) to \(trainLengths.upperBound) random tokens, \(copySteps) \
    steps. Every \(interval) steps both models decode \(heldOut.count) held-out sequences of those lengths \
    greedily; the step at which each first gets 99% of the tokens right is the measure of how fast it learns.
    """)
    let (copyTransformer, copyLSTM) = modelPair(settings, vocabularySize: vocabulary.count, seed: book.seed &+ 60)
    let curves = trainPairWithHeldOut(book: book, label: "copy, Transformer and LSTM", trainers: [copyTransformer, copyLSTM],
                                      names: ("Transformer", "LSTM"), steps: copySteps, interval: interval,
                                      seed: book.seed &+ 60, heldOut: heldOut) { generator in
        mixedLengthBatch(.copy, lengths: trainLengths, size: batchSize, vocabulary: vocabulary, spread: spread,
                         generator: &generator)
    }
    let reached = (0..<2).map { curves.firstStep(reaching: 0.99, model: $0) }
    let reachedText = zip(["the Transformer", "the LSTM"], reached).map { name, step in
        step.map { "\(name) after \($0) steps" } ?? "\(name) not within \(copySteps) steps"
    }
    let every = (curves.steps.count + 10) / 11  // at most 11 columns
    let shown = Array(stride(from: every - 1, to: curves.steps.count, by: every))
    book.code((["step         " + shown.map { String(curves.steps[$0]).leftPadded(6) }.joined()]
        + zip(["Transformer", "LSTM"], curves.accuracy).map { name, row in
            name.rightPadded(13) + shown.map { fixed(row[$0], 2).leftPadded(6) }.joined()
        }).joined(separator: "\n"))
    book.prose("""
    Held-out token accuracy (greedy) during training, at the steps shown. \
    99% of the held-out tokens were first right for \(reachedText.joined(separator: ", and ")). The training \
    seconds each needed to get there, on one core each, are in the run's timings.
    """)
    book.timing("copy, seconds of training to 99% held-out token accuracy: " + zip(["Transformer", "LSTM"], [0, 1]).map { name, index in
        curves.firstSeconds(reaching: 0.99, model: index).map { "\(name) \(fixed($0, 1)) s" } ?? "\(name) not reached"
    }.joined(separator: ", "))
    let scores = [copyTransformer as any SequenceModelTrainer, copyLSTM].map {
        sequenceAccuracyByLength($0, task: .copy, lengths: testLengths, count: settings.testCount, vocabulary: vocabulary,
                                 seed: book.seed &+ 500)
    }
    var table = ["length              " + testLengths.map { String($0).leftPadded(6) }.joined()]
    for (name, row) in zip(["Transformer", "LSTM"], scores) {
        table.append((name + ", tokens").rightPadded(20) + row.map { fixed($0.tokenAccuracy, 2).leftPadded(6) }.joined())
        table.append((name + ", exact").rightPadded(20) + row.map { fixed($0.sequenceAccuracy, 2).leftPadded(6) }.joined())
    }
    book.code(table.joined(separator: "\n"))
    let lastTrained = testLengths.lastIndex { $0 <= trainLengths.upperBound }!
    let beyond = testLengths.count - 1
    let tokens = scores.map { $0.map(\.tokenAccuracy) }
    book.prose("""
    On \(settings.testCount) fresh sequences per length: at length \(testLengths[lastTrained]), the longest \
    trained, the Transformer gets \(fixed(tokens[0][lastTrained], 2)) of the tokens right and the LSTM \
    \(fixed(tokens[1][lastTrained], 2)); at length \(testLengths[beyond]), beyond anything either has seen, \
    \(fixed(tokens[0][beyond], 2)) and \(fixed(tokens[1][beyond], 2)) (accuracy-vs-length.png). The \
    Transformer's attention can reach any position, so its length is not limited by a bottleneck; but its \
    decoder only ever saw the position vectors of the first \(trainLengths.upperBound + 1) steps, and past \
    them it meets encodings that nothing in training told it how to use (the first question at the end \
    asks how to tell this apart from other explanations).
    """)
    book.figure("accuracy-vs-length.png", caption: "greedy token accuracy and exact matches by length on copying, "
                + "trained on lengths \(trainLengths.lowerBound)–\(trainLengths.upperBound) (grey line: longest trained length)") { path in
        var chart = LineChart(title: "Copying: Transformer and LSTM with attention", xLabel: "sequence length",
                              yLabel: "accuracy (greedy)")
        let x = testLengths.map(Double.init)
        chart.add(series: "Transformer, tokens", x: x, y: tokens[0], marker: .circle)
        chart.add(series: "Transformer, exact", x: x, y: scores[0].map(\.sequenceAccuracy), marker: .none)
        chart.add(series: "LSTM with attention, tokens", x: x, y: tokens[1], marker: .square)
        chart.add(series: "LSTM with attention, exact", x: x, y: scores[1].map(\.sequenceAccuracy), marker: .none)
        chart.add(series: "longest trained length", x: [Double(trainLengths.upperBound), Double(trainLengths.upperBound)],
                  y: [0, 1], color: RGB(150, 150, 150))
        try chart.write(to: path)
    }
    let threshold = settings.quick ? 0.8 : 0.99
    book.check("the Transformer learns to copy: held-out token accuracy at the end of training",
               passed: curves.accuracy[0].last! >= threshold,
               detail: "\(fixed(curves.accuracy[0].last!, 3)) ≥ \(fixed(threshold, 2))")

    // Reversing.
    book.subsection("Reversing")
    let reverseLengths = settings.quick ? 3...6 : 4...10
    let reverseSteps = settings.quick ? 80 : 200
    let (reverseTransformer, reverseLSTM) = modelPair(settings, vocabularySize: vocabulary.count, seed: book.seed &+ 70)
    trainPair(book: book, label: "reverse, Transformer and LSTM", trainers: [reverseTransformer, reverseLSTM],
              names: ("Transformer", "LSTM"), steps: reverseSteps, seed: book.seed &+ 70) { generator in
        mixedLengthBatch(.reverse, lengths: reverseLengths, size: batchSize, vocabulary: vocabulary, spread: spread,
                         generator: &generator)
    }
    let reverseScores = [reverseTransformer as any SequenceModelTrainer, reverseLSTM].map {
        sequenceAccuracyByLength($0, task: .reverse, lengths: [reverseLengths.upperBound], count: settings.testCount,
                                 vocabulary: vocabulary, seed: book.seed &+ 600)[0]
    }
    book.prose("""
    Reversing sequences of \(reverseLengths.lowerBound) to \(reverseLengths.upperBound) tokens, \(reverseSteps) \
    steps: at length \(reverseLengths.upperBound) the Transformer gets \(fixed(reverseScores[0].tokenAccuracy, 2)) \
    of the tokens and \(fixed(reverseScores[0].sequenceAccuracy, 2)) of the sequences right, the LSTM \
    \(fixed(reverseScores[1].tokenAccuracy, 2)) and \(fixed(reverseScores[1].sequenceAccuracy, 2)).
    """)

    // Dates.
    book.subsection("Rewriting dates")
    let dateSteps = settings.quick ? 80 : 150
    let dateTraining = try! DateBatches(count: settings.quick ? 2_000 : 20_000, seed: book.seed &+ 30)
    let dateTest = try! DateBatches(count: settings.quick ? 100 : 500, seed: book.seed &+ 31)
    let (dateTransformer, dateLSTM) = modelPair(settings, vocabularySize: DateRewriting.vocabulary.count, seed: book.seed &+ 80)
    trainPair(book: book, label: "dates, Transformer and LSTM", trainers: [dateTransformer, dateLSTM],
              names: ("Transformer", "LSTM"), steps: dateSteps, seed: book.seed &+ 80) { generator in
        dateTraining.mixedBatch(size: batchSize, spread: spread, generator: &generator)
    }
    let dateScores = [dateTransformer as any SequenceModelTrainer, dateLSTM].map { dateTest.accuracy(of: $0) }
    book.prose("""
    Rewriting dates (chapter 5's task) for \(dateSteps) steps: of \(dateScores[0].sequences) held-out dates the \
    Transformer writes \(fixed(100 * dateScores[0].sequenceAccuracy, 1))% exactly right \
    (\(fixed(100 * dateScores[0].tokenAccuracy, 1))% of characters), the LSTM \
    \(fixed(100 * dateScores[1].sequenceAccuracy, 1))% (\(fixed(100 * dateScores[1].tokenAccuracy, 1))%).
    """)
    let examples = [heldOut.min { $0.source.count < $1.source.count }!, heldOut[0],
                    heldOut.max { $0.source.count < $1.source.count }!]
    return TrainedModels(copy: copyTransformer, copyExamples: examples, reverse: [reverseTransformer, reverseLSTM], reverseLengths: reverseLengths,
                         dates: [dateTransformer, dateLSTM], dateTest: dateTest)
}
