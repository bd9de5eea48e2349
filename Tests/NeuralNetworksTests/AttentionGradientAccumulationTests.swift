import Testing
import TestSupport
import Tensors
@testable import NeuralNetworks

/// Keys and values that several decoder steps attend over get their gradients added in place:
/// the same bits as the gradients of each step computed apart and then added.
@Suite("Attention gradients added in place")
struct AttentionGradientAccumulationTests {
    /// The gradient of `tensor` after a backward pass from `loss()` alone.
    func gradient(of tensor: Tensor<Float>, _ loss: () -> Tensor<Float>) -> [Float] {
        tensor.zeroGradient()
        loss().backward()
        defer { tensor.zeroGradient() }
        return tensor.gradient!.scalars
    }

    @Test func keysScoredByTwoQueries() {
        let keys = randomFloat([3, 5, 8], seed: 1, requiresGradient: true), v = randomFloat([8], seed: 2)
        let (q1, q2) = (randomFloat([3, 8], seed: 3), randomFloat([3, 8], seed: 4))
        let (r1, r2) = (randomFloat([3, 5], seed: 5), randomFloat([3, 5], seed: 6))
        func loss(_ q: Tensor<Float>, _ r: Tensor<Float>) -> Tensor<Float> {
            (additiveScores(projectedKeys: keys, projectedQuery: q, v: v) * r).sum()
        }
        let apart = zip(gradient(of: keys) { loss(q1, r1) }, gradient(of: keys) { loss(q2, r2) }).map { $0 + $1 }
        (loss(q1, r1) + loss(q2, r2)).backward()
        #expect(differingBits(keys.gradient!.scalars, apart) == 0)
    }

    @Test func valuesSummedWithTwoSetsOfWeights() {
        let values = randomFloat([3, 5, 8], seed: 7, requiresGradient: true)
        let (w1, w2) = (randomFloat([3, 5], seed: 8), randomFloat([3, 5], seed: 9))
        let (r1, r2) = (randomFloat([3, 8], seed: 10), randomFloat([3, 8], seed: 11))
        func loss(_ w: Tensor<Float>, _ r: Tensor<Float>) -> Tensor<Float> {
            (weightedSum(weights: w, values: values) * r).sum()
        }
        let apart = zip(gradient(of: values) { loss(w1, r1) }, gradient(of: values) { loss(w2, r2) }).map { $0 + $1 }
        (loss(w1, r1) + loss(w2, r2)).backward()
        #expect(differingBits(values.gradient!.scalars, apart) == 0)
    }

    @Test func attentionOverTheSameKeysAtThreeStepsPassesTheGradientCheck() {
        let keys = random([2, 4, 3], seed: 12), v = random([3], seed: 13)
        let queries = (0..<3).map { random([2, 3], seed: 14 + UInt64($0)) }
        let report = GradientChecker.check(parameters: [keys, v] + queries) {
            Tensor.concatenate(queries.map { q in
                weightedSum(weights: additiveScores(projectedKeys: keys, projectedQuery: q, v: v).softmax(alongAxis: -1),
                            values: keys)
            }, alongAxis: 1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test("Scores and their gradients have the same bits on 1, 2 and 3 threads", arguments: [2, 3])
    func scoresOnSeveralThreads(threads: Int) {
        // 8 entries × 20 steps × 512 = 81,920 elements: enough work to be split.
        let keys = randomFloat([8, 20, 512], seed: 20, requiresGradient: true)
        let query = randomFloat([8, 512], seed: 21, requiresGradient: true), v = randomFloat([512], seed: 22)
        let r = randomFloat([8, 20], seed: 23)
        func run(_ count: Int) -> [[Float]] {
            let saved = MatrixMultiply.maximumThreads
            MatrixMultiply.maximumThreads = count
            defer { MatrixMultiply.maximumThreads = saved; keys.zeroGradient(); query.zeroGradient() }
            let scores = additiveScores(projectedKeys: keys, projectedQuery: query, v: v)
            (scores * r).sum().backward()
            return [scores.scalars, keys.gradient!.scalars, query.gradient!.scalars]
        }
        let one = run(1), several = run(threads)
        for (a, b) in zip(one, several) { #expect(differingBits(b, a) == 0) }
    }
}
