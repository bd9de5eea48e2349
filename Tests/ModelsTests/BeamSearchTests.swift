import Testing
import Tensors
@testable import Models

@Suite("Beam search")
struct BeamSearchTests {
    /// A hand-made tree where greedy decoding is misled: token 0 looks best first (log 0.6) but every
    /// continuation of it is poor (log 0.5 each), while token 1 (log 0.4) is followed by log 0.9.
    static func trap(_ prefix: [Int]) -> [Double] {
        switch prefix {
        case []: return [0.6, 0.4].map { Double.log($0) }
        case [0]: return [0.5, 0.5].map { Double.log($0) }
        default: return [0.1, 0.9].map { Double.log($0) }
        }
    }

    @Test func widthOneIsGreedyAndFallsIntoTheTrap() {
        let greedy = BeamSearch.decode(beamWidth: 1, length: 2, vocabularySize: 2, logProbabilities: Self.trap)
        #expect(greedy.tokens == [0, 0])
        #expect(abs(greedy.logProbability - Double.log(0.6 * 0.5)) < 1e-12)
    }

    @Test func widthTwoFindsTheBestSequence() {
        let beam = BeamSearch.decode(beamWidth: 2, length: 2, vocabularySize: 2, logProbabilities: Self.trap)
        #expect(beam.tokens == [1, 1])
        #expect(abs(beam.logProbability - Double.log(0.4 * 0.9)) < 1e-12)
    }

    @Test func exhaustiveSearchScoresEverySequence() {
        var calls = 0
        let best = BeamSearch.exhaustive(length: 2, vocabularySize: 2) { prefix in calls += 1; return Self.trap(prefix) }
        #expect(best.tokens == [1, 1])
        #expect(calls == 3)  // the root and its two children
    }

    @Test func aBeamThatKeepsEveryPrefixAgreesWithExhaustiveSearch() {
        for seed in 0..<5 as Range<UInt64> {
            let scorer = { (prefix: [Int]) -> [Double] in
                var generator = SeededGenerator(seed: prefix.reduce(seed &* 31) { ($0 &* 1_000_003) &+ UInt64($1 + 1) })
                let logits = (0..<3).map { _ in generator.nextNormal() }
                let total = logits.map { Double.exp($0) }.reduce(0, +)
                return logits.map { $0 - Double.log(total) }
            }
            let exhaustive = BeamSearch.exhaustive(length: 4, vocabularySize: 3, logProbabilities: scorer)
            let beam = BeamSearch.decode(beamWidth: 27, length: 4, vocabularySize: 3, logProbabilities: scorer)
            #expect(beam == exhaustive)
        }
    }
}
