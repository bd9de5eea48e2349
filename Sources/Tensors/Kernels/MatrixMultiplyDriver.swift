#if compiler(>=6.2)
/// What a kernel scalar must be: a float whose type can be used from worker threads.
typealias MatrixMultiplyScalarBase = BinaryFloatingPoint & SendableMetatype
#else
/// What a kernel scalar must be: a float.
typealias MatrixMultiplyScalarBase = BinaryFloatingPoint
#endif

/// The tile and block sizes of a matrix-product kernel, in elements.
struct MatrixTiling {
    /// Rows of C a micro-kernel call computes (MR).
    let microRows: Int
    /// Columns of C a micro-kernel call computes (NR).
    let microColumns: Int
    /// Rows of op(A) packed at a time (MC, a multiple of MR): the packed block stays in L2.
    let blockRows: Int
    /// Depth of a packed block (KC): one panel of B plus one of A stays in L1.
    let blockDepth: Int
    /// Columns of op(B) packed at a time (NC, a multiple of NR).
    let blockColumns: Int
    /// The most rows a last, short row tile may have for one kernel call to cover two panels of
    /// B at once (columns up to 2 · NR, the second panel right after the first in memory): with
    /// so few rows, one panel's accumulators are too few to keep the multiply-add units busy.
    /// Zero: never.
    var pairedEdgeRows = 0
}

/// A scalar type with the packing routines and register-blocked micro-kernel that the blocked
/// matrix product needs.
///
/// The product walks op(B) in blocks of `blockDepth × blockColumns` and op(A) in blocks of
/// `blockRows × blockDepth`, copies each block into a contiguous buffer laid out in the exact
/// order the micro-kernel reads it (panels of `microRows` rows of A, `microColumns` columns of
/// B, zero-padded at the edges), and computes each `microRows × microColumns` tile of C in
/// registers.
protocol MatrixMultiplyScalar: MatrixMultiplyScalarBase {
    /// The tile and block sizes of this type's kernel.
    static var tiling: MatrixTiling { get }

    /// Packs `rows × depth` of op(A), starting at `a`, into panels of MR rows `panelStride`
    /// elements apart, zero-padding the last panel: element (i, p) goes to
    /// `packed[(i / MR) · panelStride + p · MR + i % MR]`. The stride is MR · depth for a block
    /// packed whole; a larger one packs some rows of depth of a block whose panels are longer.
    static func packA(transposed: Bool, a: UnsafePointer<Self>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Self>, panelStride: Int)

    /// Packs `depth × columns` of op(B), starting at `b`, into panels of NR columns `panelStride`
    /// elements apart, zero-padding the last panel: element (p, j) goes to
    /// `packed[(j / NR) · panelStride + p · NR + j % NR]` (the stride is NR · depth for a whole block).
    static func packB(transposed: Bool, b: UnsafePointer<Self>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Self>, panelStride: Int)

    /// Computes one tile: C[0..<rows, 0..<columns] = alpha · (packed A panel · packed B panel)
    /// + beta · S, where S, read only when beta is not zero, is C itself (`source` = `c`, `lds` =
    /// `ldc`) or an addend with rows `lds` apart. With `rows` ≤ `tiling.pairedEdgeRows`, `columns`
    /// may be up to 2 · NR: the tile then spans two panels of B. On the way it may fetch `prefetchLines` cache
    /// lines from `prefetch` on (the next panel of B) into the cache, a hint with no effect on any
    /// result.
    static func microKernel(depth: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>,
                            c: UnsafeMutablePointer<Self>, ldc: Int, source: UnsafePointer<Self>, lds: Int,
                            rows: Int, columns: Int,
                            alpha: Self, beta: Self, prefetch: UnsafeRawPointer?, prefetchLines: Int)
}

extension MatrixMultiplyScalar {
    /// Packs a whole block of op(A): panels MR · depth apart.
    @inline(__always)
    static func packA(transposed: Bool, a: UnsafePointer<Self>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Self>) {
        packA(transposed: transposed, a: a, lda: lda, rows: rows, depth: depth, into: packed,
              panelStride: microRows * depth)
    }

    /// Packs a whole block of op(B): panels NR · depth apart.
    @inline(__always)
    static func packB(transposed: Bool, b: UnsafePointer<Self>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Self>) {
        packB(transposed: transposed, b: b, ldb: ldb, depth: depth, columns: columns, into: packed,
              panelStride: microColumns * depth)
    }

