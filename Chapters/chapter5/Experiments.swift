// Chapter 5's experiments: the same data for a model with attention and one without, trained side
// by side, and what is measured on them afterwards.
import Foundation
import Tensors
import Models
import Datasets
import Plotting
import Notebook

/// A pair of models, one with attention and one without, trained on the same batches.
struct ModelPair {
    let withAttention: Seq2SeqTrainer
    let withoutAttention: Seq2SeqTrainer
    let seconds: Double
    var both: [Seq2SeqTrainer] { [withAttention, withoutAttention] }
}

/// Trains both models for `steps` steps on batches from `makeBatch`, showing progress; the two
/// models run at the same time on two threads, a chunk of steps at a time. For the last
/// `coolDown` fraction of the steps the learning rate is cut to 30%, which settles the weights.
func trainPair(book: Notebook, label: String, configuration: Seq2SeqConfiguration, steps: Int, seed: UInt64,
               learningRate: Double, coolDown: Double = 0.3, makeBatch: (inout SeededGenerator) -> SequenceBatch) -> ModelPair {
    let trainers = [true, false].map { attention in
        Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration.withAttention(attention), seed: seed),
                       learningRate: learningRate, startToken: Vocabulary.start)
    }
    var generator = SeededGenerator(seed: seed &+ 1)
    // Ten steps at a time keeps the progress line moving even at the article's sizes; a chunk
    // never crosses the step where the learning rate is cut, so chunking changes no result.
    let chunk = 10, window = max(10, steps / 20)
    let coolDownStart = Int((1 - coolDown) * Double(steps))
    let progress = book.progress(label, total: steps)
    let started = Date()
    var done = 0
    while done < steps {
        if done >= coolDownStart {
            for trainer in trainers { trainer.optimizer.learningRate = 0.3 * learningRate }
        }
        let end = min(done + chunk, steps, done < coolDownStart ? coolDownStart : steps)
        let batches = (done..<end).map { _ in makeBatch(&generator) }
        Seq2SeqTrainer.trainConcurrently(trainers, on: [batches, batches])
        done = end
        progress.update(step: done, loss: trainers[0].losses.last)
    }
    let seconds = Date().timeIntervalSince(started)
    _ = progress.finish(note: String(format: "%.0f ms per step for both models; final loss %.3f with attention, "
                                         + "%.3f without", 1000 * seconds / Double(steps),
                                     trainers[0].smoothedLosses(window: window).last ?? 0,
                                     trainers[1].smoothedLosses(window: window).last ?? 0))
    return ModelPair(withAttention: trainers[0], withoutAttention: trainers[1], seconds: seconds)
}

/// A batch of `size` random sequences of one length drawn from `lengths`, for a sequence task.
func sequenceBatch(_ task: SequenceTask, lengths: ClosedRange<Int>, size: Int, vocabulary: Vocabulary,
                   generator: inout SeededGenerator) -> SequenceBatch {
    let length = generator.integer(in: lengths)
    let pairs = task.generate(count: size, lengths: length...length, vocabulary: vocabulary, seed: generator.next())
    return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
}

/// Greedy token accuracy at each length on `count` fresh sequences.
func accuracyByLength(_ trainer: Seq2SeqTrainer, task: SequenceTask, lengths: [Int], count: Int,
                      vocabulary: Vocabulary, seed: UInt64) -> [Double] {
    lengths.map { length in
        let test = task.generate(count: count, lengths: length...length, vocabulary: vocabulary, seed: seed &+ UInt64(length))
        return trainer.accuracy(sources: test.map(\.source), targets: test.map(\.target)).tokenAccuracy
    }
}

/// The fraction of output steps whose largest attention weight falls on `aligned(t, sourceLength)`
/// (or within `slack` positions of it), from weights [batch, outputTime, sourceTime].
func alignmentRate(_ weights: Tensor<Float>, slack: Int = 0, aligned: (Int, Int) -> Int) -> Double {
    let outputTime = weights.shape[1], sourceTime = weights.shape[2]
    let peaks = weights.argmax(alongAxis: 2)  // [batch · outputTime], flat
    let hits = peaks.indices.filter { abs(peaks[$0] - aligned($0 % outputTime, sourceTime)) <= slack }.count
    return Double(hits) / Double(peaks.count)
}

/// The largest |Σⱼ αₜⱼ − 1| over every row of weights [batch, outputTime, sourceTime].
func rowSumError(_ weights: Tensor<Float>) -> Double {
    Double((weights.sum(alongAxis: 2) - 1).absolute().max(alongAxis: 1).max(alongAxis: 0).scalar)
}

/// The attention map of one example as a heatmap: output tokens down, source tokens across.
func attentionHeatmap(title: String, weights: Tensor<Float>, example: Int, source: [String], output: [String]) -> Heatmap {
    let map = weights.select(alongAxis: 0, index: example)  // [outputTime, sourceTime]
    let columns = map.shape[1]
    let rows = (0..<map.shape[0]).map { t in Array(map.scalars[(t * columns)..<((t + 1) * columns)]) }
    return Heatmap(title: title, values: rows.map { $0.map(Double.init) }, rowLabels: output, columnLabels: source,
                   xLabel: "source token", yLabel: "output token (greedy)", colorMap: .viridis, range: 0...1)
}

/// The dates task: examples grouped by the length of their source, so a batch can hold one length.
struct DateBatches {
    let byLength: [Int: [SequencePair]]
    let lengths: [Int]   // one entry per example, so drawing from it weighs lengths by frequency

    init(count: Int, seed: UInt64) throws {
        let pairs = try DateRewriting.encode(DateRewriting.generate(count: count, seed: seed))
        byLength = Dictionary(grouping: pairs, by: \.source.count)
        lengths = pairs.map(\.source.count)
    }

    /// A batch of `size` examples whose sources share a length drawn in proportion to how common it is.
    func batch(size: Int, generator: inout SeededGenerator) -> SequenceBatch {
        let bucket = byLength[lengths[generator.nextInt(below: lengths.count)]]!
        let pairs = (0..<size).map { _ in bucket[generator.nextInt(below: bucket.count)] }
        return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
    }

    /// Greedy accuracy over every example, decoded one source length at a time.
    func accuracy(_ trainer: Seq2SeqTrainer) -> SequenceAccuracy {
        var total = SequenceAccuracy(predicted: [], expected: [])
        for length in byLength.keys.sorted() {
            let pairs = byLength[length]!
            let part = trainer.accuracy(sources: pairs.map(\.source), targets: pairs.map(\.target))
            total.tokens += part.tokens
            total.correctTokens += part.correctTokens
            total.sequences += part.sequences
            total.correctSequences += part.correctSequences
        }
        return total
    }
}

/// Parameters of one PyTorch `nn.LSTM` layer: 4·hidden·(input + hidden) weights and two biases of 4·hidden.
func lstmLayerParameters(input: Int, hidden: Int) -> Int { 4 * hidden * (input + hidden) + 8 * hidden }

/// Formats a fraction with two decimals.
func twoDecimals(_ x: Double) -> String { String(format: "%.2f", x) }

extension String {
    /// The string right-aligned in a field of `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    /// The string left-aligned in a field of `width` characters.
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
