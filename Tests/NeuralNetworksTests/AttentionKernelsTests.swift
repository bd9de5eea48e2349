import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

@Suite("Fused attention operations")
struct AttentionKernelsTests {
    @Test func additiveScoresEqualTheComposedOperations() {
        let p = random([2, 5, 3], seed: 1), q = random([2, 3], seed: 2), v = random([3], seed: 3)
        let fused = additiveScores(projectedKeys: p, projectedQuery: q, v: v).scalars
        // vᵀ tanh(p + q) written with separate operations.
        let composed = ((p + q.expandingShape(at: 1)).tanh() * v).sum(alongAxis: -1).scalars
        #expect(zip(fused, composed).allSatisfy { abs($0 - $1) < 1e-14 })
    }

    @Test func additiveScoresPassTheGradientCheck() {
        let p = random([2, 4, 3], seed: 4), q = random([2, 3], seed: 5), v = random([3], seed: 6)
        let report = GradientChecker.check(parameters: [p, q, v]) { additiveScores(projectedKeys: p, projectedQuery: q, v: v) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func weightedSumEqualsABatchedProduct() {
        let w = random([3, 4], seed: 7), k = random([3, 4, 5], seed: 8)
        let fused = weightedSum(weights: w, values: k).scalars
        let composed = w.expandingShape(at: 1).matmul(k).reshaped(to: [3, 5]).scalars
        #expect(zip(fused, composed).allSatisfy { abs($0 - $1) < 1e-14 })
    }

    @Test func weightedSumPassesTheGradientCheck() {
        let w = random([2, 3], seed: 9), k = random([2, 3, 4], seed: 10)
        let report = GradientChecker.check(parameters: [w, k]) { weightedSum(weights: w, values: k) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }
}

@Suite("Recurrent gates read from the whole sequence's projection")
struct RecurrentGatesTests {
    @Test func equalToTheComposedOperations() {
        let p = random([2, 3, 8], seed: 1), h = random([2, 2], seed: 2), w = random([8, 2], seed: 3)
        for t in 0..<3 {
            let fused = recurrentGates(projected: p, time: t, hidden: h, weight: w).scalars
            let composed = h.matmul(w, transposeOther: true, adding: p.select(alongAxis: 1, index: t)).scalars
            #expect(zip(fused, composed).allSatisfy { abs($0 - $1) < 1e-14 })
        }
    }

    @Test func gradientsOverSeveralStepsPassTheCheck() {
        // Two steps share P and W, as an unrolled LSTM does; h feeds forward through tanh.
        let p = random([2, 3, 8], seed: 4), h0 = random([2, 2], seed: 5), w = random([8, 2], seed: 6)
        let report = GradientChecker.check(parameters: [p, h0, w]) {
            let first = recurrentGates(projected: p, time: 0, hidden: h0, weight: w)
            let h1 = first.slice(alongAxis: 1, 0..<2).tanh()
            return Tensor.concatenate([first, recurrentGates(projected: p, time: 2, hidden: h1, weight: w)], alongAxis: 1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }
}
