import Foundation
import Testing
import Tensors
import NeuralNetworks
import Notebook
@testable import Grading

/// Reference solutions of chapter 7's exercises, and wrong answers each grader must reject.
@Suite("Chapter 7 graders")
struct Chapter7GradersTests {
    /// The encoding with loops; `swapped`, `halves` and `exponentI` make plausible wrong answers.
    static func encoding(_ length: Int, _ dimension: Int, swapped: Bool = false, halves: Bool = false,
                         exponentI: Bool = false) -> Tensor<Double> {
        var values = [Double](repeating: 0, count: length * dimension)
        for t in 0..<length {
            for i in 0..<(dimension / 2) {
                let exponent = exponentI ? Double(i) / Double(dimension) : 2 * Double(i) / Double(dimension)
                let angle = Double(t) / pow(10_000, exponent)
                var (first, second) = (sin(angle), cos(angle))
                if swapped { (first, second) = (second, first) }
                let (a, b) = halves ? (i, dimension / 2 + i) : (2 * i, 2 * i + 1)
                values[t * dimension + a] = first
                values[t * dimension + b] = second
            }
        }
        return Tensor(shape: [length, dimension], scalars: values)
    }

    @Test func encodingGraderAcceptsTheReference() throws {
        #expect(passed(try gradeSinusoidalEncoding { Self.encoding($0, $1) }))
    }

    @Test func encodingGraderRejectsSwappedSinesAndCosines() throws {
        #expect(failed(try gradeSinusoidalEncoding { Self.encoding($0, $1, swapped: true) }, because: "position 0"))
    }

    @Test func encodingGraderRejectsHalvesForPairs() throws {
        #expect(failed(try gradeSinusoidalEncoding { Self.encoding($0, $1, halves: true) }, because: "first half"))
    }

    @Test func encodingGraderRejectsTheExponentIOverD() throws {
        #expect(failed(try gradeSinusoidalEncoding { Self.encoding($0, $1, exponentI: true) }, because: "differs"))
    }

    @Test func encodingGraderRejectsATransposedTable() throws {
        #expect(failed(try gradeSinusoidalEncoding { Self.encoding($0, $1).transposed() }, because: "shape"))
    }

    /// The mask with one comparison; `diagonal` and `lower` make plausible wrong answers.
    static func mask(_ length: Int, diagonal: Bool = false, lower: Bool = false) -> Tensor<Double> {
        Tensor(shape: [length, length], scalars: (0..<(length * length)).map { index in
            let (query, key) = (index / length, index % length)
            if lower { return key < query ? 1 : 0 }
            return (diagonal ? key >= query : key > query) ? 1 : 0
        })
    }

    @Test func maskGraderAcceptsTheReference() throws {
        #expect(passed(try gradeCausalMask { Self.mask($0) }))
    }

    @Test func maskGraderRejectsAMaskedDiagonal() throws {
        #expect(failed(try gradeCausalMask { Self.mask($0, diagonal: true) }, because: "see itself"))
    }

    @Test func maskGraderRejectsTheLowerTriangle() throws {
        #expect(failed(try gradeCausalMask { Self.mask($0, lower: true) }, because: "must not see the later key"))
    }

    @Test func maskGraderRejectsBooleanTrueAsTheAllowedValue() throws {
        #expect(failed(try gradeCausalMask { 1 - Self.mask($0) }, because: "[0, 0]"))
    }

    static func split(_ x: Tensor<Double>, _ heads: Int) -> Tensor<Double> {
        let (batch, time, width) = (x.shape[0], x.shape[1], x.shape[2])
        return x.reshaped(to: [batch, time, heads, width / heads]).permuted([0, 2, 1, 3])
    }

    static func merge(_ x: Tensor<Double>) -> Tensor<Double> {
        let (batch, heads, time, size) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        return x.permuted([0, 2, 1, 3]).reshaped(to: [batch, time, heads * size])
    }

    @Test func headGraderAcceptsTheReference() throws {
        #expect(passed(try gradeHeadSplitting(split: Self.split, merge: Self.merge)))
    }

    @Test func headGraderRejectsAReshapeWithoutTheSwap() throws {
        let verdict = try gradeHeadSplitting(split: { x, heads in
            x.reshaped(to: [x.shape[0], heads, x.shape[1], x.shape[2] / heads])
        }, merge: { x in x.reshaped(to: [x.shape[0], x.shape[2], x.shape[1] * x.shape[3]]) })
        #expect(failed(verdict, because: "x[b, t, h·d + i]"))
    }

    @Test func headGraderRejectsStridedHeads() throws {
        // Head h takes every heads-th feature instead of a contiguous block.
        let verdict = try gradeHeadSplitting(split: { x, heads in
            x.reshaped(to: [x.shape[0], x.shape[1], x.shape[2] / heads, heads]).permuted([0, 3, 1, 2])
        }, merge: Self.merge)
        #expect(failed(verdict, because: "x[b, t, h·d + i]"))
    }

    @Test func headGraderRejectsAMergeWithoutTheSwap() throws {
        let verdict = try gradeHeadSplitting(split: Self.split, merge: { x in
            x.reshaped(to: [x.shape[0], x.shape[2], x.shape[1] * x.shape[3]])
        })
        #expect(failed(verdict, because: "merge(split(x))"))
    }

    @Test func headGraderRejectsTensorsBuiltFromScalars() throws {
        let verdict = try gradeHeadSplitting(split: { x, heads in
            let parts = Self.split(x, heads)
            return Tensor(shape: parts.shape, scalars: parts.scalars)
        }, merge: Self.merge)
        #expect(failed(verdict, because: "gradients"))
    }

    @Test func untouchedStubsAreNotAttempted() throws {
        #expect(throws: ExerciseNotAttempted.self) {
            _ = try gradeHeadSplitting(split: { _, _ in throw ExerciseNotAttempted() }, merge: { _ in throw ExerciseNotAttempted() })
        }
    }
}
