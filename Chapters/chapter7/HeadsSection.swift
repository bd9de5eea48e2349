// Section 8 of chapter 7: what the heads of the trained Transformers look at.

import Book
import Datasets
import Foundation
import Models
import Notebook
import Plotting
import Tensors

/// The attention weights of one Transformer on a batch of pairs under teacher forcing.
func attentionPass(_ trainer: TransformerTrainer, pairs: [SequencePair]) -> TransformerAutoencoder<Float>.Pass {
    let batch = TeacherForcingBatch(pairs)
    trainer.model.setTraining(false)
    defer { trainer.model.setTraining(true) }
    return GradientRecording.withoutGradients { trainer.model.pass(source: batch.source, decoderInput: batch.decoderInput) }
}

/// Draws attention-heads.png (every head of every layer, encoder and cross-attention, on one reversing
/// and one date example) and measures how far from its own position (or from the aligned source
/// position) each head looks.
func headsSection(_ book: Notebook, _ settings: ExperimentSettings, reverse: [any SequenceModelTrainer],
                  dates: [any SequenceModelTrainer]) {
    book.section("What the heads look at")
    let reverser = reverse[0] as! TransformerTrainer, dater = dates[0] as! TransformerTrainer
    let heads = reverser.model.configuration.headCount, layers = reverser.model.configuration.encoderLayerCount
    let length = settings.quick ? 6 : 10
    let reverseProbe = SequenceTask.reverse.generate(count: 64, lengths: length...length, vocabulary: settings.vocabulary,
                                                     seed: book.seed &+ 910)
    let datePairs = try! DateRewriting.encode(DateRewriting.generate(count: 64, seed: book.seed &+ 911))
    let reversePass = attentionPass(reverser, pairs: reverseProbe)
    let datePass = attentionPass(dater, pairs: datePairs)
    book.prose("""
    Each of the \(heads) heads of each attention layer has its own weights, so it can learn its own way of \
    looking. Below, every head's weights on 64 fresh reversing sequences of length \(length) and 64 fresh \
    dates, with the true previous tokens fed to the decoder, are summed up by the mean distance between \
    where a head looks and a reference position, Σⱼ wₜⱼ |j − t*|, averaged over the real queries: for \
    encoder self-attention t* is the query's own position, for the reversing model's cross-attention the \
    source position S − 1 − t whose token output t must write. A head with mean distance near 0 looks at \
    one place; a large one looks far away or spreads out (the entropy of its weights, in nats, tells which).
    """)
    let sourceLengths = (reverseProbe.map(\.source.count), datePairs.map(\.source.count))
    let targetLengths = (reverseProbe.map { $0.target.count + 1 }, datePairs.map { $0.target.count + 1 })
    var table = ["model, attention, layer   " + (1...heads).map { "head \($0)".leftPadded(12) }.joined()]
    var encoderDistances: [[Double]] = [], crossDistances: [[Double]] = []
    for layer in 0..<layers {
        let distances = meanAttentionDistance(reversePass.encoderWeights[layer], queryLengths: sourceLengths.0,
                                              keyLengths: sourceLengths.0) { t, _ in t }
        let entropy = meanAttentionEntropy(reversePass.encoderWeights[layer], queryLengths: sourceLengths.0)
        encoderDistances.append(distances)
        table.append("reverse, encoder, \(layer + 1)".rightPadded(26)
                     + zip(distances, entropy).map { "\(fixed($0, 2)) (\(fixed($1, 2)))".leftPadded(12) }.joined())
    }
    for layer in 0..<layers {
        let distances = meanAttentionDistance(reversePass.crossWeights[layer], queryLengths: targetLengths.0,
                                              keyLengths: sourceLengths.0) { t, n in max(0, n - 1 - t) }
        let entropy = meanAttentionEntropy(reversePass.crossWeights[layer], queryLengths: targetLengths.0)
        crossDistances.append(distances)
        table.append("reverse, cross, \(layer + 1)".rightPadded(26)
                     + zip(distances, entropy).map { "\(fixed($0, 2)) (\(fixed($1, 2)))".leftPadded(12) }.joined())
    }
    for layer in 0..<layers {
        let distances = meanAttentionDistance(datePass.encoderWeights[layer], queryLengths: sourceLengths.1,
                                              keyLengths: sourceLengths.1) { t, _ in t }
        let entropy = meanAttentionEntropy(datePass.encoderWeights[layer], queryLengths: sourceLengths.1)
        table.append("dates, encoder, \(layer + 1)".rightPadded(26)
                     + zip(distances, entropy).map { "\(fixed($0, 2)) (\(fixed($1, 2)))".leftPadded(12) }.joined())
    }
    book.code(table.joined(separator: "\n"))
    let flatEncoder = encoderDistances.flatMap { $0 }, flatCross = crossDistances.flatMap { $0 }
    let nearest = flatEncoder.indices.min { flatEncoder[$0] < flatEncoder[$1] }!
    let farthest = flatEncoder.indices.max { flatEncoder[$0] < flatEncoder[$1] }!
    let aligned = flatCross.indices.min { flatCross[$0] < flatCross[$1] }!
    func name(_ index: Int) -> String { "layer \(index / heads + 1), head \(index % heads + 1)" }
    let evenEntropy = Foundation.log(Double(length))  // weights spread evenly over the S = length keys
    let encoderEntropy = (0..<layers).flatMap { meanAttentionEntropy(reversePass.encoderWeights[$0], queryLengths: sourceLengths.0) }
    let spreadOut = encoderEntropy.min()! > 0.8 * evenEntropy
    book.prose("""
    Mean distance (entropy in brackets). Weights spread evenly over the \(length) keys of a reversing \
    example would have entropy log \(length) = \(fixed(evenEntropy, 2)) nats\(spreadOut
        ? ", and every encoder head of the reversing model is close to that (\(fixed(encoderEntropy.min()!, 2)) at the least): its encoder mostly mixes the whole sequence, and the aligning is left to the cross-attention"
        : "; the reversing model's most focused encoder head gets down to \(fixed(encoderEntropy.min()!, 2))"). \
    Among the encoder heads, \(name(nearest)) stays closest to the query's own position \
    (\(fixed(flatEncoder[nearest], 2)) positions on average) and \(name(farthest)) looks farthest \
    (\(fixed(flatEncoder[farthest], 2))); the decoder's cross-attention head \
    that follows the reversal most closely is \(name(aligned)), \(fixed(flatCross[aligned], 2)) positions from \
    S − 1 − t on average. A head need not read the aligned token itself: the encoder may already have \
    moved that token's content to a neighbouring position, so a head reading there writes the same output. \
    attention-heads.png shows one example of each task, every head and layer.
    """)
    let within = settings.quick ? 1.5 : 1.0
    book.check("the reversing model has a cross-attention head that follows S − 1 − t (mean distance < \(fixed(within, 1)))",
               passed: flatCross[aligned] < within,
               detail: "mean distance \(fixed(flatCross[aligned], 2)) for \(name(aligned))")
    book.figure("attention-heads.png", caption: "attention weights of every head: encoder self-attention and decoder "
                + "cross-attention, for one reversing sequence and one date (teacher-forced)") { path in
        let reverseExample = reverseProbe[0], dateExample = datePairs[0]
        let sourceTokens = settings.vocabulary.decode(reverseExample.source)
        let outputTokens = settings.vocabulary.decode(reverseExample.target) + ["</s>"]
        let dateSource = DateRewriting.vocabulary.decode(dateExample.source).map { $0 == " " ? "_" : $0 }
        let dateOutput = DateRewriting.vocabulary.decode(dateExample.target) + ["</s>"]
        func panel(_ weights: Tensor<Float>, head: Int, rows: [String], columns: [String]) -> Heatmap {
            let map = weights.select(alongAxis: 0, index: 0).select(alongAxis: 0, index: head)  // [Tq, Tk]
                .slice(alongAxis: 0, 0..<rows.count).slice(alongAxis: 1, 0..<columns.count)
            var heatmap = attentionHeatmap(title: "head \(head + 1)", weights: map, rowLabels: rows, columnLabels: columns,
                                           xLabel: "", yLabel: "")
            heatmap.largestCellSize = 14
            return heatmap
        }
        var rows: [[any Figure]] = [], captions: [String] = []
        for (task, pass, source, output) in [("reversing", reversePass, sourceTokens, outputTokens),
                                             ("dates", datePass, dateSource, dateOutput)] {
            for layer in 0..<layers {
                rows.append((0..<heads).map { panel(pass.encoderWeights[layer], head: $0, rows: source, columns: source) })
                captions.append("\(task): encoder self-attention, layer \(layer + 1) (queries down, keys across)")
            }
            for layer in 0..<layers {
                rows.append((0..<heads).map { panel(pass.crossWeights[layer], head: $0, rows: output, columns: source) })
                captions.append("\(task): decoder cross-attention, layer \(layer + 1) (output tokens down, source across)")
            }
        }
        try PanelGrid(title: "What each head looks at", rows: rows, rowCaptions: captions).write(to: path)
    }
}
