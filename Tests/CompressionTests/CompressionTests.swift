import Foundation
import Testing
import Compression

@Suite struct CompressionTests {
    @Test func cellsAndCentresByHand() {
        // Range [0, 1] in 2 bits: cells of 0.25, centres 0.125, 0.375, 0.625, 0.875.
        let quantizer = UniformQuantizer(bits: 2, lows: [0], highs: [1])
        #expect(quantizer.indices([0, 0.2, 0.25, 0.6, 0.99, 1, 1.7, -3]) == [0, 0, 1, 2, 3, 3, 3, 0])
        #expect(quantizer.values([0, 1, 2, 3]) == [0.125, 0.375, 0.625, 0.875])
    }

    @Test func theErrorInsideTheRangeIsAtMostHalfACell() {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let codes = (0..<3000).map { _ in next() * 8 - 3 }  // 1000 codes of dimension 3
        for bits in [1, 3, 6, 10] {
            let quantizer = UniformQuantizer.fitted(bits: bits, codes: codes, dimension: 3)
            let restored = quantizer.values(quantizer.indices(codes))
            let worst = zip(codes, restored).enumerated().map { abs($1.0 - $1.1) / quantizer.step($0 % 3) }.max()!
            #expect(worst <= 0.5 + 1e-12, "\(bits) bits: worst error \(worst) cells")
        }
    }

    @Test func packedBitsAreExactlyTheRateAndRoundTrip() {
        let values = [5, 0, 7, 3, 1, 6, 2]  // 7 values of 3 bits: 21 bits in 3 bytes
        let bytes = BitPacking.pack(values, bits: 3)
        #expect(bytes == [0b1010_0011, 0b1011_0011, 0b1001_0000])
        #expect(BitPacking.unpack(bytes, count: 7, bits: 3) == values)
        for bits in [1, 2, 5, 8, 12, 16] {
            let many = (0..<101).map { ($0 * 7919) % (1 << bits) }
            let packed = BitPacking.pack(many, bits: bits)
            #expect(packed.count == (101 * bits + 7) / 8)
            #expect(BitPacking.unpack(packed, count: 101, bits: bits) == many)
        }
    }

    @Test func psnrOfKnownErrors() {
        #expect(abs(peakSignalToNoiseRatio(meanSquaredError: 0.01) - 20) < 1e-12)
        #expect(abs(peakSignalToNoiseRatio(meanSquaredError: 1e-4, peak: 1) - 40) < 1e-12)
        #expect(abs(peakSignalToNoiseRatio(meanSquaredError: 4, peak: 255) - 10 * log10(255.0 * 255 / 4)) < 1e-12)
        #expect(peakSignalToNoiseRatio(meanSquaredError: 0) == .infinity)
    }
}
