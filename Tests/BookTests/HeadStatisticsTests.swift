import Foundation
import Testing
import Tensors
@testable import Book

/// Head statistics on weights worked out by hand.
@Suite struct HeadStatisticsTests {
    @Test func oneHotAndEvenWeights() {
        // Row 0 has 3 real positions of 4, row 1 all 4. Head 0 looks at itself, head 1 spreads evenly.
        let (batch, heads, t) = (2, 2, 4)
        var scalars = [Float](repeating: 0, count: batch * heads * t * t)
        for b in 0..<batch {
            for q in 0..<t {
                let n = b == 0 ? 3 : 4
                scalars[((b * heads + 0) * t + q) * t + min(q, n - 1)] = 1
                for k in 0..<n { scalars[((b * heads + 1) * t + q) * t + k] = 1 / Float(n) }
            }
        }
        let weights = Tensor<Float>(shape: [batch, heads, t, t], scalars: scalars)
        let distance = meanAttentionDistance(weights, queryLengths: [3, 4], keyLengths: [3, 4]) { q, _ in q }
        #expect(abs(distance[0]) < 1e-7)
        // Even weights: mean |j − t| over 3 keys is (1 + 2/3 + 1)/3 for t = 0, 1, 2; over 4 keys (1.5 + 1 + 1 + 1.5)/4.
        let expected = ((1 + 2.0 / 3 + 1) + (1.5 + 1 + 1 + 1.5)) / 7
        #expect(abs(distance[1] - expected) < 1e-6)
        let entropy = meanAttentionEntropy(weights, queryLengths: [3, 4])
        #expect(abs(entropy[0]) < 1e-7)
        #expect(abs(entropy[1] - (3 * log(3.0) + 4 * log(4.0)) / 7) < 1e-6)
    }
}
