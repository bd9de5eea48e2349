import Testing
import Book

/// Spearman's ρ against values worked out by hand.
@Suite("Rank correlation")
struct RankCorrelationTests {
    @Test("ties share the mean of their ranks")
    func averageRanksOfTies() {
        #expect(averageRanks([0.3, 0.1, 0.3, 0.9]) == [2.5, 1, 2.5, 4])
    }

    @Test("the same order gives 1, the opposite order −1, whatever the spacing")
    func perfectOrders() {
        #expect(abs(spearmanRankCorrelation([1, 2, 3, 4], [0.01, 5, 7, 100]) - 1) < 1e-15)
        #expect(abs(spearmanRankCorrelation([1, 2, 3, 4], [9, 3, 2, -1]) + 1) < 1e-15)
    }

    @Test("one swapped pair of five: 1 − 6·Σd²/(n(n²−1)) = 1 − 12/120 = 0.9")
    func oneSwap() {
        #expect(abs(spearmanRankCorrelation([1, 2, 3, 4, 5], [1, 2, 3, 5, 4]) - 0.9) < 1e-15)
    }

    @Test("a constant list has no order: NaN")
    func constantList() {
        #expect(spearmanRankCorrelation([1, 1, 1], [1, 2, 3]).isNaN)
    }
}
