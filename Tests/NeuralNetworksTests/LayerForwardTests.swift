import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// Forward values compared with cases worked out by hand in scalar arithmetic.
@Suite("Layer forward values")
struct LayerForwardTests {
    @Test func lstmCellByHand() {
        // One input, one hidden unit: every gate is a scalar formula.
        var g = SeededGenerator(seed: 0)
        let cell = LSTMCell<Double>(inputSize: 1, hiddenSize: 1, generator: &g)
        let wih: [Double] = [0.5, -0.3, 0.8, 0.1], whh: [Double] = [0.2, 0.4, -0.6, 0.9]
        let bih: [Double] = [0.01, 0.02, 0.03, 0.04], bhh: [Double] = [-0.05, 0.06, -0.07, 0.08]
        cell.weightIH.assign(wih); cell.weightHH.assign(whh); cell.biasIH.assign(bih); cell.biasHH.assign(bhh)
        let x = 1.5, h = -0.4, c = 0.7
        func pre(_ k: Int) -> Double { wih[k] * x + bih[k] + whh[k] * h + bhh[k] }
        let i = libmSigmoid(pre(0)), f = libmSigmoid(pre(1)), gg = libmTanh(pre(2)), o = libmSigmoid(pre(3))
        let c2 = f * c + i * gg, h2 = o * libmTanh(c2)
        let (hOut, cOut) = cell(Tensor(shape: [1, 1], scalars: [x]),
                                state: (Tensor(shape: [1, 1], scalars: [h]), Tensor(shape: [1, 1], scalars: [c])))
        #expect(abs(hOut.scalar - h2) < 1e-15)
        #expect(abs(cOut.scalar - c2) < 1e-15)
    }

    @Test func scaledDotProductAttentionByHand() {
        // q = (1, 0); keys (1, 0) and (0, 1): scores 1/√2 and 0.
        let q = Tensor<Double>(shape: [1, 1, 2], scalars: [1, 0])
        let k = Tensor<Double>(shape: [1, 2, 2], scalars: [1, 0, 0, 1])
        let v = Tensor<Double>(shape: [1, 2, 2], scalars: [1, 2, 3, 4])
        let (output, weights) = scaledDotProductAttention(query: q, key: k, value: v)
        let e0 = libmExp(1 / 2.0.squareRoot()), e1 = 1.0
        let w0 = e0 / (e0 + e1), w1 = e1 / (e0 + e1)
        #expect(zip(weights.scalars, [w0, w1]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(zip(output.scalars, [w0 * 1 + w1 * 3, w0 * 2 + w1 * 4]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func maskedPositionsGetExactlyZeroWeightAndRowsSumToOne() {
        var g = SeededGenerator(seed: 4)
        let q = Tensor<Float>.randomNormal([2, 4, 8], generator: &g)
        let k = Tensor<Float>.randomNormal([2, 6, 8], generator: &g)
        let mask = paddingMask(lengths: [6, 2], maxLength: 6, as: Float.self)
        let weights = scaledDotProductAttention(query: q, key: k, value: k, mask: mask).weights  // [2, 4, 6]
        for row in 0..<4 {
            for t in 2..<6 { #expect(weights[1, row, t] == 0) }
            for b in 0..<2 { #expect(abs((0..<6).map { weights[b, row, $0] }.reduce(0, +) - 1) < 1e-6) }
        }
        let causal = causalMask(3, as: Double.self)
        #expect(causal.scalars == [0, 1, 1, 0, 0, 1, 0, 0, 0])
    }

    @Test func additiveAttentionByHand() {
        var g = SeededGenerator(seed: 0)
        let attention = AdditiveAttention<Double>(querySize: 1, keySize: 1, hiddenSize: 1, generator: &g)
        attention.query.weight.assign([0.7]); attention.key.weight.assign([-1.2]); attention.v.weight.assign([2.0])
        let keys: [Double] = [0.5, -1, 2], q = 0.3
        let scores = keys.map { 2.0 * libmTanh(0.7 * q - 1.2 * $0) }
        let total = scores.map(libmExp).reduce(0, +)
        let expected = scores.map { libmExp($0) / total }
        let (context, weights) = attention(query: Tensor(shape: [1, 1], scalars: [q]),
                                           keys: Tensor(shape: [1, 3, 1], scalars: keys))
        #expect(zip(weights.scalars, expected).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(abs(context.scalar - zip(expected, keys).map { $0 * $1 }.reduce(0, +)) < 1e-15)
    }

    @Test func layerNormByHand() {
        // x = (1, 2, 3): mean 2, biased variance 2/3.
        let norm = LayerNorm<Double>(size: 3, epsilon: 0)
        let y = norm(Tensor([1, 2, 3]).reshaped(to: [1, 3])).scalars
        let s = (2.0 / 3).squareRoot()
        #expect(zip(y, [-1 / s, 0, 1 / s]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func crossEntropyByHand() {
        // Row (0, ln 3): p(1) = 3/4; row (0, 0): p(0) = 1/2; the third row is padding.
        let logits = Tensor<Double>(rows: [[0, 1.0986122886681098], [0, 0], [5, -5]])
        let loss = crossEntropy(logits: logits, targets: [1, 0, -100], ignoreIndex: -100).scalar
        #expect(abs(loss - (-(0.75.logValue) - 0.5.logValue) / 2) < 1e-12)
    }

    @Test func dropoutKeepsTheExpectationAndSwitchesOffInEvaluation() {
        let dropout = Dropout<Double>(probability: 0.25, seed: 5)
        let x = Tensor<Double>.ones([100_000])
        let y = dropout(x).scalars
        let zeros = y.filter { $0 == 0 }.count
        // Binomial(100 000, 0.25): standard deviation ≈ 137 zeros; allow five.
        #expect(abs(zeros - 25_000) < 5 * 137)
        #expect(y.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-15 })
        dropout.setTraining(false)
        #expect(dropout(x).scalars == x.scalars)
    }

    @Test func dropoutGradientIsTheSameMask() {
        // y = m ⊙ x with m ∈ {0, 1/(1 − p)}: ∂Σy/∂x = m, read back from y/x.
        var g = SeededGenerator(seed: 6)
        let x = Tensor<Double>.randomUniform([1000], low: 0.5, high: 2, generator: &g, requiresGradient: true)
        let dropout = Dropout<Double>(probability: 0.4, seed: 7)
        let y = dropout(x)
        y.sum().backward()
        let mask = zip(y.scalars, x.scalars).map { $0 / $1 }
        #expect(zip(x.gradient!.scalars, mask).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(Set(x.gradient!.scalars.map { ($0 * 0.6 * 1e9).rounded() / 1e9 }) == [0, 1])
    }
}

extension Double {
    /// The natural logarithm, for readable expectations.
    var logValue: Double { libmLog(self) }
}
