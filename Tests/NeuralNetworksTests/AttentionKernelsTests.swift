import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// The fused attention operations against the same computation in plain tensor operations.
@Suite("Fused attention operations")
struct AttentionKernelsTests {
    @Test func additiveScoresEqualTheComposedOperations() {
        let p = random([2, 5, 3], seed: 1), q = random([2, 3], seed: 2), v = random([3], seed: 3)
        let fused = additiveScores(projectedKeys: p, projectedQuery: q, v: v).scalars
        // vᵀ tanh(p + q) written with separate operations.
        let composed = ((p + q.expandingShape(at: 1)).tanh() * v).sum(alongAxis: -1).scalars
        #expect(allClose(fused, composed, 1e-14))
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
        #expect(allClose(fused, composed, 1e-14))
    }

    @Test func weightedSumPassesTheGradientCheck() {
        let w = random([2, 3], seed: 9), k = random([2, 3, 4], seed: 10)
        let report = GradientChecker.check(parameters: [w, k]) { weightedSum(weights: w, values: k) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }
}

