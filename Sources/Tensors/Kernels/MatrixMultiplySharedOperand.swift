/// A left-hand operand op(A) packed whole into borrowed storage, for the pieces of one threaded
/// product that split C's columns: each of them reads all of op(A), and packing it once instead of
/// once per piece is what lets a second thread pay on a square product of a few hundred.
///
/// The layout is what `packA` writes for all the rows at once, one block of depth (KC) after
/// another: element (i, p) of the block starting at depth p0 is at
/// `p0 · paddedRows + (i / MR) · MR · depth + (p − p0) · MR + i % MR`, so the panels of any MR
/// rows are exactly those the driver packs block by block, and the bits do not change.
struct PackedLeftOperand<Scalar: MatrixMultiplyScalar>: @unchecked Sendable {
    /// The packed panels.
    let storage: UnsafeMutablePointer<Scalar>
    /// The rows of op(A) rounded up to whole panels of MR rows.
    let paddedRows: Int
    /// Depth of op(A): its columns.
    let depth: Int

    /// Elements that `rows × depth` of op(A) take once packed.
    static func elementCount(rows: Int, depth: Int) -> Int {
        (rows + Scalar.microRows - 1) / Scalar.microRows * Scalar.microRows * depth
    }

    /// Packs op(A) of the product `p` into `storage`, on up to `threads` threads.
    init(of p: MatrixMultiplyProblem<Scalar>, into storage: UnsafeMutablePointer<Scalar>, threads: Int) {
        let mr = Scalar.microRows, kc = Scalar.blockDepth
        let panelCount = (p.m + mr - 1) / mr
        self.storage = storage
        paddedRows = panelCount * mr
        depth = p.k
        let depthBlocks = (p.k + kc - 1) / kc
        let threads = Swift.min(threads, panelCount, Swift.max(1, p.m * p.k / MatrixMultiplyDriver.packedElementsPerThread))
        let rowPieces = threads == 1 ? 1 : threads * MatrixMultiplyDriver.piecesPerThread
        let packed = self
        ParallelLoop.run(count: rowPieces * depthBlocks, threads: threads) { piece in
            let p0 = piece / rowPieces * kc, rowPiece = piece % rowPieces
            let lower = panelCount * rowPiece / rowPieces * mr
            let upper = Swift.min(panelCount * (rowPiece + 1) / rowPieces * mr, p.m)
            guard lower < upper else { return }
            let source = p.transposeA ? p.a + p0 * p.lda + lower : p.a + lower * p.lda + p0
            Scalar.packA(transposed: p.transposeA, a: source, lda: p.lda, rows: upper - lower,
                         depth: Swift.min(kc, p.k - p0),
                         into: UnsafeMutablePointer(mutating: packed.panels(fromRow: lower, depthStart: p0)))
        }
    }

    /// Storage for op(A) of `rows × depth`, filled afterwards by `pack(depthRows:…)`.
    init(rows: Int, depth: Int, into storage: UnsafeMutablePointer<Scalar>) {
        self.storage = storage
        paddedRows = (rows + Scalar.microRows - 1) / Scalar.microRows * Scalar.microRows
        self.depth = depth
    }

    /// Packs the columns `depthRows` of op(A) (`rows` × that many) from a run of rows of the
    /// stored Aᵀ: column k of op(A) is row k − depthRows.lowerBound at `a`, rows `lda` apart.
    /// Runs of depth that do not overlap can be packed in any order, on any threads.
    func pack(depthRows: Range<Int>, ofTransposed a: UnsafePointer<Scalar>, lda: Int, rows: Int) {
        let mr = Scalar.microRows
        Scalar.forEachDepthBlock(of: depthRows, depth: depth) { p0, piece, blockDepth in
            Scalar.packA(transposed: true, a: a + (piece.lowerBound - depthRows.lowerBound) * lda, lda: lda, rows: rows,
                         depth: piece.count,
                         into: UnsafeMutablePointer(mutating: panels(fromRow: 0, depthStart: p0)) + (piece.lowerBound - p0) * mr,
                         panelStride: mr * blockDepth)
        }
    }

    /// The panels of rows from `row` (a multiple of MR) in the depth block starting at
    /// `depthStart` (a multiple of KC): what `packA` would have written for that block.
    @inline(__always)
    func panels(fromRow row: Int, depthStart: Int) -> UnsafePointer<Scalar> {
        UnsafePointer(storage + depthStart * paddedRows + row * Swift.min(Scalar.blockDepth, depth - depthStart))
    }
}

extension MatrixMultiplyDriver {
    /// Operands with fewer elements than this are packed on the calling thread alone: packing a
    /// few thousand elements takes about as long as handing a piece to a worker.
    static let packedElementsPerThread = 1 << 12

    /// Operands with fewer elements than this are packed by each piece of a threaded product, as
    /// in a product on one thread: sharing them would cost one more wait for the workers than the
    /// packing it saves.
    static let sharedOperandElements = 1 << 12

    /// Runs `body` with the threaded product `p`, in which the operand that every piece reads whole
    /// (op(A) when the pieces split C's columns, op(B) when they split its rows) is packed once,
    /// on up to `threads` threads, into storage borrowed for the call.
    static func withSharedOperand<Scalar: MatrixMultiplyScalar>(
        _ p: MatrixMultiplyProblem<Scalar>, splitColumns: Bool, threads: Int,
        _ body: (MatrixMultiplyProblem<Scalar>) -> Void
    ) {
        let elements = splitColumns
            ? (p.packedA == nil ? PackedLeftOperand<Scalar>.elementCount(rows: p.m, depth: p.k) : 0)
            : (p.packedB == nil ? PackedRightOperand<Scalar>.elementCount(depth: p.k, columns: p.n) : 0)
        guard elements >= sharedOperandElements else {
            body(p)
            return
        }
        let buffer = MatrixMultiplyPackingBufferPool.acquire(byteCount: elements * MemoryLayout<Scalar>.stride)
        defer { MatrixMultiplyPackingBufferPool.release(buffer) }
        let storage = buffer.base.bindMemory(to: Scalar.self, capacity: elements)
        var shared = p
        if splitColumns {
            shared.packedA = PackedLeftOperand(of: p, into: storage, threads: threads)
        } else {
            shared.packedB = PackedRightOperand(transposed: p.transposeB, b: p.b, ldb: p.ldb, depth: p.k,
                                                columns: p.n, threads: threads, borrowing: storage)
            shared.packedColumn = 0
        }
        body(shared)
    }
}
