import Foundation
import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// The Transformer's layers: sinusoidal positions by hand, gradient checks in Float64, an encoder
/// layer on one position worked out with plain operations, masks proven by perturbation, PyTorch's names.
@Suite("Transformer layers")
struct TransformerLayerTests {
    @Test func sinusoidalPositionsByHand() {
        // d = 4: ω₀ = 1, ω₁ = 10000^(−2/4) = 0.01.
        let pe: Tensor<Double> = sinusoidalPositions(length: 3, dimension: 4)
        let expected: [Double] = [0, 1, 0, 1,
                                  sin(1), cos(1), sin(0.01), cos(0.01),
                                  sin(2), cos(2), sin(0.02), cos(0.02)]
        #expect(pe.shape == [3, 4])
        #expect(allClose(pe.scalars, expected, 1e-15))
    }

    @Test(arguments: [1, 5, 37])
    func aShiftIsAFixedRotation(offset: Int) {
        let d = 16, length = 60
        let pe: Tensor<Double> = sinusoidalPositions(length: length + offset, dimension: d)
        let m = sinusoidalShift(by: offset, dimension: d)
        let earlier = pe.slice(alongAxis: 0, 0..<length)                // [T, d]
        let later = pe.slice(alongAxis: 0, offset..<(length + offset))  // [T, d]
        #expect(largestDifference(earlier.matmul(m, transposeOther: true), later) <= 1e-12)
    }

    func encoderLayer(_ placement: NormPlacement, seed: UInt64) -> TransformerEncoderLayer<Double> {
        var g = SeededGenerator(seed: seed)
        let layer = TransformerEncoderLayer<Double>(modelSize: 4, headCount: 2, feedForwardSize: 6, placement: placement,
                                                    generator: &g)
        layer.selfAttention.inProjectionBias.assign(random([12], seed: seed + 1).scalars)
        layer.norm1.bias.assign(random([4], seed: seed + 2).scalars)
        layer.norm2.weight.assign(random([4], seed: seed + 3).scalars)
        return layer
    }

