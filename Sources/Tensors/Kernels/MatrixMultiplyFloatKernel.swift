import CCacheHints

#if KERNELS_AVX512
/// The vector the Float32 micro-kernel computes with: 16 lanes in a 512-bit AVX-512 register
/// (also the width of other libraries' element-wise Float loops).
package typealias FloatKernelVector = SIMD16<Float>
/// The micro-kernel's rows: AVX-512's 32 registers hold 16 accumulators.
typealias FloatPanels = EightRowPanels
#else
/// The vector the Float32 micro-kernel computes with: 8 lanes in a 256-bit AVX register (also
/// the portable build's choice, which the compiler splits into what the target has).
package typealias FloatKernelVector = SIMD8<Float>
/// The micro-kernel's rows: AVX2's 16 registers hold 12 accumulators.
typealias FloatPanels = SixRowPanels
#endif

/// The Float32 micro-kernel: tiles of two vectors' width and 6 rows (6 × 16 with AVX2) or
/// 8 rows (8 × 32 with AVX-512), held in 12 or 16 `FloatKernelVector` accumulators (the other
/// registers hold two vectors of B and a broadcast element of A), updated with fused multiply-adds.
/// A batch of 32 rows, the book's models' usual, is four whole tiles of 8 rows.
///
/// The vector width changes which elements of C one call computes, never how one element is
/// computed: every element is one chain of fused multiply-adds over the depth block, in order,
/// then alpha · chain (+ beta · C, fused; C's old value read from `source`), so both widths give
/// the same bits.
extension Float: MatrixMultiplyScalar {
    static var tiling: MatrixTiling {
        // The depth block (KC) must be the same for every vector width: it decides where the
        // chains of multiply-adds are cut and summed, and so the rounding.
        MatrixTiling(microRows: FloatPanels.rows, microColumns: 2 * FloatKernelVector.scalarCount, blockRows: 120,
                     blockDepth: 256, blockColumns: 2048, pairedEdgeRows: 2)
    }

    static func microKernel(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                            c: UnsafeMutablePointer<Float>, ldc: Int, source: UnsafePointer<Float>, lds: Int,
                            rows: Int, columns: Int,
                            alpha: Float, beta: Float, prefetch: UnsafeRawPointer?, prefetchLines: Int) {
        // Edge tiles use a smaller register block, so that less of the work is padding.
        let arguments = (depth, a, b, c, ldc, source, lds, rows, columns, alpha, beta, prefetch, prefetchLines)
        if columns > 2 * FloatKernelVector.scalarCount {
            // Only a short last tile spans two panels of B (`MatrixTiling.pairedEdgeRows`): the
            // paired tile holds 2 rows, and a taller one would lose its other rows without a word.
            require(rows <= 2, "microKernel", "a tile of \(rows) rows cannot span two panels of B")
            tile(arguments, FloatTile2Paired.self)
        } else if columns > FloatKernelVector.scalarCount {
            if rows > 6 { tile(arguments, FloatTile8Wide.self) }
            else if rows > 4 { tile(arguments, FloatTile6Wide.self) }
            else if rows > 2 { tile(arguments, FloatTile4Wide.self) }
            else { tile(arguments, FloatTile2Wide.self) }
        } else {
            if rows > 6 { tile(arguments, FloatTile8Narrow.self) }
            else if rows > 4 { tile(arguments, FloatTile6Narrow.self) }
            else if rows > 2 { tile(arguments, FloatTile4Narrow.self) }
            else { tile(arguments, FloatTile2Narrow.self) }
        }
    }

    /// The arguments of `microKernel`, passed on to `tile` as one value.
    typealias TileArguments = (depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                               c: UnsafeMutablePointer<Float>, ldc: Int, source: UnsafePointer<Float>, lds: Int,
                               rows: Int, columns: Int,
                               alpha: Float, beta: Float, prefetch: UnsafeRawPointer?, prefetchLines: Int)

