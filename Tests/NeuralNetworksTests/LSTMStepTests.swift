import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// The fused operations of one LSTM step against the same computation in plain tensor operations:
/// values to 1e-14 (relative, Float64) and gradients through the gradient checker.
@Suite("One LSTM step: fused gates and state update")
struct LSTMStepTests {
    /// [h′, c′] of the LSTM update written with separate operations: gates [batch, 4·hidden], cell [batch, hidden].
    static func composedStateUpdate(gates a: Tensor<Double>, cell c: Tensor<Double>) -> Tensor<Double> {
        let hidden = c.shape[1]
        func gate(_ k: Int) -> Tensor<Double> { a.slice(alongAxis: 1, (k * hidden)..<((k + 1) * hidden)) }
        let i = gate(0).sigmoid(), f = gate(1).sigmoid(), g = gate(2).tanh(), o = gate(3).sigmoid()
        let next = f * c + i * g                                      // c′ [batch, hidden]
        return Tensor.concatenate([o * next.tanh(), next], alongAxis: 1)  // [batch, 2·hidden]
    }

    @Test func stateUpdateEqualsTheComposedOperations() {
        let gates = random([3, 8], seed: 25) * 3, cell = random([3, 2], seed: 26)
        let fused = lstmStateUpdate(gates: gates, cell: cell).scalars
        #expect(allClose(fused, Self.composedStateUpdate(gates: gates, cell: cell).scalars, 1e-14))
    }

    @Test func stateUpdatePassesTheGradientCheck() {
        // Gates large enough to saturate some of the sigmoids.
        let gates = (random([3, 8], seed: 25) * 3).detached(requiresGradient: true), cell = random([3, 2], seed: 26)
        let report = GradientChecker.check(parameters: [gates, cell]) { lstmStateUpdate(gates: gates, cell: cell) }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func stateUpdateGradientsEqualTheComposedOnes() {
        let gates = random([2, 12], seed: 27), cell = random([2, 3], seed: 28), seed = random([2, 6], seed: 29)
        lstmStateUpdate(gates: gates, cell: cell).backward(seed: seed.scalars)
        let fused = (gates.gradientScalars!, cell.gradientScalars!)
        gates.zeroGradient()
        cell.zeroGradient()
        Self.composedStateUpdate(gates: gates, cell: cell).backward(seed: seed.scalars)
        #expect(allClose(fused.0, gates.gradientScalars!, 1e-14))
        #expect(allClose(fused.1, cell.gradientScalars!, 1e-14))
    }

    @Test func recurrentGatesEqualTheComposedOperations() {
        let p = random([2, 3, 8], seed: 1), h = random([2, 2], seed: 2), w = random([8, 2], seed: 3)
        for t in 0..<3 {
            let fused = recurrentGates(projected: p, time: t, hidden: h, weight: w).scalars
            let composed = h.matmul(w, transposeOther: true, adding: p.select(alongAxis: 1, index: t)).scalars
            #expect(allClose(fused, composed, 1e-14), "step \(t)")
        }
    }

    @Test func recurrentGatesOverSeveralStepsPassTheGradientCheck() {
        // Two steps share P and W, as an unrolled LSTM does; h feeds forward through tanh.
        let p = random([2, 3, 8], seed: 4), h0 = random([2, 2], seed: 5), w = random([8, 2], seed: 6)
        let report = GradientChecker.check(parameters: [p, h0, w]) {
            let first = recurrentGates(projected: p, time: 0, hidden: h0, weight: w)
            let h1 = first.slice(alongAxis: 1, 0..<2).tanh()
            return Tensor.concatenate([first, recurrentGates(projected: p, time: 2, hidden: h1, weight: w)], alongAxis: 1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func aCellStepEqualsTheSequenceStep() {
        // Both ways into the one step agree: x alone, or step t of the whole sequence's projection.
        var generator = SeededGenerator(seed: 30)
        let cell = LSTMCell<Double>(inputSize: 3, hiddenSize: 2, generator: &generator)
        let x = random([2, 4, 3], seed: 31), state = (h: random([2, 2], seed: 32), c: random([2, 2], seed: 33))
        let projected = cell.inputProjection(x)  // [batch, time, 4·hidden]
        for t in 0..<4 {
            let alone = cell(x.select(alongAxis: 1, index: t), state: state)
            let fromSequence = cell.step(.sequence(projected, time: t), state: state)
            #expect(allClose(alone.h.scalars, fromSequence.h.scalars, 1e-14), "h at step \(t)")
            #expect(allClose(alone.c.scalars, fromSequence.c.scalars, 1e-14), "c at step \(t)")
        }
    }
}
