import Testing
import Book

@Suite struct ResidentMemoryTests {
    @Test func peakCountsMemoryThisProcessTouched() {
        // 64 MB written page by page is resident at once, so the peak is at least that much; a
        // reading in the wrong unit (bytes taken for kilobytes, or the reverse) misses by 1024×.
        let count = 64 << 20
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        defer { block.deallocate() }
        for page in stride(from: 0, to: count, by: 4096) { block[page] = UInt8(truncatingIfNeeded: page >> 12) }
        let peak = ResidentMemory.peakMegabytes
        #expect(peak >= 64, "peak \(peak) MB after touching 64 MB")
        #expect(peak < 1_048_576, "peak \(peak) MB: more than a terabyte")
        #expect(block[4096] == 1)
    }
}
