import Testing
import Tensors
import Models
import Notebook
@testable import Grading

/// Reference solutions of chapter 5's exercises, and wrong answers each grader must reject.
@Suite("Chapter 5 graders")
struct Chapter5GradersTests {
    /// Dot-product attention with tensor operations; `scale` and `ignoreMask` make plausible wrong answers.
    static func attention(_ q: Tensor<Double>, _ k: Tensor<Double>, _ mask: Tensor<Double>?, scale: Double = 1,
                          ignoreMask: Bool = false) -> (context: Tensor<Double>, weights: Tensor<Double>) {
        let batch = k.shape[0], time = k.shape[1], size = k.shape[2]
        var scores = q.expandingShape(at: 1).matmul(k, transposeOther: true).reshaped(to: [batch, time]) * scale
        if let mask, !ignoreMask { scores = scores.maskedFill(mask, with: -Double.greatestFiniteMagnitude) }
        let weights = scores.softmax(alongAxis: -1)
        let context = weights.expandingShape(at: 1).matmul(k).reshaped(to: [batch, size])
        return (context, weights)
    }

    @Test func attentionGraderAcceptsTheReference() throws {
        let verdict = try gradeDotProductAttention { Self.attention($0, $1, $2) }
        guard case .passed = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func attentionGraderRejectsScaledScores() throws {
        let verdict = try gradeDotProductAttention { Self.attention($0, $1, $2, scale: 0.5) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func attentionGraderRejectsAForgottenMask() throws {
        let verdict = try gradeDotProductAttention { Self.attention($0, $1, $2, ignoreMask: true) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func attentionGraderRejectsSoftmaxOverTheBatch() throws {
        let verdict = try gradeDotProductAttention { q, k, mask in
            let (context, weights) = Self.attention(q, k, mask)
            return (context, (weights.log()).softmax(alongAxis: 0))
        }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    /// Beam search written independently of the library's: candidates kept in a sorted list.
    static func beam(_ width: Int, _ length: Int, _ vocabulary: Int, _ score: ([Int]) -> [Double],
                     lastStepOnly: Bool = false) -> [Int] {
        var beam: [(tokens: [Int], total: Double)] = [([], 0)]
        for _ in 0..<length {
            var candidates: [(tokens: [Int], total: Double)] = []
            for (tokens, total) in beam {
                for (token, s) in score(tokens).enumerated() {
                    candidates.append((tokens + [token], lastStepOnly ? s : total + s))
                }
            }
            candidates.sort { $0.total != $1.total ? $0.total > $1.total : $0.tokens.lexicographicallyPrecedes($1.tokens) }
            beam = Array(candidates.prefix(width))
        }
        return beam[0].tokens
    }

    @Test func beamGraderAcceptsTheReference() throws {
        let verdict = try gradeBeamSearch { Self.beam($0, $1, $2, $3) }
        guard case .passed = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func beamGraderRejectsGreedyDecoding() throws {
        let verdict = try gradeBeamSearch { Self.beam(1, $1, $2, $3) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func beamGraderRejectsScoringByTheLastStepOnly() throws {
        let verdict = try gradeBeamSearch { Self.beam($0, $1, $2, $3, lastStepOnly: true) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func randomNextTokenModelGivesDistributions() {
        let model = RandomNextTokenModel(seed: 1, vocabularySize: 4)
        for prefix in [[], [0], [3, 1]] {
            let total = model.logProbabilities(prefix).map { Double.exp($0) }.reduce(0, +)
            #expect(abs(total - 1) < 1e-12)
            #expect(model.logProbabilities(prefix) == model.logProbabilities(prefix))
        }
        #expect(model.logProbabilities([0]) != model.logProbabilities([1]))
    }
}
