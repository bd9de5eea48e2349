import Foundation
import Testing
import Tensors
import NeuralNetworks
import TestSupport

/// The bidirectional LSTM: PyTorch's names and layouts, values worked by hand, padding, and gradients.
@Suite struct BidirectionalLSTMTests {
    /// A one-unit bidirectional layer whose gates ignore h and whose only input weight feeds g:
    /// i = f = o = σ(0) = ½ and g = tanh(w·x), with w = 1 forward and w = 2 backward.
    static func handWorkedLayer() -> LSTM<Double> {
        var generator = SeededGenerator(seed: 1)
        let lstm = LSTM<Double>(inputSize: 1, hiddenSize: 1, bidirectional: true, generator: &generator)
        for (name, tensor) in lstm.namedParameters {
            let value: [Double] = name == "weight_ih_l0" ? [0, 0, 1, 0] : name == "weight_ih_l0_reverse" ? [0, 0, 2, 0] : [0, 0, 0, 0]
            tensor.assign(value)
        }
        return lstm
    }

    @Test func namesShapesAndOrderAreTorchs() {
        var generator = SeededGenerator(seed: 2)
        let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
        let expected: [(String, [Int])] = [
            ("weight_ih_l0", [16, 3]), ("weight_hh_l0", [16, 4]), ("bias_ih_l0", [16]), ("bias_hh_l0", [16]),
            ("weight_ih_l0_reverse", [16, 3]), ("weight_hh_l0_reverse", [16, 4]), ("bias_ih_l0_reverse", [16]),
            ("bias_hh_l0_reverse", [16]),
            ("weight_ih_l1", [16, 8]), ("weight_hh_l1", [16, 4]), ("bias_ih_l1", [16]), ("bias_hh_l1", [16]),
            ("weight_ih_l1_reverse", [16, 8]), ("weight_hh_l1_reverse", [16, 4]), ("bias_ih_l1_reverse", [16]),
            ("bias_hh_l1_reverse", [16]),
        ]
        #expect(lstm.namedParameters.map(\.name) == expected.map(\.0))
        #expect(lstm.namedParameters.map(\.tensor.shape) == expected.map(\.1))
        #expect(lstm.outputSize == 8)
    }

    @Test func oneDirectionalNamesAreUnchanged() {
        var generator = SeededGenerator(seed: 2)
        let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator)
        #expect(lstm.namedParameters.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                                      "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"])
    }

    @Test func outputsAndFinalStatesMatchHandWorkedValues() {
        let lstm = Self.handWorkedLayer()
        let (x1, x2) = (0.7, -1.3)
        let (outputs, state) = lstm(Tensor(shape: [1, 2, 1], scalars: [x1, x2]))
        // Forward: c₁ = ½ tanh(x₁), h₁ = ½ tanh(c₁); c₂ = ½ c₁ + ½ tanh(x₂), h₂ = ½ tanh(c₂).
        let c1 = 0.5 * Foundation.tanh(x1), h1 = 0.5 * Foundation.tanh(c1)
        let c2 = 0.5 * c1 + 0.5 * Foundation.tanh(x2), h2 = 0.5 * Foundation.tanh(c2)
        // Backward, from x₂: c′₂ = ½ tanh(2x₂), h′₂ = ½ tanh(c′₂); c′₁ = ½ c′₂ + ½ tanh(2x₁), h′₁ = ½ tanh(c′₁).
        let r2 = 0.5 * Foundation.tanh(2 * x2), k2 = 0.5 * Foundation.tanh(r2)
        let r1 = 0.5 * r2 + 0.5 * Foundation.tanh(2 * x1), k1 = 0.5 * Foundation.tanh(r1)
        #expect(allClose(outputs.scalars, [h1, k1, h2, k2], 1e-15), "\(outputs.scalars)")  // [forward ; backward] per step
        #expect(allClose(state.stackedH.scalars, [h2, k1], 1e-15))  // h_n: forward after x₂, backward after x₁
        #expect(allClose(state.stackedC.scalars, [c2, r1], 1e-15))
    }

    @Test func paddingIsSkippedByBothDirections() {
        let lstm = Self.handWorkedLayer()
        let x1 = 0.7
        // A row of length 1 padded to 2: the padded input (9) must change nothing.
        let (outputs, state) = lstm(Tensor(shape: [1, 2, 1], scalars: [x1, 9]), lengths: [1])
        let c = 0.5 * Foundation.tanh(x1), h = 0.5 * Foundation.tanh(c)
        let r = 0.5 * Foundation.tanh(2 * x1), k = 0.5 * Foundation.tanh(r)
        #expect(allClose(outputs.scalars, [h, k, 0, 0], 1e-15), "\(outputs.scalars)")
        #expect(allClose(state.stackedH.scalars, [h, k], 1e-15))
        #expect(allClose(state.stackedC.scalars, [c, r], 1e-15))
    }

    @Test(arguments: [false, true])
    func aRowGivesTheSameBitsAloneAndPadded(bidirectional: Bool) {
        var generator = SeededGenerator(seed: 3)
        let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: bidirectional, generator: &generator)
        let batch = random([3, 6, 3], seed: 4, requiresGradient: false)
        let lengths = [3, 6, 5]
        let (outputs, state) = lstm(batch, lengths: lengths)
        let alone = batch.select(alongAxis: 0, index: 0).slice(alongAxis: 0, 0..<3).expandingShape(at: 0)  // [1, 3, 3]
        let (aloneOutputs, aloneState) = lstm(alone)
        let rowOutputs = outputs.select(alongAxis: 0, index: 0).slice(alongAxis: 0, 0..<3)
        #expect(rowOutputs.scalars == aloneOutputs.reshaped(to: rowOutputs.shape).scalars)
        #expect(outputs.select(alongAxis: 0, index: 0).slice(alongAxis: 0, 3..<6).scalars.allSatisfy { $0 == 0 })
        #expect(state.h.map { $0.select(alongAxis: 0, index: 0).scalars } == aloneState.h.map(\.scalars))
        #expect(state.c.map { $0.select(alongAxis: 0, index: 0).scalars } == aloneState.c.map(\.scalars))
    }

    @Test func gradientsMatchFiniteDifferencesWithPadding() {
        var generator = SeededGenerator(seed: 5)
        let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
        let x = random([2, 4, 3], seed: 6)
        let report = GradientChecker.check(parameters: lstm.parameters + [x]) {
            let (outputs, state) = lstm(x, lengths: [4, 2])
            return Tensor.concatenate([outputs.reshaped(to: [2, -1]), state.stackedH.permuted([1, 0, 2]).reshaped(to: [2, -1]),
                                       state.stackedC.permuted([1, 0, 2]).reshaped(to: [2, -1])], alongAxis: 1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func oneDirectionalStepStillEqualsItsSequenceRun() {
        var generator = SeededGenerator(seed: 7)
        let lstm = LSTM<Double>(inputSize: 2, hiddenSize: 3, generator: &generator)
        let x = random([2, 1, 2], seed: 8, requiresGradient: false)
        let (outputs, _) = lstm(x)
        let (stepped, _) = lstm.step(x.reshaped(to: [2, 2]), state: lstm.zeroState(batchSize: 2))
        #expect(allClose(outputs.scalars, stepped.scalars, 1e-14))
    }
}
