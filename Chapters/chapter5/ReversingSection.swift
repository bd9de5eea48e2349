// Section 6 of chapter 5, continued: reversing, with a one-directional and a bidirectional encoder.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// Trains attention models with a one-directional and a bidirectional encoder on reversing, measures
/// how exactly their maps follow the anti-diagonal, and draws attention-reverse.png (bidirectional).
func reversingSection(_ book: Notebook, _ settings: ExperimentSettings) -> [Seq2SeqTrainer] {
    let (vocabulary, copyConfiguration, batchSize, learningRate, testCount) =
        (settings.vocabulary, settings.copyConfiguration, settings.reverseAndDatesBatchSize, settings.learningRate, settings.testCount)
    let reverseLengths = settings.quick ? 3...6 : 5...12
    let reverseSteps = settings.full ? 10_000 : settings.quick ? 100 : 300
    book.subsection("Reversing, with a one-directional and a bidirectional encoder")
    book.prose("""
    Reversal asks output t for source position S + 1 − t: the last token first. A one-directional \
    encoder's output at position j + 1 still carries token j, the input it read one step before, so \
    reading either position can give the decoder the token it needs. A bidirectional encoder's output \
    at j is [h→ⱼ ; h←ⱼ]: the backward half has just read token j too, from the other side, so position \
    j is where both halves have token j freshest. Two models with attention, the same but for the \
    encoder, are trained on lengths \(reverseLengths.lowerBound)–\(reverseLengths.upperBound) for \
    \(reverseSteps) steps on the same padded batches of \(batchSize).
    """)
    let configurations = [copyConfiguration, copyConfiguration.withBidirectionalEncoder(true)]
    let trainers = configurations.map {
        Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>($0, seed: book.seed &+ 20), learningRate: learningRate,
                       startToken: Vocabulary.start, usesEndToken: true)
    }
    trainPair(book: book, label: "reverse, one-directional and bidirectional encoder", trainers: trainers,
              names: ("one-directional", "bidirectional"), steps: reverseSteps, seed: book.seed &+ 20) { generator in
        mixedLengthBatch(.reverse, lengths: reverseLengths, size: batchSize, vocabulary: vocabulary,
                         spread: settings.lengthSpread, generator: &generator)
    }
    let reverseTestLength = reverseLengths.upperBound
    let scores = trainers.map {
        sequenceAccuracyByLength($0, task: .reverse, lengths: [reverseTestLength], count: testCount, vocabulary: vocabulary,
                                 seed: book.seed &+ 600)[0]
    }
    let reverseProbe = SequenceTask.reverse.generate(count: 64, lengths: reverseTestLength...reverseTestLength,
                                                     vocabulary: vocabulary, seed: book.seed &+ 901)
    let decoded = trainers.map { $0.decode(sources: reverseProbe.map(\.source), targetLength: reverseTestLength) }
    let exact = decoded.map { alignmentRate($0.weights!) { t, length in length - 1 - t } }
    let near = decoded.map { alignmentRate($0.weights!, slack: 1) { t, length in length - 1 - t } }
    book.prose("""
    At length \(reverseTestLength), on \(testCount) fresh sequences, the one-directional model gets \
    \(fixed(scores[0].tokenAccuracy, 2)) of the tokens and \(fixed(scores[0].sequenceAccuracy, 2)) of the \
    sequences exactly right, the bidirectional one \(fixed(scores[1].tokenAccuracy, 2)) and \
    \(fixed(scores[1].sequenceAccuracy, 2)). Over 64 more, the largest weight of an output step falls exactly \
    on source position S + 1 − t in \(fixed(100 * exact[0], 1))% of the steps with the one-directional \
    encoder (within one position in \(fixed(100 * near[0], 1))%), and in \(fixed(100 * exact[1], 1))% with the \
    bidirectional one (\(fixed(100 * near[1], 1))% within one); attention-reverse.png shows the \
    bidirectional model's map.
    """)
    let threshold = settings.quick ? 0.5 : 0.95
    book.check("bidirectional reverse attention is exactly anti-diagonal", passed: exact[1] >= threshold,
               detail: "\(fixed(100 * exact[1], 1))% of steps peak on S+1−t (≥ \(Int(100 * threshold))%); "
                   + "\(fixed(100 * exact[0], 1))% one-directional")
    book.figure("attention-reverse.png", caption: "attention weights of the bidirectional reversing model on one "
                + "sequence of length \(reverseTestLength)") { path in
        let shown = outputMap(weights: decoded[1].weights!, row: 0, tokens: decoded[1].tokens[0], vocabulary: vocabulary)
        try attentionHeatmap(title: "Reversing (bidirectional encoder): attention weights", weights: shown.map,
                             rowLabels: shown.labels, columnLabels: vocabulary.decode(reverseProbe[0].source)).write(to: path)
    }
    return trainers
}
