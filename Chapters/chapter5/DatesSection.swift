// Section 6 of chapter 5: rewriting dates written many ways into one form.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// Trains the pair on the dates task, measures exact and character accuracy, and draws attention-dates.png.
/// Returns the pair and the training and test dates.
func datesSection(_ book: Notebook, _ settings: ExperimentSettings) throws
    -> (pair: ModelPair, training: DateBatches, test: DateBatches, configuration: Seq2SeqConfiguration, steps: Int) {
    let (batchSize, learningRate) = (settings.reverseAndDatesBatchSize, settings.learningRate)
    let article = Seq2SeqConfiguration.article
    let (e, h) = (article.embeddingSize, article.hiddenSize)
    book.section("Rewriting dates")
    let dateSteps = settings.full ? 20_000 : settings.quick ? 200 : 400
    let dateConfiguration = settings.full ? Seq2SeqConfiguration(vocabularySize: DateRewriting.vocabulary.count, embeddingSize: e,
                                                        hiddenSize: h, layerCount: article.layerCount, dropout: article.dropout)
        : Seq2SeqConfiguration(vocabularySize: DateRewriting.vocabulary.count, embeddingSize: 32, hiddenSize: 64)
    let dateTraining = try DateBatches(count: settings.quick ? 2_000 : 20_000, seed: book.seed &+ 30)
    let dateTest = try DateBatches(count: settings.quick ? 100 : 1_000, seed: book.seed &+ 31)
    let example = DateRewriting.generate(count: 3, seed: book.seed &+ 32)
    book.prose("""
    A task closer to translation: a date written one of \(DateFormat.sources.count) ways ("\(example[0].source)", \
    "\(example[1].source)", "\(example[2].source)") must be rewritten as YYYY-MM-DD. Source and target are \
    characters from a vocabulary of \(DateRewriting.vocabulary.count) ids; the sources have \
    \(dateTraining.byLength.keys.min()!) to \(dateTraining.byLength.keys.max()!) characters, the targets always 10 \
    and the end token. Each batch of \(batchSize) mixes source lengths, padded. Both models train for \(dateSteps) steps.
    """)
    let dates = ModelPair.train(book: book, label: "dates, with and without attention", configuration: dateConfiguration,
                                steps: dateSteps, seed: book.seed &+ 40, learningRate: learningRate,
                                usesEndToken: true) { generator in
        dateTraining.mixedBatch(size: batchSize, spread: settings.lengthSpread, generator: &generator)
    }
    let dateAccuracy = dates.both.map { dateTest.accuracy($0) }
    book.prose("""
    On \(dateAccuracy[0].sequences) held-out dates, the model with attention writes \
    \(fixed(100 * dateAccuracy[0].sequenceAccuracy, 1))% of them exactly right \
    (\(fixed(100 * dateAccuracy[0].tokenAccuracy, 1))% of characters); without attention, \
    \(fixed(100 * dateAccuracy[1].sequenceAccuracy, 1))% (\(fixed(100 * dateAccuracy[1].tokenAccuracy, 1))% \
    of characters). The attention map (attention-dates.png, spaces shown as _) is no longer a line: an \
    output character looks at the part of the source that decides it, wherever the format put it, while \
    the dashes, the same in every answer, need no source position and spread their weight thin.
    """)
    let dateProbePairs = dateTest.byLength[dateTest.byLength.keys.max()!]!
    let (dateOutput, dateWeights) = dates.withAttention.decode(sources: [dateProbePairs[0].source], targetLength: 12)
    book.figure("attention-dates.png", caption: "attention weights while rewriting one date") { path in
        let shown = outputMap(weights: dateWeights!, row: 0, tokens: dateOutput[0], vocabulary: DateRewriting.vocabulary)
        try attentionHeatmap(title: "Rewriting a date: attention weights", weights: shown.map,
                             rowLabels: shown.labels,
                             columnLabels: DateRewriting.vocabulary.decode(dateProbePairs[0].source).map { $0 == " " ? "_" : $0 })
            .write(to: path)
    }
    book.check("attention helps on dates", passed: dateAccuracy[0].tokenAccuracy > dateAccuracy[1].tokenAccuracy,
               detail: "\(fixed(dateAccuracy[0].tokenAccuracy, 3)) > \(fixed(dateAccuracy[1].tokenAccuracy, 3)) character accuracy")
    return (dates, dateTraining, dateTest, dateConfiguration, dateSteps)
}
