import Testing
import Tensors
@testable import Book

@Suite struct AttentionMapsTests {
    /// Two examples of two output steps over three source positions: [2, 2, 3].
    let weights = Tensor<Float>(shape: [2, 2, 3], scalars: [0.7, 0.2, 0.1,  0.1, 0.8, 0.1,
                                                            0.2, 0.2, 0.6,  0.5, 0.4, 0.1])

    @Test func alignmentCountsPeaksOnTheExpectedPosition() {
        // Peaks: 0, 1 in the first example, 2, 0 in the second; the diagonal t holds for 2 of 4, the mirror S − 1 − t for 2.
        #expect(alignmentRate(weights) { t, _ in t } == 0.5)
        #expect(alignmentRate(weights, slack: 1) { t, _ in t } == 0.75)
        #expect(alignmentRate(weights) { t, length in length - 1 - t } == 0.5)  // peaks 1 (t = 1) and 2 (t = 0)
    }

    @Test func rowSumErrorIsTheWorstRow() {
        #expect(rowSumError(weights) < 1e-6)
        let off = Tensor<Float>(shape: [1, 2, 2], scalars: [0.5, 0.5, 0.5, 0.25])
        #expect(rowSumError(off) == 0.25)
    }

    @Test func theHeatmapHasOneRowPerOutputStep() {
        let map = attentionHeatmap(title: "t", weights: weights.select(alongAxis: 0, index: 1),
                                   rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"])
        #expect(map.values.count == 2 && map.values[0].count == 3)
        #expect(abs(map.values[1][0] - 0.5) < 1e-7)
        #expect(map.range == 0...1)
    }
}
