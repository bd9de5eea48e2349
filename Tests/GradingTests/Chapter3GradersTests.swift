// Reference solutions for chapter 3's exercises, and proof that the graders reject wrong answers.

import Testing
import NeuralNetworks
import Notebook
import Tensors
@testable import Grading

/// Reference: replace masked scores by the most negative finite number, then softmax.
func referenceMaskedSoftmax(_ scores: Tensor<Double>, _ mask: Tensor<Double>) throws -> Tensor<Double> {
    scores.maskedFill(mask, with: -Double.greatestFiniteMagnitude).softmax(alongAxis: -1)
}

/// Reference: vᵀ tanh(W q + U kₜ) with Linear layouts (x·Wᵀ).
func referenceAdditiveScores(_ query: Tensor<Double>, _ keys: Tensor<Double>, _ w: Tensor<Double>,
                             _ u: Tensor<Double>, _ v: Tensor<Double>) throws -> Tensor<Double> {
    let projectedQuery = query.matmul(w, transposeOther: true).expandingShape(at: 1)  // [batch, 1, hidden]
    let projectedKeys = keys.matmul(u, transposeOther: true)                          // [batch, time, hidden]
    let scores = (projectedQuery + projectedKeys).tanh().matmul(v, transposeOther: true)  // [batch, time, 1]
    return scores.squeezingShape(at: 2)
}

@Suite("Chapter 3 graders")
struct Chapter3GradersTests {
    @Test("the masked-softmax grader accepts the reference solution")
    func maskedSoftmaxReference() throws {
        let verdict = try gradeMaskedSoftmax(referenceMaskedSoftmax)
        #expect(passed(verdict), "\(verdict)")
    }

    @Test("the masked-softmax grader rejects a softmax that ignores the mask")
    func maskedSoftmaxIgnoringMask() throws {
        let verdict = try gradeMaskedSoftmax { scores, _ in scores.softmax(alongAxis: -1) }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("the masked-softmax grader rejects filling masked scores with 0 instead of −∞")
    func maskedSoftmaxFillingZero() throws {
        let verdict = try gradeMaskedSoftmax { scores, mask in scores.maskedFill(mask, with: 0).softmax(alongAxis: -1) }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("the masked-softmax grader rejects zeroing weights after the softmax without renormalising")
    func maskedSoftmaxWithoutRenormalising() throws {
        let verdict = try gradeMaskedSoftmax { scores, mask in
            scores.softmax(alongAxis: -1) * (1 - mask)
        }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("the masked-softmax grader rejects a result cut off from the tape")
    func maskedSoftmaxDetached() throws {
        let verdict = try gradeMaskedSoftmax { scores, mask in try referenceMaskedSoftmax(scores, mask).detached() }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("an unattempted stub is graded as not attempted")
    func notAttempted() {
        let outcome = ExerciseOutcome.grading { try gradeMaskedSoftmax { _, _ in throw ExerciseNotAttempted() } }
        #expect(outcome == .notAttempted)
    }

    @Test("the additive-score grader accepts the reference solution")
    func additiveReference() throws {
        let verdict = try gradeAdditiveScores(referenceAdditiveScores)
        #expect(passed(verdict), "\(verdict)")
    }

    @Test("the additive-score grader rejects a score without the tanh")
    func additiveWithoutTanh() throws {
        let verdict = try gradeAdditiveScores { query, keys, w, u, v in
            (query.matmul(w, transposeOther: true).expandingShape(at: 1) + keys.matmul(u, transposeOther: true))
                .matmul(v, transposeOther: true).squeezingShape(at: 2)
        }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("the additive-score grader rejects summing the tanh vector instead of weighting it by v")
    func additiveWithoutV() throws {
        let verdict = try gradeAdditiveScores { query, keys, w, u, _ in
            (query.matmul(w, transposeOther: true).expandingShape(at: 1) + keys.matmul(u, transposeOther: true))
                .tanh().sum(alongAxis: 2)
        }
        #expect(!passed(verdict), "\(verdict)")
    }

    @Test("the additive-score grader rejects scores off by a constant, which the softmax would hide")
    func additiveShifted() throws {
        let verdict = try gradeAdditiveScores { query, keys, w, u, v in
            try referenceAdditiveScores(query, keys, w, u, v) + 1
        }
        #expect(!passed(verdict), "\(verdict)")
    }
}
