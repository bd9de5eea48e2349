// What chapter 7's experiments share: the run's mode, the vocabulary, both models' sizes and the training settings.

import Datasets
import Models

/// The settings every experiment of the chapter uses.
struct ExperimentSettings {
    /// Small sizes and few steps (--quick).
    let quick: Bool
    /// The token vocabulary of the copy and reverse tasks: chapter 5's.
    let vocabulary = Vocabulary.numbered(20)
    /// Sequences per batch: 32, half of chapter 5's, to fit the chapter's time budget.
    let batchSize = 32
    /// A batch's lengths span at most this many more than its shortest (bucketing by length, as in chapter 5).
    let lengthSpread = 4
    /// Adam's learning rate for the Transformer and for the LSTM (chapter 5's).
    var transformerLearningRate: Double { quick ? 6e-3 : 5e-3 }
    let lstmLearningRate = 3e-3
    /// Test sequences per length.
    var testCount: Int { quick ? 32 : 100 }

    /// The chapter's Transformer for a vocabulary of `size` tokens: d_model 64, 4 heads, feed-forward 128,
    /// one encoder and one decoder layer (two of each would not train within the chapter's time budget
    /// on two shared cores); with --quick d_model 32, 2 heads, feed-forward 64.
    func transformer(vocabularySize size: Int) -> TransformerConfiguration {
        quick ? TransformerConfiguration(vocabularySize: size, modelSize: 32, headCount: 2, encoderLayerCount: 1,
                                         decoderLayerCount: 1, feedForwardSize: 64)
            : TransformerConfiguration(vocabularySize: size, encoderLayerCount: 1, decoderLayerCount: 1)
    }

    /// Chapter 5's LSTM with additive attention for a vocabulary of `size` tokens: embedding 32, hidden 64, 1 layer.
    func lstm(vocabularySize size: Int) -> Seq2SeqConfiguration {
        Seq2SeqConfiguration(vocabularySize: size, embeddingSize: 32, hiddenSize: 64)
    }
}
