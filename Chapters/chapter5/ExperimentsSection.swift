// Section 9 of chapter 5: two experiments on the dates: how often to teacher-force, and which attention score.

import Book
import Datasets
import Models
import Notebook
import Tensors

/// Trains date models that are teacher-forced half of the time and never, and models with Luong's dot
/// and general scores, on the batches the additive model saw; compares greedy accuracy and step times.
func experimentsSection(_ book: Notebook, _ settings: ExperimentSettings, additive: Seq2SeqTrainer,
                        training: DateBatches, test: DateBatches, configuration: Seq2SeqConfiguration, steps: Int) {
    book.section("Two experiments on the dates")
    guard !settings.quick else {
        book.prose("Each experiment trains two more date models; --quick leaves them out, the full chapter runs them.")
        return
    }
    let seed = book.seed &+ 40  // the date pair's seed: same initial weights, same batches
    func trainer(_ configuration: Seq2SeqConfiguration, ratio: Double = 1) -> Seq2SeqTrainer {
        Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration, seed: seed), learningRate: settings.learningRate,
                       startToken: Vocabulary.start, usesEndToken: true, teacherForcingRatio: ratio, seed: seed &+ 7)
    }
    book.subsection("Teacher forcing always, half of the time, never")
    book.prose("""
    Teacher forcing feeds the decoder the true previous token in training, but at test time it reads \
    its own. Trained that way, it never sees its own mistakes, and one wrong token at test time can put \
    it where it has never been (exposure bias, Bengio et al. 2015). Feeding it its own most likely \
    token at some steps instead shows it those states, at the price of lessons whose targets no longer \
    follow from what it read. The model with attention above was teacher-forced at every step; two \
    more, the same at the start, train on the same \(steps) batches with each decoder step \
    teacher-forced with probability 0.5, and with probability 0 (always reading their own guesses).
    """)
    let forced = [trainer(configuration, ratio: 0.5), trainer(configuration, ratio: 0)]
    trainPair(book: book, label: "dates, teacher-forced half of the time and never", trainers: forced,
              names: ("half", "never"), steps: steps, seed: seed) { generator in
        training.mixedBatch(size: settings.reverseAndDatesBatchSize, spread: settings.lengthSpread, generator: &generator)
    }
    let forcing = [additive, forced[0], forced[1]].map { test.accuracy($0) }
    book.code((["teacher forcing    tokens   exact"] + zip(["always", "half", "never"], forcing).map { name, score in
        name.rightPadded(17) + fixed(score.tokenAccuracy, 4).leftPadded(8) + fixed(score.sequenceAccuracy, 4).leftPadded(8)
    }).joined(separator: "\n"))
    let bestForcing = zip(["always", "half of the time", "never"], forcing).max { $0.1.sequenceAccuracy < $1.1.sequenceAccuracy }!
    book.prose("""
    Greedy decoding of the \(forcing[0].sequences) held-out dates: the model teacher-forced \(bestForcing.0) \
    is the most often exactly right here (\(fixed(100 * bestForcing.1.sequenceAccuracy, 1))%). \
    \(bestForcing.0 == "always"
        ? "Reading its own guesses early in training, while they are still mostly wrong, a model learns from inputs that carry little about where it is in the date; teacher forcing gives it clean lessons, and attention over the source lets it find its place again at test time."
        : "Reading its own guesses in training taught it to carry on after its own mistakes, which at test time is what it must do.")
    """)
    book.subsection("Luong's dot and general scores against Bahdanau's additive score")
    book.prose("""
    Luong, Pham and Manning (2015) score a key k against the query q by q·k ("dot") or qᵀWk ("general") \
    instead of vᵀ tanh(Wq + Uk). Here only the score changes: the query is still the decoder's previous \
    state and the context enters the LSTM and the output layer as before (Luong et al. also query with \
    the new state and combine differently; that is not what is compared). Both train on the same \
    batches from the same start as the additive model.
    """)
    let luong = [trainer(configuration.withAttentionScore(.dot)), trainer(configuration.withAttentionScore(.general))]
    trainPair(book: book, label: "dates, Luong's dot and general scores", trainers: luong,
              names: ("dot", "general"), steps: steps, seed: seed) { generator in
        training.mixedBatch(size: settings.reverseAndDatesBatchSize, spread: settings.lengthSpread, generator: &generator)
    }
    let scored = [additive, luong[0], luong[1]].map { test.accuracy($0) }
    book.code((["score              tokens   exact"] + zip(["additive", "dot", "general"], scored).map { name, score in
        name.rightPadded(17) + fixed(score.tokenAccuracy, 4).leftPadded(8) + fixed(score.sequenceAccuracy, 4).leftPadded(8)
    }).joined(separator: "\n"))
    // Time per training step of each, on one batch, against the same model without attention.
    var generator = SeededGenerator(seed: seed &+ 99)
    let batch = training.mixedBatch(size: settings.reverseAndDatesBatchSize, spread: settings.lengthSpread, generator: &generator)
    let kinds: [(String, Seq2SeqConfiguration)] = [("none", configuration.withAttention(false)), ("additive", configuration),
                                                  ("dot", configuration.withAttentionScore(.dot)),
                                                  ("general", configuration.withAttentionScore(.general))]
    let stepSeconds = kinds.map { _, c in
        let fresh = trainer(c)
        return Timing.medianSeconds(repetitions: settings.quick ? 1 : 5) { fresh.step(sources: batch.sources, targets: batch.targets) }
    }
    book.prose("""
    The time of one training step of each (batch \(settings.reverseAndDatesBatchSize), forward and backward), as a \
    ratio to the same model without attention, is measured in this run and printed with its timings, \
    not here: it differs from run to run. What the ratio reflects: each decoder step adds the scores \
    of every source position, a softmax and a weighted sum; the additive score needs a tanh over a \
    hidden-sized vector per position, the dot score a dot product, and the general score one as well \
    after projecting the keys once per sequence.
    """)
    book.timing("time per training step on dates, relative to no attention: "
                + zip(kinds, stepSeconds).map { "\($0.0) \(fixed($1 / stepSeconds[0], 2))×" }.joined(separator: ", ")
                + " (no attention: \(fixed(1000 * stepSeconds[0], 1)) ms)")
}
