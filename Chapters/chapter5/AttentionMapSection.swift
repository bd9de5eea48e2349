// Section 5 of chapter 5: where the copy model's attention looks.

import Book
import Datasets
import Models
import Notebook
import Plotting

/// Measures how often the copy model's attention peaks on the aligned position, and draws attention-copy.png.
func attentionMapSection(_ book: Notebook, _ settings: ExperimentSettings, copy: ModelPair) {
    let vocabulary = settings.vocabulary
    book.section("Where attention looks")
    let mapLength = settings.quick ? 8 : 12
    let copyProbe = SequenceTask.copy.generate(count: 64, lengths: mapLength...mapLength, vocabulary: vocabulary, seed: book.seed &+ 900)
    let (copyOutput, copyWeights) = copy.withAttention.decode(sources: copyProbe.map { $0.source }, targetLength: mapLength)
    let diagonal = alignmentRate(copyWeights!) { t, _ in t }
    book.prose("""
    Every step of the decoder leaves a row of weights over the source. For copying, output t should read \
    source position t: the map should be a diagonal. Over 64 fresh sequences of length \(mapLength), the \
    largest weight of an output step falls on the aligned source position in \
    \(fixed(100 * diagonal, 1))% of the steps. The model was never told to align anything; \
    it found that looking at position t is the cheapest way to write token t.
    """)
    book.check("attention rows sum to one (copy model)", measured: rowSumError(copyWeights!), tolerance: 1e-5)
    book.check("copy attention is diagonal", passed: diagonal >= (settings.quick ? 0.5 : 0.95),
               detail: "\(fixed(100 * diagonal, 1))% of steps peak on position t (≥ \(settings.quick ? 50 : 95)%)")
    book.figure("attention-copy.png", caption: "attention weights of the copy model on one sequence of length \(mapLength)") { path in
        let shown = outputMap(weights: copyWeights!, row: 0, tokens: copyOutput[0], vocabulary: vocabulary)
        try attentionHeatmap(title: "Copying: attention weights", weights: shown.map,
                             rowLabels: shown.labels, columnLabels: vocabulary.decode(copyProbe[0].source)).write(to: path)
    }
}