    /// One tile of `Shape.rows` (2, 4, 6 or 8) rows and two vectors (`Shape.wide`) or one of columns,
    /// or of 2 rows and two panels of B (`Shape.paired`: four vectors, in the accumulators of rows
    /// 2 and 3). Each shape gets its own specialised copy in which the unused accumulators and
    /// branches fold away, so that the accumulators stay in registers.
    static func tile<Shape: FloatTileShape>(_ t: TileArguments, _: Shape.Type) {
        typealias V = FloatKernelVector
        let lanes = V.scalarCount, vectorBytes = MemoryLayout<V>.size
        let kernelRows = Shape.rows, wide = Shape.wide, paired = Shape.paired
        // The second panel of B follows the first.
        let panelBytes = 2 * vectorBytes * t.depth
        // Read once, here: a debug build (`swift run`) compiles each file on its own, so
        // `FloatPanels.rows` and `MatrixMultiplyDriver.cacheLineBytes` are calls into other files,
        // and a call inside the loop below makes the compiler keep the 16 accumulators in memory
        // instead of registers (the chapters ran three times slower).
        let panelRows = FloatPanels.rows, lineBytes = MatrixMultiplyDriver.cacheLineBytes
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var c60 = V(), c61 = V(), c70 = V(), c71 = V()
        if t.beta != 0 {
            // C's old values (or the addend's) are read only after the loop, too late for the
            // out-of-order window to hide a cache miss (a weight's gradient, summed over a
            // sequence's steps, does not stay in L2). Asked for now, they arrive during the loop.
            prefetchRows(of: t.source, stride: t.lds, rows: Swift.min(t.rows, kernelRows), columns: t.columns,
                         wide: wide, paired: paired)
            if UnsafeRawPointer(t.c) != UnsafeRawPointer(t.source) {
                // C starts from an addend (an LSTM's input projection): the rows it is written to
                // are another array's, newly allocated and not in the cache, and stores that miss
                // at the end of the tile hold back the next one. Fetched now, an LSTM's recurrent
                // product in the article's training step ran at 0.96-0.97 of the rate of all the
                // step's products together instead of 0.92-0.94.
                prefetchRows(of: UnsafePointer(t.c), stride: t.ldc, rows: Swift.min(t.rows, kernelRows),
                             columns: t.columns, wide: wide, paired: paired)
            }
        }
        var pa = t.a
        var pb = UnsafeRawPointer(t.b)
        // Cache lines to fetch ahead (see the driver): one after every `interval` steps of depth.
        // The steps between two of them are a loop of their own, with no branch inside: a branch
        // in the loop splits it into blocks, and the compiler then loads all of a step's elements
        // of A into registers before its multiply-adds, which with AVX2's 16 registers pushed
        // four accumulators out to memory (the kernel ran at 40% of its speed).
        var fetch = t.prefetch ?? pb, linesLeft = t.prefetch == nil ? 0 : t.prefetchLines
        let interval = linesLeft > 0 ? Swift.max(1, t.depth / linesLeft) : Swift.max(1, t.depth)
        var stepsLeft = t.depth
        while stepsLeft > 0 {
            let steps = Swift.min(interval, stepsLeft)
            stepsLeft -= steps
            for _ in 0..<steps {
                let b0 = pb.loadUnaligned(as: V.self)
                let b1 = wide ? pb.loadUnaligned(fromByteOffset: vectorBytes, as: V.self) : V()
                let b2 = paired ? pb.loadUnaligned(fromByteOffset: panelBytes, as: V.self) : V()
                let b3 = paired ? pb.loadUnaligned(fromByteOffset: panelBytes + vectorBytes, as: V.self) : V()
                // Row r's element of A times both vectors of B, into that row's accumulators (and
                // times the second panel's, into the accumulators of row r + 2).
                @inline(__always) func accumulate(_ r: Int, _ low: inout V, _ high: inout V) {
                    let e = V(repeating: pa[r])
                    low.addProduct(e, b0); if wide { high.addProduct(e, b1) }
                }
                @inline(__always) func accumulateSecond(_ r: Int, _ low: inout V, _ high: inout V) {
                    let e = V(repeating: pa[r])
                    low.addProduct(e, b2); high.addProduct(e, b3)
                }
                accumulate(0, &c00, &c01); accumulate(1, &c10, &c11)
                if paired { accumulateSecond(0, &c20, &c21); accumulateSecond(1, &c30, &c31) }
                if kernelRows > 2 { accumulate(2, &c20, &c21); accumulate(3, &c30, &c31) }
                if kernelRows > 4 { accumulate(4, &c40, &c41); accumulate(5, &c50, &c51) }
                if kernelRows > 6 { accumulate(6, &c60, &c61); accumulate(7, &c70, &c71) }
                pa += panelRows
                pb += 2 * vectorBytes
            }
            if linesLeft > 0 && steps == interval {
                cache_hint_prefetch(fetch)
                fetch += lineBytes
                linesLeft -= 1
            }
        }
        let alpha = t.alpha, beta = t.beta
        if t.columns == (paired ? 4 * lanes : wide ? 2 * lanes : lanes) {
            // Whole rows of the tile: vector loads and stores straight to C.
            @inline(__always)
            func update(_ row: Int, _ low: V, _ high: V, column: Int = 0) {
                guard row < t.rows else { return }
                let target = UnsafeMutableRawPointer(t.c + row * t.ldc + column)
                let old = UnsafeRawPointer(t.source + row * t.lds + column)
                // alpha · x is x when alpha is 1 (the usual case): the multiplication is skipped,
                // with the same bits.
                var newLow = alpha == 1 ? low : low * alpha
                if beta != 0 { newLow.addProduct(V(repeating: beta), old.loadUnaligned(as: V.self)) }
                target.storeBytes(of: newLow, as: V.self)
                if wide {
                    var newHigh = alpha == 1 ? high : high * alpha
                    if beta != 0 {
                        newHigh.addProduct(V(repeating: beta), old.loadUnaligned(fromByteOffset: vectorBytes, as: V.self))
                    }
                    target.storeBytes(of: newHigh, toByteOffset: vectorBytes, as: V.self)
                }
            }
            update(0, c00, c01); update(1, c10, c11)
            if paired { update(0, c20, c21, column: 2 * lanes); update(1, c30, c31, column: 2 * lanes) }
            if kernelRows > 2 { update(2, c20, c21); update(3, c30, c31) }
            if kernelRows > 4 { update(4, c40, c41); update(5, c50, c51) }
            if kernelRows > 6 { update(6, c60, c61); update(7, c70, c71) }
            return
        }
        // A partial row width: spill the tile and copy the valid part element by element, with
        // the same fused beta · C as the vector path, so that an element's bits do not depend on
        // whether its tile is whole (which depends on the vector width).
        withUnsafeTemporaryAllocation(of: V.self, capacity: 16) { spill in
            spill[0] = c00; spill[1] = c01; spill[2] = c10; spill[3] = c11; spill[4] = c20; spill[5] = c21
            spill[6] = c30; spill[7] = c31; spill[8] = c40; spill[9] = c41; spill[10] = c50; spill[11] = c51
            spill[12] = c60; spill[13] = c61; spill[14] = c70; spill[15] = c71
            let products = UnsafeRawPointer(spill.baseAddress!).assumingMemoryBound(to: Float.self)
            for r in 0..<t.rows {
                let target = t.c + r * t.ldc, old = t.source + r * t.lds
                for j in 0..<t.columns {
                    // A paired tile's second panel is in the accumulators two rows down.
                    let slot = j < 2 * lanes ? r * 2 * lanes + j : (r + 2) * 2 * lanes + j - 2 * lanes
                    let product = alpha * products[slot]
                    target[j] = beta == 0 ? product : product.addingProduct(beta, old[j])
                }
            }
        }
    }
}

