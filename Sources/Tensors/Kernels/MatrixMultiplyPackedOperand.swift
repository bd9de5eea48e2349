/// A right-hand operand op(B) packed whole, once, for products that use the same matrix again
/// and again: a recurrent weight multiplies a small batch of states at every step of a
/// sequence, and packing it for every step costs a third as much as the step's arithmetic.
///
/// The layout is exactly what `MatrixMultiplyDriver` builds block by block: for each block of
/// `blockColumns` columns (NC), for each block of `blockDepth` rows of depth (KC), the panels of
/// `microColumns` columns (NR, zero-padded) that `packB` writes. The micro-kernel reads the same
/// numbers in the same order, so a product with a packed operand has the same bits as one without.
final class PackedRightOperand<Scalar: MatrixMultiplyScalar>: @unchecked Sendable {
    /// Depth of op(B): its rows.
    let depth: Int
    /// Columns of op(B).
    let columns: Int
    /// The packed panels.
    private let storage: UnsafeMutablePointer<Scalar>
    /// Whether `storage` was allocated here (and is freed with the operand) rather than borrowed.
    private let ownsStorage: Bool

    /// Elements that a `depth × columns` op(B) takes once packed.
    static func elementCount(depth: Int, columns: Int) -> Int {
        (columns + Scalar.microColumns - 1) / Scalar.microColumns * Scalar.microColumns * depth
    }

