import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// What attention returns for a query whose every key is masked: uniform weights, the mean of the values.
@Suite("Fully masked attention rows")
struct FullyMaskedRowTests {
    @Test func scaledDotProductAttentionGivesUniformWeightsAndTheMeanOfTheValues() {
        let q = random([2, 3, 4], seed: 11), k = random([2, 5, 4], seed: 12), v = random([2, 5, 3], seed: 13)
        // Sequence 0 keeps its first two keys; sequence 1 has every key masked.
        let mask = Tensor<Double>(shape: [2, 1, 5], scalars: [0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
        let (output, weights) = scaledDotProductAttention(query: q, key: k, value: v, mask: mask)
        for row in 0..<3 {
            for t in 0..<5 { #expect(weights[1, row, t] == 0.2, "weight [1, \(row), \(t)] = \(weights[1, row, t])") }
            for d in 0..<3 {
                let mean = (0..<5).map { v[1, $0, d] }.reduce(0, +) / 5
                #expect(abs(output[1, row, d] - mean) < 1e-15)
                #expect(output[1, row, d].isFinite)
            }
            // The partly masked sequence is unaffected: its masked keys get exactly zero.
            for t in 2..<5 { #expect(weights[0, row, t] == 0) }
        }
    }

    @Test func fullyMaskedRowsHaveFiniteGradients() {
        let q = random([1, 2, 3], seed: 14), k = random([1, 4, 3], seed: 15), v = random([1, 4, 2], seed: 16)
        let mask = Tensor<Double>.ones([1, 1, 4])
        scaledDotProductAttention(query: q, key: k, value: v, mask: mask).output.sum().backward()
        // Each of 2 queries gives every value weight 1/4: ∂/∂v = 2/4; the scores are replaced, so ∂/∂q = ∂/∂k = 0.
        #expect(v.gradient!.scalars.allSatisfy { $0 == 0.5 })
        #expect(q.gradient!.scalars.allSatisfy { $0 == 0 })
        #expect(k.gradient!.scalars.allSatisfy { $0 == 0 })
    }

    @Test func additiveAttentionGivesUniformWeightsForAFullyMaskedSequence() {
        var g = SeededGenerator(seed: 17)
        let attention = AdditiveAttention<Double>(querySize: 3, keySize: 2, hiddenSize: 4, generator: &g)
        let keys = random([2, 4, 2], seed: 18, requiresGradient: false)
        let query = random([2, 3], seed: 19, requiresGradient: false)
        let mask = Tensor<Double>(shape: [2, 4], scalars: [0, 0, 0, 1, 1, 1, 1, 1])
        let (context, weights) = attention(query: query, keys: keys, mask: mask)
        #expect((0..<4).allSatisfy { weights[1, $0] == 0.25 })
        #expect(weights[0, 3] == 0)
        for d in 0..<2 {
            let mean = (0..<4).map { keys[1, $0, d] }.reduce(0, +) / 4
            #expect(abs(context[1, d] - mean) < 1e-15)
        }
    }
}
