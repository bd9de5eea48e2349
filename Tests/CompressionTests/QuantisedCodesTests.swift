import Testing
import Compression

/// Stored codes take exactly the promised bits, read back to their cells' centres, and the front keeps the undominated points.
@Suite struct QuantisedCodesTests {
    @Test func fiveRowsOfTwoThreeBitValuesTakeFourBytes() {
        // 5 rows × 2 dimensions × 3 bits = 30 bits → 4 bytes (32 bits).
        let quantizer = UniformQuantizer(bits: 3, lows: [0, -1], highs: [8, 1])
        let codes: [Double] = [0.1, -0.9, 7.9, 0.9, 4.2, 0.0, 2.5, -0.3, 6.0, 0.6]
        let stored = QuantisedCodes(codes: codes, quantizer: quantizer)
        #expect(stored.bitsPerRow == 6 && stored.rows == 5)
        #expect(stored.bytes.count == 4 && stored.storedBits == 32)
        #expect(stored.indices() == [0, 0, 7, 7, 4, 4, 2, 2, 6, 6])
        // Cell centres: first dimension Δ = 1 (centre i + ½), second Δ = ¼ (centre −1 + (i + ½)/4).
        #expect(stored.decoded() == [0.5, -0.875, 7.5, 0.875, 4.5, 0.125, 2.5, -0.375, 6.5, 0.625])
    }

    @Test func theFrontKeepsOnlyPointsThatNothingBeats() {
        let rates: [Double] = [8, 4, 16, 8, 32, 12]
        let distortions: [Double] = [0.5, 0.9, 0.2, 0.6, 0.25, 0.4]
        // (4, 0.9) (8, 0.5) (12, 0.4) (16, 0.2); (8, 0.6) and (32, 0.25) are beaten.
        #expect(rateDistortionFront(rates: rates, distortions: distortions) == [1, 0, 5, 2])
    }
}
