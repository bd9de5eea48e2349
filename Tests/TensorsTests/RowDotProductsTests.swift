import Testing
@testable import Tensors

/// The row dot products against the plain loop they replace: the same bits, row by row.
@Suite("Dot products of rows, eight at a time")
struct RowDotProductsTests {
    /// The plain loop `s += a · v` for one row, from s = 0.
    func plainDot(_ a: [Float], row: Int, columns: Int, rowStride: Int, _ v: [Float], vectorOffset: Int) -> Float {
        var sum: Float = 0
        for c in 0..<columns { sum += a[row * rowStride + c] * v[vectorOffset + c] }
        return sum
    }

    @Test("Same bits as the plain loop", arguments: [(1, 5, 1), (8, 16, 8), (13, 256, 13), (20, 33, 10), (21, 7, 3), (24, 41, 3), (40, 256, 10)])
    func sameBitsAsThePlainLoop(rows: Int, columns: Int, rowsPerVector: Int) {
        var generator = SeededGenerator(seed: UInt64(rows * 1000 + columns))
        let rowStride = columns + 3  // rows with a gap between them
        let a: [Float] = (0..<(rows * rowStride)).map { _ in Float(generator.nextUniform() * 2 - 1) * 100 }
        let groups = (rows + rowsPerVector - 1) / rowsPerVector, vectorStride = columns + 1
        let v: [Float] = (0..<(groups * vectorStride)).map { _ in Float(generator.nextUniform() * 2 - 1) }
        var out = [Float](repeating: .nan, count: rows)
        a.withUnsafeBufferPointer { pa in
            v.withUnsafeBufferPointer { pv in
                out.withUnsafeMutableBufferPointer { po in
                    RowDotProducts.compute(pa.baseAddress!, rows: rows, columns: columns, rowStride: rowStride,
                                           vectors: pv.baseAddress!, rowsPerVector: rowsPerVector,
                                           vectorStride: vectorStride, into: po.baseAddress!)
                }
            }
        }
        let expected = (0..<rows).map { r in
            plainDot(a, row: r, columns: columns, rowStride: rowStride, v, vectorOffset: r / rowsPerVector * vectorStride)
        }
        #expect(zip(out, expected).filter { $0.bitPattern != $1.bitPattern }.count == 0)
    }

    @Test func aHandWorkedCase() {
        // Rows [1, 2], [3, 4] against one vector [10, −1]: 8 and 26.
        let a: [Float] = [1, 2, 3, 4], v: [Float] = [10, -1]
        var out: [Float] = [0, 0]
        RowDotProducts.compute(a, rows: 2, columns: 2, rowStride: 2, vectors: v, rowsPerVector: 2, vectorStride: 0,
                               into: &out)
        #expect(out == [8, 26])
    }

    @Test func doubleRowsFollowThePlainLoop() {
        let a: [Double] = [0.5, -2, 3, 1, 1, 1], v: [Double] = [2, 4, 8]
        var out: [Double] = [0, 0]
        RowDotProducts.compute(a, rows: 2, columns: 3, rowStride: 3, vectors: v, rowsPerVector: 1, vectorStride: 0,
                               into: &out)
        let first: Double = 0.5 * 2 - 2 * 4 + 3 * 8
        #expect(out == [first, 14])
    }
}
