/// The Float32 micro-kernel and packing: tiles of 6 × 16, held in twelve `SIMD8<Float>`
/// accumulators (twelve of the sixteen AVX registers; the rest hold two rows of B and a
/// broadcast element of A), updated with fused multiply-adds.
extension Float: MatrixMultiplyScalar {
    static var microRows: Int { 6 }
    static var microColumns: Int { 16 }
    static var blockRows: Int { 120 }
    static var blockDepth: Int { 256 }
    static var blockColumns: Int { 2048 }

    static func packA(transposed: Bool, a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Float>) {
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
                for p in 0..<depth {
                    for r in 0..<6 {
                        let i = i0 + r
                        destination[r] = r < panelRows ? (transposed ? a[p * lda + i] : a[i * lda + p]) : 0
                    }
                    destination += 6
                }
            }
            i0 += 6
        }
    }

    static func packB(transposed: Bool, b: UnsafePointer<Float>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        var destination = UnsafeMutableRawPointer(packed)
        var j0 = 0
        while j0 < columns {
            let panelColumns = Swift.min(16, columns - j0)
            if panelColumns == 16 && !transposed {
                var source = UnsafeRawPointer(b + j0)
                let step = ldb * MemoryLayout<Float>.stride
                for _ in 0..<depth {
                    let low = source.loadUnaligned(as: SIMD8<Float>.self)
                    let high = source.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                    destination.storeBytes(of: low, as: SIMD8<Float>.self)
                    destination.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
                    destination += 64
                    source += step
                }
            } else if panelColumns == 16 {
                let panel = destination.assumingMemoryBound(to: Float.self)
                let source = b + j0 * ldb
                var p = 0
                while p + 8 <= depth {
                    transpose8x8(from: source + p, stride: ldb, to: panel + p * 16, stride: 16)
                    transpose8x8(from: source + 8 * ldb + p, stride: ldb, to: panel + p * 16 + 8, stride: 16)
                    p += 8
                }
                for c in 0..<16 {
                    for q in p..<depth { panel[q * 16 + c] = source[c * ldb + q] }
                }
                destination += depth * 64
            } else {
                let panel = destination.assumingMemoryBound(to: Float.self)
                for p in 0..<depth {
                    for c in 0..<16 {
                        let j = j0 + c
                        panel[p * 16 + c] = c < panelColumns ? (transposed ? b[j * ldb + p] : b[p * ldb + j]) : 0
                    }
                }
                destination += depth * 64
            }
            j0 += 16
        }
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

    /// Writes the transpose of the 8 × 8 block at `source` (rows `sourceStride` apart) to
    /// `target` (rows `targetStride` apart), with three rounds of in-register shuffles.
    @inline(__always)
    static func transpose8x8(from source: UnsafePointer<Float>, stride sourceStride: Int,
                             to target: UnsafeMutablePointer<Float>, stride targetStride: Int) {
        typealias V = SIMD8<Float>
        @inline(__always) func row(_ i: Int) -> V {
            UnsafeRawPointer(source + i * sourceStride).loadUnaligned(as: V.self)
        }
        // Interleave pairs of rows, then pairs of pairs, then the 128-bit halves.
        @inline(__always) func low(_ a: V, _ b: V) -> V { V(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]) }
        @inline(__always) func high(_ a: V, _ b: V) -> V { V(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]) }
        @inline(__always) func lowPairs(_ a: V, _ b: V) -> V { V(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5]) }
        @inline(__always) func highPairs(_ a: V, _ b: V) -> V { V(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7]) }
        @inline(__always) func lowHalves(_ a: V, _ b: V) -> V { V(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]) }
        @inline(__always) func highHalves(_ a: V, _ b: V) -> V { V(a[4], a[5], a[6], a[7], b[4], b[5], b[6], b[7]) }
        @inline(__always) func store(_ i: Int, _ v: V) {
            UnsafeMutableRawPointer(target + i * targetStride).storeBytes(of: v, as: V.self)
        }
        let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
        let r4 = row(4), r5 = row(5), r6 = row(6), r7 = row(7)
        let t0 = low(r0, r1), t1 = high(r0, r1), t2 = low(r2, r3), t3 = high(r2, r3)
        let t4 = low(r4, r5), t5 = high(r4, r5), t6 = low(r6, r7), t7 = high(r6, r7)
        let s0 = lowPairs(t0, t2), s1 = highPairs(t0, t2), s2 = lowPairs(t1, t3), s3 = highPairs(t1, t3)
        let s4 = lowPairs(t4, t6), s5 = highPairs(t4, t6), s6 = lowPairs(t5, t7), s7 = highPairs(t5, t7)
        store(0, lowHalves(s0, s4)); store(1, lowHalves(s1, s5))
        store(2, lowHalves(s2, s6)); store(3, lowHalves(s3, s7))
        store(4, highHalves(s0, s4)); store(5, highHalves(s1, s5))
        store(6, highHalves(s2, s6)); store(7, highHalves(s3, s7))
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