    /// Packs op(B), `depth × columns`, from `b` stored with rows `ldb` apart (`columns × depth`,
    /// read transposed, when `transposed`), on up to `threads` threads.
    init(transposed: Bool, b: UnsafePointer<Scalar>, ldb: Int, depth: Int, columns: Int,
         threads: Int = MatrixMultiply.maximumThreads) {
        self.depth = depth
        self.columns = columns
        storage = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(Self.elementCount(depth: depth, columns: columns), 1))
        ownsStorage = true
        pack(transposed: transposed, b: b, ldb: ldb, threads: threads)
    }

    /// Packs op(B) as above into `storage` (at least `elementCount(depth:columns:)` elements),
    /// which the caller keeps alive for as long as this operand is used and frees afterwards.
    init(transposed: Bool, b: UnsafePointer<Scalar>, ldb: Int, depth: Int, columns: Int, threads: Int,
         borrowing storage: UnsafeMutablePointer<Scalar>) {
        self.depth = depth
        self.columns = columns
        self.storage = storage
        ownsStorage = false
        pack(transposed: transposed, b: b, ldb: ldb, threads: threads)
    }

    /// Packs new values of a matrix of the same size into the same storage (a weight after an
    /// optimiser's step), so that no memory is taken from the system again.
    ///
    /// Large matrices are packed on up to `maximumThreads` threads, each writing its own panels.
    func pack(transposed: Bool, b: UnsafePointer<Scalar>, ldb: Int,
              threads maximumThreads: Int = MatrixMultiply.maximumThreads) {
        let nr = Scalar.microColumns
        let panelCount = (columns + nr - 1) / nr
        let threads = Swift.min(maximumThreads, panelCount,
                                Swift.max(1, depth * columns / MatrixMultiplyDriver.packedElementsPerThread))
        let pieces = threads == 1 ? 1 : threads * MatrixMultiplyDriver.piecesPerThread
        ParallelLoop.run(count: pieces, threads: threads) { piece in
            pack(transposed: transposed, b: b, ldb: ldb,
                 columns: panelCount * piece / pieces * nr..<Swift.min(panelCount * (piece + 1) / pieces * nr, columns))
        }
    }

    /// Packs the columns `range` of op(B) (starting at a multiple of NR) into their panels.
    private func pack(transposed: Bool, b: UnsafePointer<Scalar>, ldb: Int, columns range: Range<Int>) {
        let kc = Scalar.blockDepth, nc = Scalar.blockColumns
        var j0 = range.lowerBound
        while j0 < range.upperBound {
            // Up to the end of this block of NC columns: the layout changes there.
            let width = Swift.min(nc - j0 % nc, range.upperBound - j0)
            for p0 in stride(from: 0, to: depth, by: kc) {
                let block = transposed ? b + j0 * ldb + p0 : b + p0 * ldb + j0
                Scalar.packB(transposed: transposed, b: block, ldb: ldb, depth: Swift.min(kc, depth - p0),
                             columns: width, into: panels(fromColumn: j0, depthStart: p0))
            }
            j0 += width
        }
    }

    /// Storage for op(B) of `depth × columns`, filled afterwards by `pack(depthRows:…)`.
    init(depth: Int, columns: Int, borrowing storage: UnsafeMutablePointer<Scalar>) {
        self.depth = depth
        self.columns = columns
        self.storage = storage
        ownsStorage = false
    }

    /// Packs the rows `depthRows` of op(B) = B (not transposed) from a run of rows at `b`, `ldb`
    /// apart: row k of op(B) is row k − depthRows.lowerBound there. Runs of depth that do not
    /// overlap can be packed in any order, on any threads.
    func pack(depthRows: Range<Int>, of b: UnsafePointer<Scalar>, ldb: Int) {
        let nc = Scalar.blockColumns, nr = Scalar.microColumns
        for j0 in stride(from: 0, to: columns, by: nc) {
            Scalar.forEachDepthBlock(of: depthRows, depth: depth) { p0, piece, blockDepth in
                Scalar.packB(transposed: false, b: b + (piece.lowerBound - depthRows.lowerBound) * ldb + j0, ldb: ldb,
                             depth: piece.count, columns: Swift.min(nc, columns - j0),
                             into: panels(fromColumn: j0, depthStart: p0) + (piece.lowerBound - p0) * nr,
                             panelStride: nr * blockDepth)
            }
        }
    }

    deinit { if ownsStorage { storage.deallocate() } }

    /// The first panel of the block holding column `column` (a multiple of NR) and depths from
    /// `depthStart` (a multiple of KC): what `packB` would have written for that block, from `column` on.
    @inline(__always)
    func panels(fromColumn column: Int, depthStart: Int) -> UnsafeMutablePointer<Scalar> {
        let nr = Scalar.microColumns, kc = Scalar.blockDepth, nc = Scalar.blockColumns
        let blockStart = column / nc * nc
        let blockWidth = (Swift.min(nc, columns - blockStart) + nr - 1) / nr * nr
        let blockDepth = Swift.min(kc, depth - depthStart)
        // Whole blocks of NC columns before this one, the depth blocks of this one before
        // `depthStart`, then the panels before `column` in this depth block.
        return storage + blockStart * depth + depthStart * blockWidth + (column - blockStart) * blockDepth
    }
}

extension MatrixMultiplyDriver {
    /// C = alpha · op(A) · packed + beta · C, with A stored as for `gemm` and `packed` standing for op(B);
    /// with an `addend` D (rows `addendRowStride` apart), D stands for C's old value.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func run<Scalar: MatrixMultiplyScalar>(
        transposeA: Bool, m: Int, alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
        packed: PackedRightOperand<Scalar>, beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int,
        addend: UnsafePointer<Scalar>? = nil, addendRowStride: Int = 0, maximumThreads: Int
    ) {
        // B itself is never read when packed is given; any valid pointer stands in for it.
        var problem = MatrixMultiplyProblem(
            transposeA: transposeA, transposeB: false, m: m, n: packed.columns, k: packed.depth, alpha: alpha,
            a: a, lda: lda, b: UnsafePointer(c), ldb: Swift.max(packed.columns, 1), beta: beta, c: c, ldc: ldc,
            packedB: packed)
        problem.addend = addend
        problem.addendRowStride = addendRowStride
        MatrixMultiply.validate(problem)
        run(problem, maximumThreads: maximumThreads)
    }
}
