/// The Float32 micro-kernel: tiles of 6 × 16, held in twelve `SIMD8<Float>`
/// accumulators (twelve of the sixteen AVX registers; the rest hold two rows of B and a
/// broadcast element of A), updated with fused multiply-adds.
extension Float: MatrixMultiplyScalar {
    static var tiling: MatrixTiling {
        MatrixTiling(microRows: 6, microColumns: 16, blockRows: 120, blockDepth: 256, blockColumns: 2048)
    }

    static func microKernel(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                            c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
                            alpha: Float, beta: Float) {
        // Edge tiles use a smaller register block, so that less of the work is padding.
        let arguments = (depth, a, b, c, ldc, rows, columns, alpha, beta)
        if columns > 8 {
            if rows > 4 { tile(arguments, FloatTile6x16.self) }
            else if rows > 2 { tile(arguments, FloatTile4x16.self) }
            else { tile(arguments, FloatTile2x16.self) }
        } else {
            if rows > 4 { tile(arguments, FloatTile6x8.self) }
            else if rows > 2 { tile(arguments, FloatTile4x8.self) }
            else { tile(arguments, FloatTile2x8.self) }
        }
    }

    /// The arguments of `microKernel`, passed on to `tile` as one value.
    typealias TileArguments = (depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                               c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
                               alpha: Float, beta: Float)

    /// One tile of `Shape.rows` (2, 4 or 6) rows and 16 (`Shape.wide`) or 8 columns. Each
    /// shape gets its own specialised copy in which the unused accumulators and branches fold
    /// away, so that the accumulators stay in registers.
    static func tile<Shape: FloatTileShape>(_ t: TileArguments, _: Shape.Type) {
        typealias V = SIMD8<Float>
        let kernelRows = Shape.rows, wide = Shape.wide
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = t.a
        var pb = UnsafeRawPointer(t.b)
        for _ in 0..<t.depth {
            let b0 = pb.loadUnaligned(as: V.self)
            let b1 = wide ? pb.loadUnaligned(fromByteOffset: 32, as: V.self) : V()
            var e = V(repeating: pa[0])
            c00.addProduct(e, b0); if wide { c01.addProduct(e, b1) }
            e = V(repeating: pa[1])
            c10.addProduct(e, b0); if wide { c11.addProduct(e, b1) }
            if kernelRows > 2 {
                e = V(repeating: pa[2])
                c20.addProduct(e, b0); if wide { c21.addProduct(e, b1) }
                e = V(repeating: pa[3])
                c30.addProduct(e, b0); if wide { c31.addProduct(e, b1) }
            }
            if kernelRows > 4 {
                e = V(repeating: pa[4])
                c40.addProduct(e, b0); if wide { c41.addProduct(e, b1) }
                e = V(repeating: pa[5])
                c50.addProduct(e, b0); if wide { c51.addProduct(e, b1) }
            }
            pa += 6
            pb += 64
        }
        let alpha = t.alpha, beta = t.beta
        if t.columns == (wide ? 16 : 8) {
            // Whole rows of the tile: vector loads and stores straight to C.
            @inline(__always)
            func update(_ row: Int, _ low: V, _ high: V) {
                guard row < t.rows else { return }
                let target = UnsafeMutableRawPointer(t.c + row * t.ldc)
                var newLow = low * alpha
                if beta != 0 { newLow.addProduct(V(repeating: beta), target.loadUnaligned(as: V.self)) }
                target.storeBytes(of: newLow, as: V.self)
                if wide {
                    var newHigh = high * alpha
                    if beta != 0 {
                        newHigh.addProduct(V(repeating: beta), target.loadUnaligned(fromByteOffset: 32, as: V.self))
                    }
                    target.storeBytes(of: newHigh, toByteOffset: 32, as: V.self)
                }
            }
            update(0, c00, c01); update(1, c10, c11)
            if kernelRows > 2 { update(2, c20, c21); update(3, c30, c31) }
            if kernelRows > 4 { update(4, c40, c41); update(5, c50, c51) }
            return
        }
        // A partial row width: spill the tile and copy the valid part element by element.
        withUnsafeTemporaryAllocation(of: V.self, capacity: 12) { spill in
            spill[0] = c00; spill[1] = c01; spill[2] = c10; spill[3] = c11; spill[4] = c20; spill[5] = c21
            spill[6] = c30; spill[7] = c31; spill[8] = c40; spill[9] = c41; spill[10] = c50; spill[11] = c51
            let products = UnsafeRawPointer(spill.baseAddress!).assumingMemoryBound(to: Float.self)
            for r in 0..<t.rows {
                let target = t.c + r * t.ldc
                for j in 0..<t.columns {
                    let product = alpha * products[r * 16 + j]
                    target[j] = beta == 0 ? product : product + beta * target[j]
                }
            }
        }
    }
}

/// The register block of one Float micro-kernel variant.
protocol FloatTileShape {
    /// Rows of C computed: 2, 4 or 6.
    static var rows: Int { get }
    /// Whether the tile is 16 columns wide (else 8).
    static var wide: Bool { get }
}

enum FloatTile6x16: FloatTileShape { static var rows: Int { 6 }; static var wide: Bool { true } }
enum FloatTile4x16: FloatTileShape { static var rows: Int { 4 }; static var wide: Bool { true } }
enum FloatTile2x16: FloatTileShape { static var rows: Int { 2 }; static var wide: Bool { true } }
enum FloatTile6x8: FloatTileShape { static var rows: Int { 6 }; static var wide: Bool { false } }
enum FloatTile4x8: FloatTileShape { static var rows: Int { 4 }; static var wide: Bool { false } }
enum FloatTile2x8: FloatTileShape { static var rows: Int { 2 }; static var wide: Bool { false } }
