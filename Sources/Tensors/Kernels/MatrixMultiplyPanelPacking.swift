/// The height of the panels op(A) is packed into: the micro-kernel's rows (MR).
protocol PanelHeight {
    /// Rows per panel.
    static var rows: Int { get }
}

/// Panels of six rows: the Float32 kernel with 256-bit vectors (16 registers) and the Float64 kernel.
enum SixRowPanels: PanelHeight { static var rows: Int { 6 } }
/// Panels of eight rows: the Float32 kernel with 512-bit vectors (32 registers).
enum EightRowPanels: PanelHeight { static var rows: Int { 8 } }

/// Copies a block of op(A), `rows × depth`, into panels of `Height.rows` rows laid out column by
/// column (the panel's elements of one column of op(A), then the next column), as the
/// micro-kernels read A, each panel `panelStride` elements after the one before; the last,
/// partial panel is padded with zeros.
///
/// Written once for Float and Double and specialised for each and for each height, so that the
/// loops over a panel's rows are unrolled for a concrete type.
@_specialize(where Scalar == Float, Height == SixRowPanels)
@_specialize(where Scalar == Float, Height == EightRowPanels)
@_specialize(where Scalar == Double, Height == SixRowPanels)
func packPanels<Scalar: MatrixMultiplyScalarBase, Height: PanelHeight>(
    of _: Height.Type, transposed: Bool, a: UnsafePointer<Scalar>, lda: Int, rows: Int, depth: Int,
    into packed: UnsafeMutablePointer<Scalar>, panelStride: Int
) {
    let height = Height.rows
    var i0 = 0
    while i0 < rows {
        let panelRows = Swift.min(height, rows - i0)
        var destination = packed + i0 / height * panelStride
        if panelRows == height && !transposed {
            // Row pointers, then each column of the panel: one element from each row.
            let first = a + i0 * lda
            for p in 0..<depth {
                for r in 0..<height { destination[r] = first[r * lda + p] }
                destination += height
            }
        } else if panelRows == height {
            var source = a + i0
            for _ in 0..<depth {
                for r in 0..<height { destination[r] = source[r] }
                destination += height
                source += lda
            }
        } else {
            // The last, partial panel: zeros, then the valid rows.
            destination.update(repeating: 0, count: height * depth)
            for r in 0..<panelRows {
                let i = i0 + r
                if transposed {
                    for p in 0..<depth { destination[p * height + r] = a[p * lda + i] }
                } else {
                    let row = a + i * lda
                    for p in 0..<depth { destination[p * height + r] = row[p] }
                }
            }
        }
        i0 += height
    }
}
