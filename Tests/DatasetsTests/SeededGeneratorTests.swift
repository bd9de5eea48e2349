import Testing
@testable import Datasets

@Suite struct SeededGeneratorTests {
    @Test func splitMix64MatchesPublishedFirstOutputs() {
        // First outputs of SplitMix64 seeded with 0, as printed by its reference C implementation.
        var g = SeededGenerator(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func uniformNumbersHaveTheRightMoments() {
        var g = SeededGenerator(seed: 9)
        let n = 100_000
        let u = (0..<n).map { _ in g.unitDouble() }
        let mean = u.reduce(0, +) / Double(n)
        #expect(abs(mean - 0.5) < 0.01)
        let z = (0..<n).map { _ in g.normal() }
        let zMean = z.reduce(0, +) / Double(n)
        let zVar = z.map { ($0 - zMean) * ($0 - zMean) }.reduce(0, +) / Double(n)
        #expect(abs(zMean) < 0.02)
        #expect(abs(zVar - 1) < 0.02)
    }

    @Test func indexCoversItsRangeEvenly() {
        var g = SeededGenerator(seed: 4)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[g.index(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
    }

    @Test func shuffleIsAPermutation() {
        var g = SeededGenerator(seed: 2)
        var a = Array(0..<50)
        g.shuffle(&a)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
    }
}
