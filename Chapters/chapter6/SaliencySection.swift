// Section 5 of chapter 6: do the attention weights explain the date model's outputs?

import Book
import Datasets
import Models
import Notebook
import Plotting
import Tensors

/// Trains a date model with attention, compares each output step's attention with a gradient saliency,
/// checks the saliency's gradient and draws saliency-vs-attention.png.
func saliencySection(_ book: Notebook, quick: Bool) throws {
    book.section("Does attention explain?")
    let configuration = Seq2SeqConfiguration(vocabularySize: DateRewriting.vocabulary.count, embeddingSize: 32, hiddenSize: 64)
    let (steps, batchSize) = quick ? (100, 32) : (300, 64)
    let training = try DateBatches(count: quick ? 2_000 : 20_000, seed: book.seed &+ 1200)
    let test = try DateBatches(count: quick ? 100 : 500, seed: book.seed &+ 1201)
    book.prose("""
        An attention map is often read as an explanation: the output looked at these source tokens, so these \
        are what it was computed from. Jain and Wallace (2019) argued against that reading: attention weights \
        often agree poorly with other measures of importance, and quite different weights can give the same \
        output. Wiegreffe and Pinter (2019) answered that whether weights "explain" depends on what one asks of \
        them, and that a model with other weights is not the same model. Here is one measurement on chapter 5's \
        task. A date model with attention (embedding 32, hidden 64, additive attention) is trained for \
        \(steps) steps on padded batches of \(batchSize) dates. For every output character yₜ of its greedy answer, we \
        compare two maps over the source characters: its attention weights αₜⱼ, and the gradient saliency \
        sₜⱼ = ‖∂ log p(yₜ | y₍<t₎, x) / ∂eⱼ‖, the length of the gradient of that character's log-probability with \
        respect to the embedding eⱼ of source character j, normalised to sum to 1 over j.
        """)
    let trainer = Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration, seed: book.seed &+ 1202),
                                 learningRate: 3e-3, startToken: Vocabulary.start, usesEndToken: true)
    var generator = SeededGenerator(seed: book.seed &+ 1203)
    let progress = book.progress("date model with attention", total: steps)
    for step in 1...steps {
        let batch = training.mixedBatch(size: batchSize, spread: 4, generator: &generator)
        trainer.step(sources: batch.sources, targets: batch.targets)
        if step % 10 == 0 || step == steps { progress.update(step: step, loss: trainer.losses.last) }
    }
    let probes = Array(test.pairs.prefix(quick ? 6 : 40))
    let accuracy = trainer.accuracy(sources: probes.map(\.source), targets: probes.map(\.target))
    progress.finish(accuracy: accuracy.tokenAccuracy)

    // Both maps of every probe date, along the model's own greedy output.
    let model = trainer.model
    var correlations: [[Double]] = [], topAgreement = 0, stepsCompared = 0, worstAttentionRow = 0.0, worstSaliencyRow = 0.0
    var shown: (source: [Int], output: [Int], maps: SaliencyAndAttention)? = nil, shownIsRight = false
    for probe in probes {
        let output = Array(trainer.decode(sources: [probe.source], targetLength: 12).tokens[0].prefix(10))
        guard output.count >= 2 else { continue }
        let maps = model.saliencyAndAttention(source: probe.source, target: output, startToken: Vocabulary.start)
        correlations.append(zip(maps.saliency, maps.attention).map { spearmanRankCorrelation($0, $1) })
        for (s, a) in zip(maps.saliency, maps.attention) {
            stepsCompared += 1
            if s.indices.max(by: { s[$0] < s[$1] }) == a.indices.max(by: { a[$0] < a[$1] }) { topAgreement += 1 }
            worstAttentionRow = max(worstAttentionRow, abs(a.reduce(0, +) - 1))
            worstSaliencyRow = max(worstSaliencyRow, abs(s.reduce(0, +) - 1))
        }
        // The figure shows the first date the model gets exactly right (or, failing that, the first of full length).
        if output == Array(probe.target.prefix(10)) && !shownIsRight {
            (shown, shownIsRight) = ((probe.source, output, maps), true)
        } else if shown == nil && output.count == 10 {
            shown = (probe.source, output, maps)
        }
    }
    book.check("every attention row and every saliency row sums to 1", measured: max(worstAttentionRow, worstSaliencyRow),
               tolerance: 1e-5)

    // The saliency's gradient, in Float64, against central differences.
    let example = shown ?? (probes[0].source, [Int](probes[0].target.prefix(10)), model.saliencyAndAttention(
        source: probes[0].source, target: Array(probes[0].target.prefix(10)), startToken: Vocabulary.start))
    let double = Seq2SeqAutoencoder<Double>(configuration, seed: 0)
    for (target, source) in zip(double.parameters, model.parameters) { target.assign(source.converted(to: Double.self).scalars) }
    double.setTraining(false)
    let embeddings = GradientRecording.withoutGradients {
        double.encoder.embedding(example.source, shape: [1, example.source.count])
    }                                                                                                  // [1, source, e]
    // The last four source characters vary (the rest held fixed), so each probe of the check is cheap.
    let cut = max(0, example.source.count - 4)
    let fixedPart = embeddings.slice(alongAxis: 1, 0..<cut), varied = embeddings.slice(alongAxis: 1, cut..<example.source.count)
    let report = GradientChecker.check([varied], step: 1e-4) { v in
        double.targetLogProbabilities(sourceEmbeddings: Tensor.concatenate([fixedPart, v[0]], alongAxis: 1),
                                      target: example.output, startToken: Vocabulary.start).logProbabilities
    }
    book.check("∂ log p(yₜ)/∂eⱼ = central differences (Float64, step 10⁻⁴, the last 4 source characters' "
               + "\(report.comparedCount) embedding numbers, every output step)", measured: report.maxRelativeError, tolerance: 1e-6)
    book.prose("""
        The central differences use a step of 10⁻⁴, not the 10⁻⁵ of the VAE's check: each log-probability comes \
        out of two LSTMs and an attention layer, and its rounding error, divided by the step, is what limits the \
        comparison here (chapter 1's trade-off between truncation and rounding). With 10⁻⁵ the worst relative \
        error over seeds 1–20 of --quick was 7.5·10⁻⁷; with 10⁻⁴, over the same seeds, at most 6.2·10⁻⁸.
        """)

    // Rank correlation by output position, over the probe dates.
    let vocabulary = DateRewriting.vocabulary
    let byPosition = (0..<10).map { t in correlations.compactMap { t < $0.count && !$0[t].isNaN ? $0[t] : nil } }
    let meanByPosition = byPosition.map { $0.isEmpty ? Double.nan : $0.reduce(0, +) / Double($0.count) }
    let allValues = byPosition.flatMap { $0 }
    let overall = allValues.reduce(0, +) / Double(max(allValues.count, 1))
    book.prose("""
        The model writes \(percent(accuracy.tokenAccuracy)) of the characters of \(probes.count) held-out dates right \
        (\(percent(accuracy.sequenceAccuracy)) of the dates exactly). Over their \(stepsCompared) output steps, Spearman's \
        rank correlation between the two maps (1 for the same order of the source characters, 0 for no \
        relation) averages \(fixed(overall, 2)), and the two maps put their largest value \
        on the same source character in \(percent(Double(topAgreement) / Double(max(stepsCompared, 1)))) of the steps. \
        By output position (Y Y Y Y - M M - D D):
        """)
    let names = ["Y₁", "Y₂", "Y₃", "Y₄", "-", "M₁", "M₂", "-", "D₁", "D₂"]
    book.list(zip(names, meanByPosition).map { "\($0): mean ρ = \($1.isNaN ? "—" : fixed($1, 2))" })
    if let lowest = meanByPosition.indices.filter({ !meanByPosition[$0].isNaN }).min(by: { meanByPosition[$0] < meanByPosition[$1] }) {
        book.prose("""
            The lowest agreement is at position \(lowest + 1) (\(names[lowest])), mean ρ = \(fixed(meanByPosition[lowest], 2)). \
            \(names[lowest] == "-" ? "A dash is the same in every answer and needs nothing from the source: both maps are spread thin there, and the order of small values is mostly noise." : "")
            """)
    }

    let outputLabels = example.output.map { vocabulary.symbol(for: $0) }
    let sourceLabels = vocabulary.decode(example.source).map { $0 == " " ? "_" : $0 }
    let exampleCorrelations = zip(example.maps.saliency, example.maps.attention).map { spearmanRankCorrelation($0, $1) }
    let disagreeing = exampleCorrelations.indices.filter { !(exampleCorrelations[$0] >= 0.3) }
    book.prose("""
        Figure saliency-vs-attention.png shows both maps for "\(sourceLabels.joined())" → \
        "\(outputLabels.joined())" (\(shownIsRight ? "the right answer" : "not the right answer, the model's own"))\
        , on the same axes and colour scale. Per output step, ρ = \
        \(zip(outputLabels, exampleCorrelations).map { "\($0) \(fixed($1, 2))" }.joined(separator: ", ")). \
        \(disagreeing.isEmpty ? "No step has ρ below 0.3." : "The maps disagree (ρ < 0.3) at step\(disagreeing.count == 1 ? "" : "s") " + disagreeing.map { "\($0 + 1) (\(outputLabels[$0]))" }.joined(separator: ", ") + ".")
        """)
    book.figure("saliency-vs-attention.png", caption: "gradient saliency (left) and attention weights (right) of one "
                + "date, each row normalised to sum to 1") { path in
        let saliency = Tensor<Float>(shape: [example.output.count, example.source.count],
                                     scalars: example.maps.saliency.flatMap { $0.map(Float.init) })
        let attention = Tensor<Float>(shape: [example.output.count, example.source.count],
                                      scalars: example.maps.attention.flatMap { $0.map(Float.init) })
        // One colour scale for both maps: 0 to the largest value of either.
        let top = Double(max(saliency.max().scalar, attention.max().scalar))
        func panel(_ title: String, _ map: Tensor<Float>) -> Heatmap {
            Heatmap(title: title, values: rows(of: map).map { $0.map(Double.init) }, rowLabels: outputLabels, columnLabels: sourceLabels,
                    xLabel: "source character", yLabel: "output character (greedy)", colorMap: .viridis, annotate: false, range: 0...top)
        }
        try FigureRow([
            panel("Gradient saliency (each row sums to 1)", saliency),
            panel("Attention weights (each row sums to 1)", attention),
        ]).write(to: path)
    }
    book.prose("""
        What this can tell: where the two maps agree, the characters the decoder reads through attention are also \
        the ones a small change in the input would most change its answer with, so the map is a fair first guess at \
        what the output depends on. What it cannot tell: the gradient is a local, first-order measure (a token can \
        matter a lot and still have a small gradient where the model is saturated), the encoder's LSTM mixes every \
        character into every position's key and value before attention reads them, so a weight on position j is a \
        weight on a summary of its neighbourhood, and agreement between two heuristics is not proof that either \
        is faithful: that needs interventions, such as changing the source characters and watching the output.
        """)
}