extension Float {
    /// Asks for the cache lines of a tile's rows of a row-major matrix: the first, middle and last
    /// byte of a row cover every line it touches (a row of a tile spans two or four vectors).
    @inline(__always)
    static func prefetchRows(of matrix: UnsafePointer<Float>, stride: Int, rows: Int, columns: Int,
                             wide: Bool, paired: Bool) {
        let rowBytes = columns * MemoryLayout<Float>.stride
        for row in 0..<rows {
            let start = UnsafeRawPointer(matrix + row * stride)
            cache_hint_prefetch(start)
            if wide { cache_hint_prefetch(start + rowBytes / 2) }
            if paired { cache_hint_prefetch(start + rowBytes / 4); cache_hint_prefetch(start + 3 * rowBytes / 4) }
            cache_hint_prefetch(start + (rowBytes - 1))
        }
    }
}

/// The register block of one Float micro-kernel variant.
protocol FloatTileShape {
    /// Rows of C computed: 2, 4, 6 or 8.
    static var rows: Int { get }
    /// Whether the tile is two vectors wide (else one).
    static var wide: Bool { get }
    /// Whether the tile spans two panels of B (2 rows, four vectors wide).
    static var paired: Bool { get }
}

extension FloatTileShape {
    static var paired: Bool { false }
}

enum FloatTile8Wide: FloatTileShape { static var rows: Int { 8 }; static var wide: Bool { true } }
enum FloatTile6Wide: FloatTileShape { static var rows: Int { 6 }; static var wide: Bool { true } }
enum FloatTile4Wide: FloatTileShape { static var rows: Int { 4 }; static var wide: Bool { true } }
enum FloatTile2Wide: FloatTileShape { static var rows: Int { 2 }; static var wide: Bool { true } }
enum FloatTile2Paired: FloatTileShape {
    static var rows: Int { 2 }; static var wide: Bool { true }; static var paired: Bool { true }
}
enum FloatTile8Narrow: FloatTileShape { static var rows: Int { 8 }; static var wide: Bool { false } }
enum FloatTile6Narrow: FloatTileShape { static var rows: Int { 6 }; static var wide: Bool { false } }
enum FloatTile4Narrow: FloatTileShape { static var rows: Int { 4 }; static var wide: Bool { false } }
enum FloatTile2Narrow: FloatTileShape { static var rows: Int { 2 }; static var wide: Bool { false } }
