/// The packed copies of one tensor: op(B) = B and op(B) = Bᵀ, each made when first needed and
/// packed again, in the same memory, the first time it is needed after the values changed, or
/// at once after an in-place update (`Tensor.updateScalars`, an optimiser's step).
final class PackedCopies: @unchecked Sendable {
    /// One packed copy (a `PackedRightOperand` of the tensor's scalar type) and whether the
    /// tensor's values changed since it was packed.
    struct Copy {
        var operand: AnyObject
        var isStale = false
    }

    /// The matrix as stored, packed.
    var asStored: Copy?
    /// Its transpose, packed.
    var transposed: Copy?

    /// The copy for op(B) = Bᵀ (`transposed`) or op(B) = B.
    subscript(transposed isTransposed: Bool) -> Copy? {
        get { isTransposed ? transposed : asStored }
        set { if isTransposed { transposed = newValue } else { asStored = newValue } }
    }

    /// Marks both copies as out of date.
    func scalarsChanged() {
        asStored?.isStale = true
        transposed?.isStale = true
    }
}

/// Guards every tensor's `packedCopies`: two threads may multiply by the same weight at once.
private let packedCopiesMutex = SystemMutex()

extension Tensor {
    /// Packs again, now, each packed copy whose values changed since it was packed.
    func refreshPackedCopies() {
        guard let copies = packedCopies else { return }
        func refresh<T: MatrixMultiplyScalar>(_: T.Type) {
            for transposed in [false, true] where copies[transposed: transposed]?.isStale == true {
                _ = packedRightOperand(transposed: transposed, as: T.self)
            }
        }
        if Scalar.self == Float.self { refresh(Float.self) } else if Scalar.self == Double.self { refresh(Double.self) }
    }

    /// Whether products take this tensor's packed copy as their right-hand operand: a trainable
    /// matrix (a leaf with a gradient), which the same forward and backward pass multiply by
    /// many times, and which changes only between passes.
    var isPackedParameter: Bool { rank == 2 && requiresGradient && isLeaf }

    /// op(self) packed for the matrix product (`transposed`: op is the transpose), from the cache
    /// when `scalars` have not changed since it was made.
    func packedRightOperand<T: MatrixMultiplyScalar>(transposed: Bool, as _: T.Type) -> PackedRightOperand<T> {
        precondition(T.self == Scalar.self && rank == 2)
        packedCopiesMutex.lock()
        defer { packedCopiesMutex.unlock() }
        let copies = packedCopies ?? PackedCopies()
        packedCopies = copies
        let (rows, columns) = (shape[0], shape[1])
        return scalars.withUnsafeBufferPointer { stored in
            stored.withMemoryRebound(to: T.self) { b in
                if var copy = copies[transposed: transposed] {
                    let packed = unsafeDowncast(copy.operand, to: PackedRightOperand<T>.self)
                    if copy.isStale {
                        packed.pack(transposed: transposed, b: b.baseAddress!, ldb: columns)
                        copy.isStale = false
                        copies[transposed: transposed] = copy
                    }
                    return packed
                }
                let packed = PackedRightOperand<T>(transposed: transposed, b: b.baseAddress!, ldb: columns,
                                                   depth: transposed ? columns : rows, columns: transposed ? rows : columns)
                copies[transposed: transposed] = PackedCopies.Copy(operand: packed)
                return packed
            }
        }
    }
}

/// C (+)= op(A) · op(W) for a matrix W (a tensor) and row-major A [m, k] (stored [k, m] when
/// `transposeA`) and C [m, n]: through W's packed copy when W is a trainable matrix (see
/// `Tensor.isPackedParameter`), otherwise through `gemm`. Either way the result has the same bits.
///
/// With an `addend` D (row i at `addend + i · addendRowStride`; a stride of 0 repeats one row, a
/// bias), C = D + op(A) · op(W): a packed product's tiles read D where they would read C; the
/// `gemm` path copies D into C first.
package func multiply<Scalar: TensorScalar>(
    _ a: UnsafePointer<Scalar>, m: Int, transposeA: Bool, by w: Tensor<Scalar>, transposeW: Bool,
    into c: UnsafeMutablePointer<Scalar>, accumulate: Bool, adding addend: UnsafePointer<Scalar>? = nil,
    addendRowStride: Int = 0
) {
    require(w.rank == 2, "multiply", "the right-hand operand \(describe(w.shape)) is not a matrix")
    let (k, n) = transposeW ? (w.shape[1], w.shape[0]) : (w.shape[0], w.shape[1])
    precondition(addend == nil || !accumulate, "multiply: C starts as the addend, so it cannot also accumulate")
    let beta: Scalar = accumulate || addend != nil ? 1 : 0
    #if !canImport(Accelerate)
    if w.isPackedParameter && m > 0 && n > 0 {
        /// The product in the kernels' own type T (the same type as Scalar).
        func run<T: MatrixMultiplyScalar>(_: T.Type) {
            MatrixMultiplyDriver.run(
                transposeA: transposeA, m: m, alpha: 1, a: UnsafeRawPointer(a).assumingMemoryBound(to: T.self),
                lda: transposeA ? m : k, packed: w.packedRightOperand(transposed: transposeW, as: T.self),
                beta: beta == 1 ? 1 : 0, c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: T.self), ldc: n,
                addend: addend.map { UnsafeRawPointer($0).assumingMemoryBound(to: T.self) },
                addendRowStride: addendRowStride, maximumThreads: MatrixMultiply.maximumThreads)
        }
        if Scalar.self == Float.self { return run(Float.self) }
        if Scalar.self == Double.self { return run(Double.self) }
    }
    #endif
    if let addend {
        for i in 0..<m { (c + i * n).update(from: addend + i * addendRowStride, count: n) }
    }
    w.scalars.withUnsafeBufferPointer { pw in
        Scalar.gemm(transposeA: transposeA, transposeB: transposeW, m: m, n: n, k: k, alpha: 1,
                    a: a, lda: transposeA ? m : k, b: pw.baseAddress!, ldb: w.shape[1],
                    beta: beta, c: c, ldc: n)
    }
}
