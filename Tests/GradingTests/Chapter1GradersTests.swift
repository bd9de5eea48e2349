// Reference solutions of chapter 1's exercises, and proof that each grader rejects a plausible
// wrong answer. Instructors: these are the solutions; remove this file from a student copy.

import Foundation
import Notebook
import Tensors
import Testing
@testable import Grading

/// An element-wise operation built from a scalar function and its derivative written in terms of
/// the input x and the output y.
private func elementwise(_ x: Tensor<Double>, _ f: (Double) -> Double,
                         derivative: @escaping (Double, Double) -> Double) -> Tensor<Double> {
    let input = x.scalars
    let output = input.map(f)
    return Tensor(shape: x.shape, scalars: output, inputs: [x]) { upstream in
        [zip(upstream.indices, upstream).map { i, g in g * derivative(input[i], output[i]) }]
    }
}

private func referenceSigmoid(_ x: Tensor<Double>) -> Tensor<Double> {
    elementwise(x, { 1 / (1 + Foundation.exp(-$0)) }, derivative: { _, y in y * (1 - y) })
}

private func referenceTanh(_ x: Tensor<Double>) -> Tensor<Double> {
    elementwise(x, { Foundation.tanh($0) }, derivative: { _, y in 1 - y * y })
}

/// log Σⱼ e^(xᵢⱼ) per row, stable; its gradient is the row's softmax times the upstream gradient.
private func logSumExpRows(_ x: Tensor<Double>, subtractMaximum: Bool = true,
                           normalise: Bool = true) -> Tensor<Double> {
    let rows = x.shape[0], columns = x.shape[1], input = x.scalars
    var output = [Double](repeating: 0, count: rows)
    var softmax = [Double](repeating: 0, count: rows * columns)
    for r in 0..<rows {
        let row = input[(r * columns)..<((r + 1) * columns)]
        let m = subtractMaximum ? row.max()! : 0
        let total = row.map { Foundation.exp($0 - m) }.reduce(0, +)
        output[r] = m + Foundation.log(total)
        for c in 0..<columns {
            let e = Foundation.exp(input[r * columns + c] - m)
            softmax[r * columns + c] = normalise ? e / total : e
        }
    }
    return Tensor(shape: [rows], scalars: output, inputs: [x]) { upstream in
        [(0..<(rows * columns)).map { upstream[$0 / columns] * softmax[$0] }]
    }
}

@Suite("Chapter 1 graders")
struct Chapter1GradersTests {
    @Test func sigmoidGraderAcceptsTheReference() throws {
        #expect(passed(try gradeSigmoid(referenceSigmoid)))
    }

    @Test func sigmoidGraderRejectsAMissingFactor() throws {
        // σ' = σ(1 − σ); forgetting (1 − σ) is a common slip.
        let wrong: Chapter1Operation = { x in
            elementwise(x, { 1 / (1 + Foundation.exp(-$0)) }, derivative: { _, y in y })
        }
        #expect(failed(try gradeSigmoid(wrong), because: "pullback of sigmoid is wrong"))
    }

    @Test func sigmoidGraderRejectsAWrongForwardValue() throws {
        // A pullback consistent with its own (wrong) forward: the value comparison must catch it.
        let wrong: Chapter1Operation = { x in
            elementwise(x, { 1 / (1 + Foundation.exp($0)) }, derivative: { _, y in -y * (1 - y) })
        }
        #expect(failed(try gradeSigmoid(wrong), because: "values differ"))
    }

    @Test func sigmoidGraderRejectsAnUnconnectedResult() throws {
        let wrong: Chapter1Operation = { x in Tensor(shape: x.shape, scalars: x.sigmoid().scalars) }
        #expect(failed(try gradeSigmoid(wrong), because: "not connected"))
    }

    @Test func tanhGraderAcceptsTheReference() throws {
        #expect(passed(try gradeTanh(referenceTanh)))
    }

    @Test func tanhGraderRejectsAWrongSign() throws {
        let wrong: Chapter1Operation = { x in
            elementwise(x, { Foundation.tanh($0) }, derivative: { _, y in 1 + y * y })
        }
        #expect(failed(try gradeTanh(wrong), because: "pullback of tanh is wrong"))
    }

    @Test func logSumExpGraderAcceptsTheReference() throws {
        #expect(passed(try gradeLogSumExp { logSumExpRows($0) }))
    }

    @Test func logSumExpGraderRejectsAnUnnormalisedGradient() throws {
        #expect(failed(try gradeLogSumExp { logSumExpRows($0, normalise: false) },
                       because: "pullback of logSumExp is wrong"))
    }

    @Test func logSumExpGraderRejectsAnOverflowingForwardPass() throws {
        #expect(failed(try gradeLogSumExp { logSumExpRows($0, subtractMaximum: false) },
                       because: "values differ"))
    }

    @Test func aWrongResultShapeIsNamed() throws {
        // Summing the whole input instead of each row gives shape [] instead of [rows].
        #expect(failed(try gradeLogSumExp { $0.logSumExp(alongAxis: -1).sum() }, because: "has shape"))
    }

    @Test func aStubThatThrowsIsNotAttempted() {
        let outcome = ExerciseOutcome.grading { try gradeTanh { _ in throw ExerciseNotAttempted() } }
        #expect(outcome == .notAttempted)
    }
}
