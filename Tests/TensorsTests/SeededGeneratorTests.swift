import Testing
import TestSupport
@testable import Tensors

@Suite("Seeded random numbers")
struct SeededGeneratorTests {
    @Test func matchesTheSplitMix64ReferenceSequence() {
        // The first outputs of the published SplitMix64 reference implementation for seed 0.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func sameSeedSameNumbersOtherSeedOthers() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let x = Tensor<Float>.randomNormal([100], generator: &a)
        let y = Tensor<Float>.randomNormal([100], generator: &b)
        let z = Tensor<Float>.randomNormal([100], generator: &c)
        #expect(x.scalars == y.scalars)
        #expect(x.scalars != z.scalars)
    }

    @Test func portableLogarithmAgreesWithTheCLibrary() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<10_000 {
            let x = generator.nextUniform() * 4 + 1e-300
            #expect(abs(portableLog(x) - libmLog(x)) <= 2e-15 * max(1, abs(libmLog(x))))
        }
    }

    @Test func normalSamplesHaveMeanZeroAndVarianceOne() {
        // With n = 200 000 samples the standard error of the mean is 1/√n ≈ 0.0022;
        // of the variance √(2/n) ≈ 0.0032. Five standard errors leave room for chance only.
        var generator = SeededGenerator(seed: 3)
        let n = 200_000
        let samples = (0..<n).map { _ in generator.nextNormal() }
        let mean = samples.reduce(0, +) / Double(n)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        #expect(abs(mean) < 5 * 0.0022)
        #expect(abs(variance - 1) < 5 * 0.0032)
    }

    @Test func uniformSamplesStayInRange() {
        var generator = SeededGenerator(seed: 9)
        let t = Tensor<Double>.randomUniform([10_000], low: -2, high: 3, generator: &generator)
        #expect(t.scalars.allSatisfy { $0 >= -2 && $0 < 3 })
        #expect(abs(t.mean().scalar - 0.5) < 0.1)
        #expect(generator.permutation(10).sorted() == Array(0..<10))
    }

    @Test func integersCoverTheirRangeEvenly() {
        // 70 000 draws over 7 values: each count is Binomial(70 000, 1/7), standard deviation ≈ 93.
        var generator = SeededGenerator(seed: 4)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.nextInt(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 5 * 93 }, "\(counts)")
        #expect((0..<1000).map { _ in generator.integer(in: -2...2) }.allSatisfy { (-2...2).contains($0) })
    }

    @Test func shuffleIsAPermutation() {
        var generator = SeededGenerator(seed: 2)
        var a = Array(0..<50)
        generator.shuffle(&a)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
    }
}