    @Test(arguments: NormPlacement.allCases)
    func encoderLayerGradient(placement: NormPlacement) {
        let layer = encoderLayer(placement, seed: 30)
        let x = random([2, 3, 4], seed: 35)
        let mask = Tensor<Double>(shape: [2, 1, 1, 3], scalars: [0, 0, 0, 0, 0, 1])
        let report = GradientChecker.check(parameters: layer.parameters + [x]) { layer(x, mask: mask).output }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test(arguments: NormPlacement.allCases)
    func decoderLayerGradient(placement: NormPlacement) {
        var g = SeededGenerator(seed: 40)
        let layer = TransformerDecoderLayer<Double>(modelSize: 4, headCount: 2, feedForwardSize: 6, placement: placement,
                                                    generator: &g)
        layer.crossAttention.inProjectionBias.assign(random([12], seed: 41).scalars)
        let x = random([2, 3, 4], seed: 42), memory = random([2, 5, 4], seed: 43)
        let memoryMask = Tensor<Double>(shape: [2, 1, 1, 5], scalars: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        let report = GradientChecker.check(parameters: layer.parameters + [x, memory]) {
            layer(x, memory: memory, selfMask: causalMask(3), memoryMask: memoryMask).output
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    /// On one position every weight is 1, so self-attention is the value projection followed by the
    /// output projection: x + W_o(W_v·n₁(x) + b_v) + b_o, then the feed-forward block.
    @Test func encoderLayerOnOnePositionByHand() {
        let layer = encoderLayer(.before, seed: 50)
        let x = random([1, 1, 4], seed: 55, requiresGradient: false)
        func norm(_ v: Tensor<Double>, _ n: LayerNorm<Double>) -> Tensor<Double> {
            let centred = v - v.mean(alongAxis: -1, keepingDimensions: true)
            return centred / (centred.squared().mean(alongAxis: -1, keepingDimensions: true) + 1e-5).squareRoot() * n.weight + n.bias
        }
        let a = layer.selfAttention
        let wv = a.inProjectionWeight.slice(alongAxis: 0, 8..<12), bv = a.inProjectionBias.slice(alongAxis: 0, 8..<12)
        let value = norm(x, layer.norm1).matmul(wv, transposeOther: true) + bv
        let h = x + value.matmul(a.outProjection.weight, transposeOther: true) + a.outProjection.bias!
        let hidden = (norm(h, layer.norm2).matmul(layer.linear1.weight, transposeOther: true) + layer.linear1.bias!).relu()
        let expected = h + hidden.matmul(layer.linear2.weight, transposeOther: true) + layer.linear2.bias!
        #expect(largestDifference(layer(x).output, expected) <= 1e-12)
    }

    @Test func decoderOutputsBeforeAChangeDoNotMove() {
        var g = SeededGenerator(seed: 60)
        let layer = TransformerDecoderLayer<Double>(modelSize: 8, headCount: 2, feedForwardSize: 16, generator: &g)
        let x = random([2, 6, 8], seed: 61, requiresGradient: false), memory = random([2, 4, 8], seed: 62, requiresGradient: false)
        let changed = Tensor.concatenate([x.slice(alongAxis: 1, 0..<3), random([2, 3, 8], seed: 63, requiresGradient: false)],
                                         alongAxis: 1)
        let before = layer(x, memory: memory, selfMask: causalMask(6), memoryMask: nil).output
        let after = layer(changed, memory: memory, selfMask: causalMask(6), memoryMask: nil).output
        #expect(before.slice(alongAxis: 1, 0..<3).scalars == after.slice(alongAxis: 1, 0..<3).scalars)
        #expect(before.slice(alongAxis: 1, 3..<6).scalars != after.slice(alongAxis: 1, 3..<6).scalars)
    }

    @Test func paddedPositionsDoNotReachRealOnes() {
        let layer = encoderLayer(.after, seed: 70)
        let x = random([1, 5, 4], seed: 71, requiresGradient: false)
        let changed = Tensor.concatenate([x.slice(alongAxis: 1, 0..<3), random([1, 2, 4], seed: 72, requiresGradient: false)],
                                         alongAxis: 1)
        let mask = Tensor<Double>(shape: [1, 1, 1, 5], scalars: [0, 0, 0, 1, 1])
        let before = layer(x, mask: mask), after = layer(changed, mask: mask)
        #expect(before.output.slice(alongAxis: 1, 0..<3).scalars == after.output.slice(alongAxis: 1, 0..<3).scalars)
        #expect(before.weights.slice(alongAxis: 3, 3..<5).scalars.allSatisfy { $0 == 0 })
    }

    @Test func namesAreThoseOfPyTorch() {
        var g = SeededGenerator(seed: 80)
        let transformer = Transformer<Float>(modelSize: 8, headCount: 2, encoderLayerCount: 1, decoderLayerCount: 1,
                                             feedForwardSize: 16, generator: &g)
        let attention = ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]
        let feedForward = ["linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"]
        func norms(_ count: Int) -> [String] { (1...count).flatMap { ["norm\($0).weight", "norm\($0).bias"] } }
        let encoder = (attention.map { "self_attn." + $0 } + feedForward + norms(2)).map { "encoder.layers.0." + $0 }
        let decoder = (attention.map { "self_attn." + $0 } + attention.map { "multihead_attn." + $0 } + feedForward + norms(3))
            .map { "decoder.layers.0." + $0 }
        let expected = encoder + ["encoder.norm.weight", "encoder.norm.bias"] + decoder
            + ["decoder.norm.weight", "decoder.norm.bias"]
        #expect(transformer.namedParameters.map(\.name) == expected)
        let shapes = Dictionary(uniqueKeysWithValues: transformer.namedParameters.map { ($0.name, $0.tensor.shape) })
        #expect(shapes["encoder.layers.0.self_attn.in_proj_weight"] == [24, 8])
        #expect(shapes["decoder.layers.0.linear1.weight"] == [16, 8])
        #expect(shapes["decoder.layers.0.linear2.weight"] == [8, 16])
    }
}
