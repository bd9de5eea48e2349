import Tensors
import NeuralNetworks
import Datasets

/// Beam search on a trained sequence model, batched over sources and beams, stopping at the end token.
///
/// Each source keeps `beamWidth` unfinished hypotheses. At every step each is extended by every
/// token; a candidate that writes the end token is finished, scored by its summed log-probability
/// divided by lengthᵅ (its length counting the end token, α = `lengthPenalty`: 0 compares plain
/// sums, which favour short outputs, 1 compares the mean log-probability per token); the best
/// `beamWidth` of the others carry on. A source is done when it has `beamWidth` finished
/// hypotheses or after `maxLength` steps; its answer is its best finished hypothesis (or, if none
/// finished, its best unfinished one). With a width of 1 this is greedy decoding.
extension Seq2SeqAutoencoder {
    /// The best output of each source (without the end token), by beam search.
    public func beamSearch(_ source: PaddedBatch, beamWidth: Int, maxLength: Int, lengthPenalty: Double = 1,
                           startToken: Int = Vocabulary.start, endToken: Int = Vocabulary.end) -> [[Int]] {
        let operation = "Seq2SeqAutoencoder.beamSearch"
        require(beamWidth > 0 && maxLength > 0, operation,
                "beamWidth and maxLength must be positive, got \(beamWidth) and \(maxLength)")
        _ = checkedLength(source.tokens, batchSize: source.batchSize, role: "source", operation)
        return GradientRecording.withoutGradients {
            let (sources, width, vocabulary) = (source.batchSize, beamWidth, configuration.vocabularySize)
            let (memory, encoded) = encode(source)
            // Row s·width + k of every tensor below is beam k of source s.
            let copies = (0..<sources).flatMap { Array(repeating: $0, count: width) }
            var state = LSTM<Scalar>.State(h: encoded.h.map { $0.gatherRows(copies) }, c: encoded.c.map { $0.gatherRows(copies) })
            let beamMemory = memory.map { m in
                AttentionMemory(outputs: repeatRows(m.outputs, copies), projectedKeys: repeatRows(m.projectedKeys, copies),
                                mask: m.mask.map { $0.gatherRows(copies) })
            }
            // Only beam 0 is live at first, so the first step does not keep `width` copies of one hypothesis.
            var beams = (0..<sources).map { _ in
                (0..<width).map { BeamHypothesis(tokens: [], score: $0 == 0 ? 0 : -.infinity) }
            }
            var finished = [[BeamHypothesis]](repeating: [], count: sources)
            var done = [Bool](repeating: false, count: sources)
            var previous = [Int](repeating: startToken, count: sources * width)
            for step in 1...maxLength where done.contains(false) {
                let embedded = decoder.embedding(previous, shape: [sources * width])   // [rows, embedding]
                let out = decoder.step(embedded: decoder.dropout(embedded), state: state, memory: beamMemory,
                                       attention: attention)
                let logProbabilities = decoder.fc(out.features).logSoftmax().scalars   // [rows, vocabulary], flat
                var parents = [Int](repeating: 0, count: sources * width)
                for s in 0..<sources {
                    let candidates = BeamHypothesis.ranked(beams[s], row: s * width, logProbabilities: logProbabilities,
                                                           vocabulary: vocabulary, keep: 2 * width)
                    var next: [BeamHypothesis] = []
                    for candidate in candidates where next.count < width {
                        if candidate.token == endToken {
                            if !done[s] && finished[s].count < width {
                                let normaliser = Double(step).power(lengthPenalty)
                                finished[s].append(BeamHypothesis(tokens: candidate.tokens, score: candidate.score / normaliser))
                            }
                        } else {
                            next.append(BeamHypothesis(tokens: candidate.tokens + [candidate.token], score: candidate.score))
                            parents[s * width + next.count - 1] = s * width + candidate.beam
                        }
                    }
                    while next.count < width { next.append(BeamHypothesis(tokens: [], score: -.infinity)) }
                    beams[s] = next
                    if finished[s].count >= width { done[s] = true }
                    for k in 0..<width { previous[s * width + k] = next[k].tokens.last ?? endToken }
                }
                state = LSTM<Scalar>.State(h: out.state.h.map { $0.gatherRows(parents) }, c: out.state.c.map { $0.gatherRows(parents) })
            }
            return (0..<sources).map { s in
                let pool = finished[s].isEmpty
                    ? beams[s].filter { $0.score > -.infinity }.map {
                        BeamHypothesis(tokens: $0.tokens, score: $0.score / Double(max($0.tokens.count, 1)).power(lengthPenalty))
                    }
                    : finished[s]
                return pool.min(by: BeamHypothesis.isBetter)?.tokens ?? []
            }
        }
    }
}

/// x [batch, …] with row b repeated as `rows` lists: x.gatherRows over the flattened rows.
private func repeatRows<Scalar: TensorScalar>(_ x: Tensor<Scalar>, _ rows: [Int]) -> Tensor<Scalar> {
    let tail = Array(x.shape.dropFirst())
    return x.reshaped(to: [x.shape[0], -1]).gatherRows(rows).reshaped(to: [rows.count] + tail)
}

/// A hypothesis of beam search: its tokens and its score.
struct BeamHypothesis {
    var tokens: [Int]
    var score: Double

    /// Higher score first; equal scores in lexicographic order of the tokens, so the search is deterministic.
    static func isBetter(_ a: BeamHypothesis, _ b: BeamHypothesis) -> Bool {
        a.score != b.score ? a.score > b.score : a.tokens.lexicographicallyPrecedes(b.tokens)
    }

    /// One extension of a beam by a token.
    struct Candidate {
        var beam: Int, token: Int, score: Double, tokens: [Int]
    }

    /// The best `keep` extensions of `beams` (rows `row`, `row` + 1, … of the log-probabilities).
    static func ranked<Scalar: TensorScalar>(_ beams: [BeamHypothesis], row: Int, logProbabilities: [Scalar],
                                             vocabulary: Int, keep: Int) -> [Candidate] {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(beams.count * vocabulary)
        for (k, beam) in beams.enumerated() where beam.score > -.infinity {
            let base = (row + k) * vocabulary
            for token in 0..<vocabulary {
                let value = Double(logProbabilities[base + token])
                candidates.append(Candidate(beam: k, token: token, score: beam.score + value, tokens: beam.tokens))
            }
        }
        candidates.sort { a, b in
            a.score != b.score ? a.score > b.score
                : (a.tokens + [a.token]).lexicographicallyPrecedes(b.tokens + [b.token])
        }
        return Array(candidates.prefix(keep))
    }
}

private extension Double {
    /// self raised to `exponent` (1 for exponent 0).
    func power(_ exponent: Double) -> Double { exponent == 0 ? 1 : Double.pow(self, exponent) }
}
