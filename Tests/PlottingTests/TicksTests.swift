import CMath
import Testing
@testable import Plotting

@Suite("Ticks")
struct TicksTests {
    /// Whether `step` is 1, 2 or 5 times a power of ten.
    func isNice(_ step: Double) -> Bool {
        let k = floor(log10(step) + 1e-9)
        let m = step / pow(10, k)
        return [1.0, 2.0, 5.0].contains { abs(m - $0) < 1e-6 }
    }

    @Test("linear ticks are evenly spaced 1, 2 or 5 × 10^k inside the range",
          arguments: [(0.0, 1.0), (-3.0, 7.0), (0.013, 0.021), (-150.0, 2950.0), (1e5, 3e5)])
    func linear(lo: Double, hi: Double) {
        let ticks = TickMaker.linear(lo, hi, maxCount: 8)
        #expect(ticks.count >= 2 && ticks.count <= 8)
        #expect(ticks.allSatisfy { $0.value >= lo - 1e-12 && $0.value <= hi + 1e-12 })
        let step = ticks[1].value - ticks[0].value
        #expect(isNice(step))
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b.value - a.value) - step) < step * 1e-9) }
        // Each value is a whole multiple of the step.
        #expect(ticks.allSatisfy { abs($0.value / step - ($0.value / step).rounded()) < 1e-6 })
    }

    @Test("tick labels show as many decimals as the step needs, with a true minus sign")
    func labels() {
        #expect(TickMaker.linear(-1, 1, maxCount: 5).compactMap(\.label?.text) == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
        #expect(TickMaker.linear(0, 3000, maxCount: 7).compactMap(\.label?.text) == ["0", "500", "1000", "1500", "2000", "2500", "3000"])
        #expect(TickMaker.fixed(0.125, decimals: 2) == "0.13" || TickMaker.fixed(0.125, decimals: 2) == "0.12")
        #expect(TickMaker.fixed(-0.001, decimals: 1) == "0.0")
    }

    @Test("log ticks over several decades label the powers of ten")
    func logDecades() {
        let ticks = TickMaker.log(0.003, 20, maxLabels: 10)
        let labelled = ticks.filter { $0.label != nil }
        #expect(labelled.map(\.value) == [0.01, 0.1, 1, 10])
        #expect(labelled.map { $0.label!.exponent } == ["\u{2212}2", "\u{2212}1", "0", "1"])
        // Unlabelled minor ticks at 2...9 × 10^k.
        #expect(ticks.contains { abs($0.value - 0.05) < 1e-12 && $0.label == nil })
    }

    @Test("a log axis within one decade still gets at least three labels")
    func logNarrow() {
        let labelled = TickMaker.log(0.3, 0.8, maxLabels: 10).filter { $0.label != nil }
        #expect(labelled.count >= 3)
        #expect(labelled.allSatisfy { $0.value >= 0.3 && $0.value <= 0.8 })
    }

    @Test("a log axis over two or three decades labels 1, 2 and 5 × 10^k as plain numbers")
    func logOneTwoFive() {
        let ticks = TickMaker.log(0.8, 80, maxLabels: 8)
        let labelled = ticks.filter { $0.label != nil }
        #expect(labelled.map(\.value) == [1, 2, 5, 10, 20, 50])
        #expect(labelled.map { $0.label!.text } == ["1", "2", "5", "10", "20", "50"])
        #expect(labelled.allSatisfy { $0.label!.exponent == nil })
        // Unlabelled minor ticks at the other multiples.
        #expect(ticks.contains { $0.value == 3 && $0.label == nil })
        // With room for fewer labels, the powers of ten alone.
        #expect(TickMaker.log(0.8, 80, maxLabels: 4).filter { $0.label != nil }.map(\.value) == [1, 10])
    }
}
