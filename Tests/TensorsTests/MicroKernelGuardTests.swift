import Testing
@testable import Tensors

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
@Suite("The micro-kernel refuses a tile it cannot hold")
struct MicroKernelGuardTests {
    @Test("a tile of 3 rows spanning two panels of B stops with one line naming microKernel")
    func tallTileOverTwoPanels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            // The paired tile holds 2 rows × two panels; row 3 would be dropped without the check.
            let columns = 2 * FloatKernelVector.scalarCount + 1, depth = 4
            let a = [Float](repeating: 1, count: FloatPanels.rows * depth)
            let b = [Float](repeating: 1, count: 4 * FloatKernelVector.scalarCount * depth)
            var c = [Float](repeating: 0, count: 3 * columns)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        Float.microKernel(depth: depth, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!,
                                          ldc: columns, source: UnsafePointer(pc.baseAddress!), lds: columns,
                                          rows: 3, columns: columns, alpha: 1, beta: 0, prefetch: nil, prefetchLines: 0)
                    }
                }
            }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("microKernel: a tile of 3 rows cannot span two panels of B"), "\(message)")
    }
}
#endif
