/// Copies a block of op(A), `rows × depth`, into panels of six rows laid out column by column
/// (six elements of one column of op(A), then the next column), as both micro-kernels read A;
/// the last, partial panel is padded with zeros.
///
/// Written once for Float and Double and specialised for each, so each type's `packA` calls a
/// loop compiled for its concrete type.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func packPanelsOfSixRows<Scalar: MatrixMultiplyScalarBase>(transposed: Bool, a: UnsafePointer<Scalar>, lda: Int,
                                                       rows: Int, depth: Int,
                                                       into packed: UnsafeMutablePointer<Scalar>) {
    var destination = packed
    var i0 = 0
    while i0 < rows {
        let panelRows = Swift.min(6, rows - i0)
        if panelRows == 6 && !transposed {
            let r0 = a + i0 * lda, r1 = r0 + lda, r2 = r1 + lda
            let r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
            for p in 0..<depth {
                destination[0] = r0[p]; destination[1] = r1[p]; destination[2] = r2[p]
                destination[3] = r3[p]; destination[4] = r4[p]; destination[5] = r5[p]
                destination += 6
            }
        } else if panelRows == 6 {
            var source = a + i0
            for _ in 0..<depth {
                destination[0] = source[0]; destination[1] = source[1]; destination[2] = source[2]
                destination[3] = source[3]; destination[4] = source[4]; destination[5] = source[5]
                destination += 6
                source += lda
            }
        } else {
            // The last, partial panel: zeros, then the valid rows.
            destination.update(repeating: 0, count: 6 * depth)
            for r in 0..<panelRows {
                let i = i0 + r
                if transposed {
                    for p in 0..<depth { destination[p * 6 + r] = a[p * lda + i] }
                } else {
                    let row = a + i * lda
                    for p in 0..<depth { destination[p * 6 + r] = row[p] }
                }
            }
            destination += 6 * depth
        }
        i0 += 6
    }
}
