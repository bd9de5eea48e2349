// Section 7 of chapter 7: the time of a step against sequence length, beside the counted work.

import Book
import Foundation
import Datasets
import Models
import Notebook
import Plotting
import Tensors

/// Counts both models' multiply–adds and sequential steps against length and draws them
/// (work-vs-length.png); times a forward pass and a training step of each at the same lengths, draws
/// the times with their fitted slopes (time-vs-length.png, a measured figure) and prints them, their
/// slopes and which model was faster to the run's timings.
func timeSection(_ book: Notebook, _ settings: ExperimentSettings) {
    book.section("Time against length")
    let lengths = settings.quick ? [8, 16, 32] : [8, 16, 32, 64, 128, 256]
    let batch = 8
    let vocabulary = settings.vocabulary
    let transformerConfiguration = settings.transformer(vocabularySize: vocabulary.count)
    let lstmConfiguration = settings.lstm(vocabularySize: vocabulary.count)
    book.prose("""
    The two models do their work in different shapes. The LSTM reads the source one token after another \
    and writes one token after another: S + T steps, each waiting for the last, each a handful of small \
    matrix products on [batch, hidden] vectors. The Transformer, trained with teacher forcing, has no \
    step that waits for an earlier position: each layer handles every position at once with a few large \
    products, but its attention compares every position with every other, T² work per head and layer. \
    (Chapter 5's decoder attends too: its additive scores cost S·hidden per output step, so its work has a \
    T² term as well, but a small one.)
    """)
    let costs = lengths.map { t in
        (transformerConfiguration.forwardCost(sourceLength: t, targetLength: t + 1),
         lstmConfiguration.forwardCost(sourceLength: t, targetLength: t + 1))
    }
    let logLengths = lengths.map { Foundation.log(Double($0)) }
    func slope(_ values: [Double], from start: Int = 0) -> Double {
        leastSquaresLine(x: Array(logLengths[start..<(start + values.count)]), y: values.map { Foundation.log($0) }).slope
    }
    let work = [costs.map { Double(batch * $0.0.multiplyAdds) }, costs.map { Double(batch * $0.1.multiplyAdds) }]
    let sequential = [costs.map { Double($0.0.sequentialSteps) }, costs.map { Double($0.1.sequentialSteps) }]
    let last = lengths.count - 1
    book.code((["length T    " + lengths.map { String($0).leftPadded(9) }.joined()]
        + zip(["Transformer", "LSTM"], work).map { name, row in
            name.rightPadded(12) + row.map { scientific($0).leftPadded(9) }.joined()
        }).joined(separator: "\n"))
    book.prose("""
    Multiply–adds of one forward pass on a batch of \(batch) copies of length T (source T, decoder T + 1 \
    steps), counted from the matrix products (see ForwardCost in the models library). Fitted on log–log axes \
    over these lengths, the Transformer's count grows with slope \(fixed(slope(work[0]), 2)) (from \
    \(fixed(slope(Array(work[0].prefix(2))), 2)) between the two shortest lengths to \
    \(fixed(slope(Array(work[0].suffix(2)), from: lengths.count - 2), 2)) between the two longest, as the T² of attention takes over \
    from the T of the projections), the LSTM's with slope \(fixed(slope(work[1]), 2)). The LSTM runs \
    \(Int(sequential[1][last])) steps one after another at T = \(lengths[last]); the Transformer \
    \(Int(sequential[0][last])) layers, whatever T is (work-vs-length.png).
    """)
    book.figure("work-vs-length.png", caption: "multiply–adds of one forward pass and steps that must run in order, "
                + "against length (batch \(batch))") { path in
        let x = lengths.map(Double.init)
        var left = LineChart(title: "Work of one forward pass", xLabel: "sequence length T", yLabel: "multiply–adds",
                             xScale: .log, yScale: .log)
        left.add(series: "Transformer (slope \(fixed(slope(work[0]), 2)))", x: x, y: work[0], marker: .circle)
        left.add(series: "LSTM with attention (slope \(fixed(slope(work[1]), 2)))", x: x, y: work[1], marker: .square)
        var right = LineChart(title: "Steps that run one after another", xLabel: "sequence length T",
                              yLabel: "sequential steps", xScale: .log, yScale: .log)
        right.add(series: "Transformer (its layers)", x: x, y: sequential[0], marker: .circle)
        right.add(series: "LSTM with attention (source + output steps)", x: x, y: sequential[1], marker: .square)
        try PanelGrid(title: "Work against length: what each model must compute", rows: [[left, right]]).write(to: path)
    }

    // Measured times: to the timings and a measured figure, never to the transcript (they differ from run to run).
    let repetitions = 1
    let transformer = TransformerTrainer(model: TransformerAutoencoder<Float>(transformerConfiguration, seed: book.seed &+ 90),
                                         learningRate: settings.transformerLearningRate)
    let lstm = Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(lstmConfiguration, seed: book.seed &+ 90),
                              learningRate: settings.lstmLearningRate, startToken: Vocabulary.start, usesEndToken: true)
    var forward: [[Double]] = [[], []], step: [[Double]] = [[], []]
    for t in lengths {
        let pairs = SequenceTask.copy.generate(count: batch, lengths: t...t, vocabulary: vocabulary, seed: book.seed &+ UInt64(t))
        let (sources, targets) = (pairs.map(\.source), pairs.map(\.target))
        let padded = TeacherForcingBatch(pairs)
        forward[0].append(Timing.medianSeconds(repetitions: repetitions) {
            GradientRecording.withoutGradients { _ = transformer.model.loss(padded) }
        })
        forward[1].append(Timing.medianSeconds(repetitions: repetitions) {
            GradientRecording.withoutGradients { _ = lstm.model.loss(padded) }
        })
        step[0].append(Timing.medianSeconds(repetitions: repetitions) { transformer.step(sources: sources, targets: targets) })
        step[1].append(Timing.medianSeconds(repetitions: repetitions) { lstm.step(sources: sources, targets: targets) })
    }
    book.prose("""
    Work is not time. Each of the LSTM's steps is a few products too small to keep a core busy, plus the \
    bookkeeping of every operation, and none can start before the last has ended; the Transformer's \
    products are few and large enough for the fast kernels, until its T² attention dominates. Which is \
    faster at a given length therefore depends on the machine. The run times a forward pass and a training \
    step (forward, backward, update) of each at every length above, batch \(batch), draws them on log–log \
    axes with their fitted slopes (time-vs-length.png), and prints the times, their slopes and the faster \
    model at each length to its timings, since times differ from run to run and this transcript must not. \
    Where the two curves cross is where, on the machine that ran the chapter, the Transformer's few large \
    products start to beat the LSTM's many small sequential ones.
    """)
    book.measuredFigure("time-vs-length.png", caption: "time of a forward pass and of a training step against length, "
                        + "both models, batch \(batch), log–log axes with fitted slopes") { path in
        let x = lengths.map(Double.init)
        let charts = [("A forward pass", forward), ("A training step", step)].map { title, times in
            var chart = LineChart(title: title, xLabel: "sequence length T", yLabel: "milliseconds", xScale: .log, yScale: .log)
            chart.add(series: "Transformer (slope \(fixed(slope(times[0]), 2)))", x: x, y: times[0].map { 1000 * $0 },
                      marker: .circle)
            chart.add(series: "LSTM with attention (slope \(fixed(slope(times[1]), 2)))", x: x, y: times[1].map { 1000 * $0 },
                      marker: .square)
            return chart
        }
        try PanelGrid(title: "Time against length, measured in this run", rows: [charts]).write(to: path)
    }
    func milliseconds(_ row: [Double]) -> String { row.map { fixed(1000 * $0, 1) }.joined(separator: ", ") }
    for (what, times) in [("forward pass", forward), ("training step", step)] {
        let faster = lengths.indices.map { "T=\(lengths[$0]) \(times[0][$0] < times[1][$0] ? "Transformer" : "LSTM")" }
        book.timing("""
        \(what), batch \(batch), T = \(lengths.map(String.init).joined(separator: ", ")): Transformer \
        \(milliseconds(times[0])) ms (slope \(fixed(slope(times[0]), 2))), LSTM \(milliseconds(times[1])) ms \
        (slope \(fixed(slope(times[1]), 2))); faster: \(faster.joined(separator: ", "))
        """)
    }
}