    /// Calls `body` for each piece of the rows `range` of an operand's depth `depth` that lies in
    /// one block of KC: the block's first row, the piece, and the block's depth (how long its
    /// packed panels are), so that a run of rows can be packed into a whole operand's panels.
    @inline(__always)
    static func forEachDepthBlock(of range: Range<Int>, depth: Int,
                                  _ body: (_ blockStart: Int, _ piece: Range<Int>, _ blockDepth: Int) -> Void) {
        let kc = blockDepth
        var k = range.lowerBound
        while k < range.upperBound {
            let p0 = k / kc * kc
            let end = Swift.min(p0 + kc, range.upperBound)
            body(p0, k..<end, Swift.min(kc, depth - p0))
            k = end
        }
    }

    /// MR, from `tiling`.
    @inline(__always) static var microRows: Int { tiling.microRows }
    /// NR, from `tiling`.
    @inline(__always) static var microColumns: Int { tiling.microColumns }
    /// MC, from `tiling`.
    @inline(__always) static var blockRows: Int { tiling.blockRows }
    /// KC, from `tiling`.
    @inline(__always) static var blockDepth: Int { tiling.blockDepth }
    /// NC, from `tiling`.
    @inline(__always) static var blockColumns: Int { tiling.blockColumns }
}

/// The operands of one product C = alpha · op(A) · op(B) + beta · C, already validated.
struct MatrixMultiplyProblem<Scalar: MatrixMultiplyScalar>: @unchecked Sendable {
    var transposeA: Bool
    var transposeB: Bool
    var m: Int
    var n: Int
    var k: Int
    var alpha: Scalar
    var a: UnsafePointer<Scalar>
    var lda: Int
    var b: UnsafePointer<Scalar>
    var ldb: Int
    var beta: Scalar
    var c: UnsafeMutablePointer<Scalar>
    var ldc: Int
    /// op(B) packed whole ahead of time (`PackedRightOperand`), read instead of packing B here.
    var packedB: PackedRightOperand<Scalar>? = nil
    /// The column of the packed op(B) that this problem's column 0 is (non-zero in a sub-problem).
    var packedColumn = 0
    /// op(A) packed whole (`PackedLeftOperand`), shared by the pieces of a threaded product and
    /// read instead of packing A here.
    var packedA: PackedLeftOperand<Scalar>? = nil
    /// The row of the packed op(A) that this problem's row 0 is (non-zero in a sub-problem).
    var packedRow = 0
    /// A matrix D that C starts from: C = alpha·op(A)·op(B) + beta·D (beta is 1 for a bias or an
    /// LSTM's input projection). The tiles of the first block of depth read D where they would read
    /// C, so D is never copied. Row i of D starts at `addend + i · addendRowStride` (a stride of 0
    /// repeats one row).
    var addend: UnsafePointer<Scalar>? = nil
    /// The distance between rows of `addend`, in elements.
    var addendRowStride = 0

    /// The sub-problem computing rows `rows` and columns `columns` of C.
    func restricted(rows: Range<Int>, columns: Range<Int>) -> MatrixMultiplyProblem {
        var part = self
        part.m = rows.count
        part.n = columns.count
        part.a = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
        part.b = transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound
        part.c = c + rows.lowerBound * ldc + columns.lowerBound
        part.packedColumn = packedColumn + columns.lowerBound
        part.packedRow = packedRow + rows.lowerBound
        part.addend = addend.map { $0 + rows.lowerBound * addendRowStride + columns.lowerBound }
        return part
    }
}

/// The portable blocked matrix product: packing, cache blocking, micro-kernels and threads.
enum MatrixMultiplyDriver {
    /// Products with fewer multiply-adds than this per thread stay on fewer threads: a million
    /// multiply-adds take a core about 5–10 µs, several times what handing a piece to a spinning
    /// worker costs; with fewer, the small models' products ran slower on two threads than on one.
    static let multiplyAddsPerThread = 1 << 20

    /// Pieces a threaded product is cut into, per thread.
    static let piecesPerThread = 2

    /// The bytes of a cache line, the unit in which the micro-kernel prefetches the next panel.
    static let cacheLineBytes = 64

