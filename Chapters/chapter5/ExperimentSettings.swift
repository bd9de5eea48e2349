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
    let batchSize = 64
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
