import Tensors

/// Beam search over token sequences of a fixed length, and exhaustive search to check it against.
///
/// A decoder defines log p(y₁ … y_T) = Σₜ log p(yₜ | y₁ … y_{t−1}). Greedy decoding keeps the single
/// best prefix at each step; beam search keeps the `beamWidth` prefixes with the highest summed
/// log-probability, extends each by every token and keeps the best `beamWidth` again. With a width
/// of 1 it is greedy decoding; with a width of vocabularySize^(length − 1) it never drops a prefix
/// and finds the most likely sequence, as exhaustive search does.
public enum BeamSearch {
    /// A scored sequence.
    public struct Hypothesis: Sendable, Equatable {
        /// The tokens so far.
        public var tokens: [Int]
        /// The sum of the log-probabilities of the tokens.
        public var logProbability: Double
    }

    /// The best sequence of `length` tokens that beam search of width `beamWidth` finds.
    ///
    /// `logProbabilities(prefix)` returns log p(next token | prefix) for every token of the
    /// vocabulary (`vocabularySize` values). Ties are broken towards the lexicographically smaller
    /// sequence, so the result is deterministic.
    public static func decode(beamWidth: Int, length: Int, vocabularySize: Int,
                              logProbabilities: ([Int]) -> [Double]) -> Hypothesis {
        require(beamWidth > 0 && length > 0 && vocabularySize > 0, "BeamSearch.decode",
                "beamWidth, length and vocabularySize must be positive, got \(beamWidth), \(length), \(vocabularySize)")
        var beam = [Hypothesis(tokens: [], logProbability: 0)]
        for _ in 0..<length {
            var candidates: [Hypothesis] = []
            for hypothesis in beam {
                let scores = logProbabilities(hypothesis.tokens)
                require(scores.count == vocabularySize, "BeamSearch.decode",
                        "logProbabilities returned \(scores.count) scores for \(vocabularySize) tokens")
                for (token, score) in scores.enumerated() {
                    candidates.append(Hypothesis(tokens: hypothesis.tokens + [token],
                                                 logProbability: hypothesis.logProbability + score))
                }
            }
            candidates.sort(by: isBetter)
            beam = Array(candidates.prefix(beamWidth))
        }
        return beam[0]
    }

    /// The most likely sequence of `length` tokens, found by scoring every one of vocabularySize^length.
    public static func exhaustive(length: Int, vocabularySize: Int, logProbabilities: ([Int]) -> [Double]) -> Hypothesis {
        require(length > 0 && vocabularySize > 0, "BeamSearch.exhaustive",
                "sizes must be positive, got length \(length) and vocabulary \(vocabularySize)")
        var best: Hypothesis?
        func visit(_ prefix: [Int], _ score: Double) {
            guard prefix.count < length else {
                let candidate = Hypothesis(tokens: prefix, logProbability: score)
                if best.map({ isBetter(candidate, $0) }) ?? true { best = candidate }
                return
            }
            for (token, next) in logProbabilities(prefix).enumerated() { visit(prefix + [token], score + next) }
        }
        visit([], 0)
        return best!
    }

    /// Higher log-probability first; equal scores in lexicographic order of the tokens.
    static func isBetter(_ a: Hypothesis, _ b: Hypothesis) -> Bool {
        a.logProbability != b.logProbability ? a.logProbability > b.logProbability : a.tokens.lexicographicallyPrecedes(b.tokens)
    }
}
