import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// Every layer's gradient, with respect to its parameters and its inputs, against finite differences.
@Suite("Every layer passes the gradient check in Float64")
struct LayerGradientTests {
    static let tolerance = 1e-6

    func expectPasses(_ report: GradientCheckReport, _ comment: Comment? = nil) {
        #expect(report.passes(tolerance: Self.tolerance), "\(report)")
    }

    @Test(arguments: [[4, 3], [2, 5, 3], [3]])
    func linear(inputShape: [Int]) {
        var g = SeededGenerator(seed: 1)
        let layer = Linear<Double>(inputSize: 3, outputSize: 2, generator: &g)
        let x = random(inputShape, seed: 2)
        expectPasses(GradientChecker.check(parameters: layer.parameters + [x]) { layer(x).tanh() })
    }

    @Test func embedding() {
        var g = SeededGenerator(seed: 1)
        let table = Embedding<Double>(vocabularySize: 5, dimension: 3, generator: &g)
        expectPasses(GradientChecker.check(parameters: table.parameters) { table([1, 4, 1, 0], shape: [2, 2]).squared() })
    }

    @Test func lstmCellOneStep() {
        var g = SeededGenerator(seed: 3)
        let cell = LSTMCell<Double>(inputSize: 3, hiddenSize: 4, generator: &g)
        let x = random([2, 3], seed: 4), h = random([2, 4], seed: 5), c = random([2, 4], seed: 6)
        expectPasses(GradientChecker.check(parameters: cell.parameters + [x, h, c]) {
            let (h2, c2) = cell(x, state: (h, c))
            return Tensor.concatenate([h2, c2], alongAxis: 1)
        })
    }

    @Test func twoLayerLSTMUnrolledOverFourSteps() {
        var g = SeededGenerator(seed: 7)
        let lstm = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, dropout: 0, generator: &g)
        let x = random([2, 4, 3], seed: 8)
        expectPasses(GradientChecker.check(parameters: lstm.parameters + [x]) {
            let (outputs, state) = lstm(x)
            return Tensor.concatenate([outputs.reshaped(to: [2, -1]), state.stackedH.reshaped(to: [2, -1]),
                                       state.stackedC.reshaped(to: [2, -1])], alongAxis: 1)
        })
    }

    @Test(arguments: [false, true])
    func scaledDotProductAttentionWithRespectToQKV(masked: Bool) {
        let q = random([2, 3, 4], seed: 9), k = random([2, 5, 4], seed: 10), v = random([2, 5, 2], seed: 11)
        let mask: Tensor<Double>? = masked ? paddingMask(lengths: [5, 3], maxLength: 5) : nil
        expectPasses(GradientChecker.check(parameters: [q, k, v]) {
            scaledDotProductAttention(query: q, key: k, value: v, mask: mask).output
        })
    }

    @Test func additiveAttention() {
        var g = SeededGenerator(seed: 12)
        let attention = AdditiveAttention<Double>(querySize: 3, keySize: 4, hiddenSize: 5, generator: &g)
        let q = random([2, 3], seed: 13), keys = random([2, 6, 4], seed: 14)
        let mask = Tensor<Double>(shape: [2, 6], scalars: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
        expectPasses(GradientChecker.check(parameters: attention.parameters + [q, keys]) {
            let (context, weights) = attention(query: q, keys: keys, mask: mask)
            return Tensor.concatenate([context, weights], alongAxis: 1)
        })
    }

    @Test func multiHeadAttentionWithACausalMask() {
        var g = SeededGenerator(seed: 15)
        let attention = MultiHeadAttention<Double>(embedSize: 4, headCount: 2, generator: &g)
        // Non-zero biases, so their gradients are checked away from zero too.
        attention.inProjectionBias.assign(random([12], seed: 16).scalars)
        let x = random([2, 3, 4], seed: 17), memory = random([2, 3, 4], seed: 18)
        expectPasses(GradientChecker.check(parameters: attention.parameters + [x, memory]) {
            attention(query: x, key: memory, value: memory, mask: causalMask(3)).output
        })
    }

    @Test(arguments: [[3, 5], [2, 3, 4]])
    func layerNorm(shape: [Int]) {
        let norm = LayerNorm<Double>(size: shape.last!)
        norm.weight.assign(random([shape.last!], seed: 19).scalars)
        norm.bias.assign(random([shape.last!], seed: 20).scalars)
        let x = random(shape, seed: 21)
        expectPasses(GradientChecker.check(parameters: norm.parameters + [x]) { norm(x) })
    }

    @Test func crossEntropyIgnoringPadding() {
        let logits = random([2, 3, 5], seed: 22)
        expectPasses(GradientChecker.check(parameters: [logits]) {
            crossEntropy(logits: logits, targets: [1, 0, 4, 2, 0, 3], ignoreIndex: 0)
        })
    }

    @Test func meanSquaredErrorLoss() {
        let a = random([3, 4], seed: 23), b = random([3, 4], seed: 24)
        expectPasses(GradientChecker.check(parameters: [a, b]) { meanSquaredError(a, b) })
    }
}
