// Section 4 of chapter 4: a sequence autoencoder whose only bottleneck is the encoder's final state.

import Datasets
import Models
import Notebook

/// The two models the chapter trains, and what they are trained on.
struct ChapterModels {
    let vocabulary: Vocabulary
    /// The lengths of the training sequences.
    let trainLengths: ClosedRange<Int>
    let configurations: [Seq2SeqConfiguration]
    /// One trainer per configuration, in the same order: the smaller bottleneck first.
    let trainers: [Seq2SeqTrainer]
}

/// Explains teacher forcing and greedy decoding, checks greedy decoding against re-reading its own
/// prefix, and builds two models that differ only in their hidden size.
func sequenceAutoencoderSection(_ book: Notebook) -> ChapterModels {
    book.section("A sequence autoencoder without attention")
    book.prose("""
    The encoder embeds the source tokens and runs an LSTM over them. Its outputs at each position are \
    thrown away; only the final state (h and c of every layer) is handed to the decoder. That state is \
    the bottleneck: a fixed number of values must hold a sequence of any length. The decoder is a second \
    LSTM with its own embedding and a linear layer that turns its hidden state into one score per \
    token. It starts from the encoder's final state and writes the sequence one token at a time.
    """)
    book.prose("""
    Training uses teacher forcing: at step t the decoder reads the true previous token y_{t−1} (a start \
    token s at the first step), not its own guess, so all steps of a batch can be scored at once and a \
    mistake early on does not derail the rest of the lesson. The loss is the mean cross-entropy of the \
    true tokens. At test time there is no true previous token: greedy decoding feeds back the most likely \
    token of each step. Here every output has the length of its target, so no end token is needed.
    """)
    book.formula("""
    decoder input   s, y₁, y₂, …, y_{T−1}
    target          y₁, y₂, y₃, …, y_T
    loss = −(1/T) Σₜ log softmax(W_out hₜ + b_out)[yₜ]
    """)
    let vocabulary = Vocabulary.numbered(20)
    let trainLengths = book.quick ? 3...6 : 3...10
    let hiddenSizes = book.quick ? [16, 64] : [32, 128]
    let configurations = hiddenSizes.map {
        Seq2SeqConfiguration(vocabularySize: vocabulary.count, embeddingSize: 32, hiddenSize: $0, usesAttention: false)
    }
    let trainers = configurations.enumerated().map { index, configuration in
        Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration, seed: book.seed &+ UInt64(index)),
                       learningRate: 3e-3, startToken: Vocabulary.start)
    }
    let probe = Array(SequenceTask.copy.generate(count: 3, lengths: 5...5, vocabulary: vocabulary, seed: book.seed).map(\.source))
    let greedy = trainers[0].decode(sources: probe, targetLength: 5).tokens
    let rereading = greedyDecodeByRereading(model: trainers[0].model, sources: probe, length: 5, startToken: Vocabulary.start)
    book.check("greedy decoding equals re-reading its own prefix", passed: greedy == rereading,
               detail: "\(greedy.count * 5) tokens")
    book.prose("""
    The vocabulary has 20 ordinary tokens plus padding, start and end (\(vocabulary.count) ids); the embedding \
    has 32 values. Two models differ only in the size of the bottleneck: hidden size \
    \(hiddenSizes[0]) and \(hiddenSizes[1]). Their parameters:
    """)
    for (configuration, trainer) in zip(configurations, trainers) {
        let rows = trainer.model.parameterTable.map { row in
            row.name.rightPadded(26) + "\(row.shape)".rightPadded(12)
                + String(row.count).leftPadded(8)
        }
        book.code((["hidden \(configuration.hiddenSize):"] + rows + ["total".rightPadded(38)
            + String(trainer.model.parameterCount).leftPadded(8)]).joined(separator: "\n"))
    }
    return ChapterModels(vocabulary: vocabulary, trainLengths: trainLengths, configurations: configurations,
                         trainers: trainers)
}
