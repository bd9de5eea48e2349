/// Dot products of the rows of a matrix with vectors, out[r] = Σ_c A[r, c]·v_r[c], each with the
/// bits of the plain loop `s += A[r, c] * v_r[c]` over c from s = 0 (every product rounded, then
/// added in order). Row r takes vector r / rowsPerVector: one vector for all rows, or one per
/// group of rows (the time steps of one batch entry).
///
/// The plain loop is one chain of dependent additions per row, so a row waits several cycles per
/// column. Here eight rows are summed side by side, one per vector lane, each lane in the plain
/// loop's order: the same bits, without the wait.
package enum RowDotProducts {
    /// out[r] = Σ_c a[r·rowStride + c]·v[(r / rowsPerVector)·vectorStride + c] for r in 0..<rows.
    package static func compute<T: TensorScalar>(_ a: UnsafePointer<T>, rows: Int, columns: Int, rowStride: Int,
                                                 vectors v: UnsafePointer<T>, rowsPerVector: Int, vectorStride: Int,
                                                 into out: UnsafeMutablePointer<T>) {
        precondition(rowsPerVector > 0)
        if T.self == Float.self {
            floats(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), rows: rows, columns: columns,
                   rowStride: rowStride, vectors: UnsafeRawPointer(v).assumingMemoryBound(to: Float.self),
                   rowsPerVector: rowsPerVector, vectorStride: vectorStride,
                   into: UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self))
            return
        }
        // Double serves the gradient checks, not training: the plain loop.
        for r in 0..<rows {
            let row = a + r * rowStride, vector = v + r / rowsPerVector * vectorStride
            var sum: T = 0
            for c in 0..<columns { sum += row[c] * vector[c] }
            out[r] = sum
        }
    }

    /// The Float loops: eight rows at a time, then the rows left over one by one.
    static func floats(_ a: UnsafePointer<Float>, rows: Int, columns: Int, rowStride: Int,
                       vectors v: UnsafePointer<Float>, rowsPerVector: Int, vectorStride: Int,
                       into out: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        // Eight columns of the eight rows at a time, transposed in registers into `block`, so that
        // column c of the rows is one vector load instead of eight element loads.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 64) { buffer in
            let block = buffer.baseAddress!
            var r0 = 0
            while r0 + 8 <= rows {
                let row = a + r0 * rowStride
                @inline(__always) func column(_ c: Int) -> V {
                    V(row[c], row[rowStride + c], row[2 * rowStride + c], row[3 * rowStride + c],
                      row[4 * rowStride + c], row[5 * rowStride + c], row[6 * rowStride + c], row[7 * rowStride + c])
                }
                /// Σ_c column(c) · vectors(c), in column order, where `vectors(c)` holds each lane's element c.
                @inline(__always) func sum(against vectors: (Int) -> V) -> V {
                    var sums = V(), c = 0
                    while c + 8 <= columns {
                        Float.transpose8x8(from: row + c, stride: rowStride, to: block, stride: 8)
                        for j in 0..<8 {
                            sums = sums + UnsafeRawPointer(block + 8 * j).loadUnaligned(as: V.self) * vectors(c + j)
                        }
                        c += 8
                    }
                    for c in c..<columns { sums = sums + column(c) * vectors(c) }
                    return sums
                }
                let sums: V
                if r0 / rowsPerVector == (r0 + 7) / rowsPerVector {
                    let vector = v + r0 / rowsPerVector * vectorStride
                    sums = sum { V(repeating: vector[$0]) }
                } else if rowsPerVector >= 8 {
                    // The eight rows straddle two vectors: the first lanes read one, the others the next.
                    let first = r0 / rowsPerVector, vector = v + first * vectorStride, next = vector + vectorStride
                    var readsNext = SIMDMask<SIMD8<Int32>>()
                    for lane in 0..<8 { readsNext[lane] = (r0 + lane) / rowsPerVector != first }
                    sums = sum { V(repeating: vector[$0]).replacing(with: next[$0], where: readsNext) }
                } else {
                    // The eight rows reach over more than two vectors: each lane reads its own.
                    var offsets = SIMD8<Int>()
                    for lane in 0..<8 { offsets[lane] = (r0 + lane) / rowsPerVector * vectorStride }
                    sums = sum { c in
                        V(v[offsets[0] + c], v[offsets[1] + c], v[offsets[2] + c], v[offsets[3] + c],
                          v[offsets[4] + c], v[offsets[5] + c], v[offsets[6] + c], v[offsets[7] + c])
                    }
                }
                for lane in 0..<8 { out[r0 + lane] = sums[lane] }
                r0 += 8
            }
            for r in r0..<rows {
                let row = a + r * rowStride, vector = v + r / rowsPerVector * vectorStride
                var sum: Float = 0
                for c in 0..<columns { sum += row[c] * vector[c] }
                out[r] = sum
            }
        }
    }
}
