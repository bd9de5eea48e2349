// Introduced in chapter 4: greedy decoding written the slow, obviously right way, the yardstick
// the chapter and its grader measure a step-by-step decoder against.
import Tensors

/// Greedy decoding by re-reading the prefix: at step t, runs the decoder under teacher forcing on
/// [start, y₁, …, y_{t−1}] and appends the argmax of the last position's logits.
///
/// `sources` holds one row of tokens per sequence, all of the same length; the result holds
/// `length` tokens per row. Each step re-runs the whole decoder, so the cost grows with the square
/// of `length`: a decoder that keeps its state and feeds back its last choice must give the same
/// tokens in linear time. No gradients are recorded.
public func greedyDecodeByRereading(model: Seq2SeqAutoencoder<Float>, sources: [[Int]], length: Int,
                                    startToken: Int) -> [[Int]] {
    let flatSource = SequenceInputChecks.joined(sources, vocabularySize: model.configuration.vocabularySize,
                                                role: "source", operation: "greedyDecodeByRereading")
    let batch = sources.count
    var chosen = [[Int]](repeating: [], count: batch)
    GradientRecording.withoutGradients {
        for t in 0..<length {
            let decoderInput = chosen.flatMap { [startToken] + $0 }                    // [batch·(t+1)]
            let (logits, _) = model.logits(source: flatSource, decoderInput: decoderInput, batchSize: batch)
            let last = logits.select(alongAxis: 1, index: t).argmax(alongAxis: 1)      // [batch]
            for b in 0..<batch { chosen[b].append(last[b]) }
        }
    }
    return chosen
}
