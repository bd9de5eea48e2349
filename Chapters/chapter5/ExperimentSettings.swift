// What chapter 5's experiments share: the run's mode, the vocabulary, the model size and the training settings.

import Datasets
import Models

/// The settings every experiment of the chapter uses.
struct ExperimentSettings {
    /// Small sizes and few steps (--quick).
    let quick: Bool
    /// The article's sizes and long training (--full).
    let full: Bool
    /// The token vocabulary of the copy and reverse tasks.
    let vocabulary: Vocabulary
    /// The model trained on copying and reversing.
    let copyConfiguration: Seq2SeqConfiguration
    /// Sequences per training batch of the copy task.
    let batchSize = 64
    /// Sequences per batch of the reverse and date tasks. --quick halves it, which halves a step's work; the
    /// copy models keep 64, since with 32 the model without attention learns too little in --quick's steps
    /// for its accuracy to fall measurably with length.
    var reverseAndDatesBatchSize: Int { quick ? 32 : batchSize }
    /// With --quick, the gradient checks compare this many random entries of each parameter tensor.
    var checkedElements: Int? { quick ? 12 : nil }
    /// A batch's lengths span at most this many more than its shortest (bucketing by length).
    let lengthSpread = 4
    let learningRate = 3e-3
    /// Test sequences per length.
    var testCount: Int { quick ? 32 : 100 }

    init(quick: Bool, full: Bool) {
        self.quick = quick
        self.full = full
        let article = Seq2SeqConfiguration.article
        vocabulary = full ? Vocabulary.numbered(article.vocabularySize - Vocabulary.specialCount) : Vocabulary.numbered(20)
        let small = Seq2SeqConfiguration(vocabularySize: vocabulary.count, embeddingSize: 32, hiddenSize: 64)
        copyConfiguration = full ? article : small
    }
}