    /// Computes the product, on several threads when it is large enough.
    ///
    /// `workPerThread` is the number of multiply-adds below which adding a thread does not pay
    /// (tests lower it to exercise the split on small products).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func run<Scalar: MatrixMultiplyScalar>(_ problem: MatrixMultiplyProblem<Scalar>,
                                                  maximumThreads: Int,
                                                  workPerThread: Int = multiplyAddsPerThread) {
        let p = problem
        if p.m == 0 || p.n == 0 { return }
        if p.k == 0 || p.alpha == 0 {
            copyAddend(p)
            scale(p)
            return
        }
        let work = p.m * p.n * p.k
        let wanted = Swift.min(Swift.max(maximumThreads, 1), Swift.max(work / Swift.max(workPerThread, 1), 1))
        let rowTiles = (p.m + Scalar.microRows - 1) / Scalar.microRows
        let columnTiles = (p.n + Scalar.microColumns - 1) / Scalar.microColumns
        // Split the dimension with more tiles, so that each thread gets whole tiles.
        let splitColumns = columnTiles * Scalar.microColumns >= rowTiles * Scalar.microRows
        let threads = Swift.min(wanted, splitColumns ? columnTiles : rowTiles)
        if threads <= 1 {
            runOnOneThread(p)
            return
        }
        let tiles = splitColumns ? columnTiles : rowTiles
        let tileSize = splitColumns ? Scalar.microColumns : Scalar.microRows
        let extent = splitColumns ? p.n : p.m
        // A few pieces per thread: each thread first takes the pieces of its own share (the same
        // columns of a weight every time, so they stay in its cache), and a thread that starts late
        // or is descheduled (a busy or virtual machine) leaves the rest of its share to the others.
        let pieces = Swift.min(tiles, threads * piecesPerThread)
        // Every piece needs all of the operand along the dimension not split: packed once here,
        // not once per piece.
        withSharedOperand(p, splitColumns: splitColumns, threads: threads) { shared in
            ParallelLoop.run(count: pieces, threads: threads) { piece in
                let lower = Swift.min(tiles * piece / pieces * tileSize, extent)
                let upper = Swift.min(tiles * (piece + 1) / pieces * tileSize, extent)
                guard lower < upper else { return }
                runOnOneThread(splitColumns
                    ? shared.restricted(rows: 0..<shared.m, columns: lower..<upper)
                    : shared.restricted(rows: lower..<upper, columns: 0..<shared.n))
            }
        }
    }

    /// C = D, when the problem has an addend D.
    @inline(__always)
    static func copyAddend<Scalar: MatrixMultiplyScalar>(_ p: MatrixMultiplyProblem<Scalar>) {
        guard let addend = p.addend else { return }
        for i in 0..<p.m { (p.c + i * p.ldc).update(from: addend + i * p.addendRowStride, count: p.n) }
    }

    /// C = beta · C, writing zeros without reading C when beta is zero (the k = 0 or alpha = 0 case).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func scale<Scalar: MatrixMultiplyScalar>(_ p: MatrixMultiplyProblem<Scalar>) {
        for i in 0..<p.m {
            let row = p.c + i * p.ldc
            if p.beta == 0 {
                row.update(repeating: 0, count: p.n)
            } else if p.beta != 1 {
                for j in 0..<p.n { row[j] *= p.beta }
            }
        }
    }

    /// The blocked product on the calling thread, with a borrowed packing buffer.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func runOnOneThread<Scalar: MatrixMultiplyScalar>(_ p: MatrixMultiplyProblem<Scalar>) {
        let mr = Scalar.microRows, nr = Scalar.microColumns
        let mc = Scalar.blockRows, kc = Scalar.blockDepth, nc = Scalar.blockColumns
        let pairedRows = Scalar.tiling.pairedEdgeRows
        let depthCapacity = Swift.min(p.k, kc)
        let rowCapacity = (Swift.min(p.m, mc) + mr - 1) / mr * mr
        let columnCapacity = (Swift.min(p.n, nc) + nr - 1) / nr * nr
        let elementsA = p.packedA == nil ? rowCapacity * depthCapacity : 0
        let elementsB = p.packedB == nil ? columnCapacity * depthCapacity : 0
        // Round the A part up to 64 bytes so that the B part stays aligned too.
        let bytesA = (elementsA * MemoryLayout<Scalar>.stride + 63) / 64 * 64
        let bytes = bytesA + elementsB * MemoryLayout<Scalar>.stride
        let buffer = MatrixMultiplyPackingBufferPool.acquire(byteCount: bytes)
        defer { MatrixMultiplyPackingBufferPool.release(buffer) }
        let raw = buffer.base
        do {
            let packedA = raw.bindMemory(to: Scalar.self, capacity: elementsA)
            let packedBBuffer = (raw + bytesA).bindMemory(to: Scalar.self, capacity: elementsB)
            var j0 = 0
            while j0 < p.n {
                // With a packed op(B), blocks of columns follow its blocks (it was packed NC at a time).
                let blockEnd = p.packedB == nil ? nc : nc - (p.packedColumn + j0) % nc
                let columns = Swift.min(blockEnd, p.n - j0)
                defer { j0 += columns }
                for p0 in stride(from: 0, to: p.k, by: kc) {
                    let depth = Swift.min(kc, p.k - p0)
                    let beta = p0 == 0 ? p.beta : 1
                    // The first block of depth adds to the addend, the later ones to C.
                    let addend = p0 == 0 ? p.addend : nil
                    let packedB: UnsafeMutablePointer<Scalar>
                    if let prepacked = p.packedB {
                        packedB = prepacked.panels(fromColumn: p.packedColumn + j0, depthStart: p0)
                    } else {
                        packedB = packedBBuffer
                        let bBlock = p.transposeB ? p.b + j0 * p.ldb + p0 : p.b + p0 * p.ldb + j0
                        Scalar.packB(transposed: p.transposeB, b: bBlock, ldb: p.ldb, depth: depth,
                                     columns: columns, into: packedB)
                    }
                    for i0 in stride(from: 0, to: p.m, by: mc) {
                        let rows = Swift.min(mc, p.m - i0)
                        let panelsA: UnsafePointer<Scalar>
                        if let shared = p.packedA {
                            panelsA = shared.panels(fromRow: p.packedRow + i0, depthStart: p0)
                        } else {
                            let aBlock = p.transposeA ? p.a + p0 * p.lda + i0 : p.a + i0 * p.lda + p0
                            Scalar.packA(transposed: p.transposeA, a: aBlock, lda: p.lda, rows: rows,
                                         depth: depth, into: packedA)
                            panelsA = UnsafePointer(packedA)
                        }
                        let rowTiles = (rows + mr - 1) / mr
                        for jr in stride(from: 0, to: columns, by: nr) {
                            let bPanel = UnsafePointer(packedB + jr * depth)
                            let tileColumns = Swift.min(nr, columns - jr)
                            // The panel read next follows this one in memory (a packed weight is one
                            // run of panels, block after block): each row tile brings its share of it
                            // into the cache while it computes, so that the next panel's first tile
                            // does not wait on memory.
                            let next = jr + nr < columns || p.packedB != nil ? UnsafeRawPointer(bPanel + nr * depth) : nil
                            let nextLines = nr * depth * MemoryLayout<Scalar>.stride / cacheLineBytes
                            // Tile t fetches `share` lines, one more while t < `extra`: no division per tile.
                            let share = nextLines / rowTiles, extra = nextLines % rowTiles
                            for (tile, ir) in stride(from: 0, to: rows, by: mr).enumerated() {
                                var columnsHere = tileColumns
                                if tile == rowTiles - 1 && rows - ir <= pairedRows {
                                    // A short last tile: on even panels it covers the next one too,
                                    // on odd panels it is already done.
                                    if (jr / nr) % 2 == 1 { continue }
                                    columnsHere = Swift.min(2 * nr, columns - jr)
                                }
                                let firstLine = share * tile + Swift.min(tile, extra)
                                let cTile = p.c + (i0 + ir) * p.ldc + j0 + jr
                                Scalar.microKernel(
                                    depth: depth, a: panelsA + ir * depth, b: bPanel, c: cTile, ldc: p.ldc,
                                    source: addend.map { $0 + (i0 + ir) * p.addendRowStride + j0 + jr } ?? UnsafePointer(cTile),
                                    lds: addend == nil ? p.ldc : p.addendRowStride,
                                    rows: Swift.min(mr, rows - ir), columns: columnsHere,
                                    alpha: p.alpha, beta: beta, prefetch: next.map { $0 + cacheLineBytes * firstLine },
                                    prefetchLines: tile < extra ? share + 1 : share)
                            }
                        }
                    }
                }
            }
        }
    }
}
