// A weight used at every step of a sequence receives one gradient product per step: with a batch
// of 32, each is ∂W += Gₜᵀ·Xₜ with a depth of only 32, and short products run at two thirds of the
// kernel's speed (each tile's fixed costs are shared by 32 multiply-adds instead of 256). The
// backward pass therefore only notes each step's Gₜ and Xₜ, and when it reaches the weight (after
// every use of it, since inputs come before results) it computes the whole sum as one deep product:
//
//     ∂W += [G_T; …; G_1]ᵀ · [X_T; …; X_1]        (the steps' rows one after another)
//
// The sum runs over the same terms; it is rounded once per depth block of the kernels instead of
// once per step, so the last bits differ from adding step by step, and are the same on every run,
// thread count and vector width.

/// The gradient products of one backward pass that wait for their weight: each ∂W += Lᵀ·R.
// Sendable for the task-local value only: the pass that makes it is the only one to use it.
final class DeferredWeightGradients<Scalar: TensorScalar>: @unchecked Sendable {
    /// One noted product: L [rows, weight rows] and R [rows, weight columns], row-major.
    struct Term {
        var left: [Scalar]
        var right: [Scalar]
        var rows: Int
    }

    /// The noted products of each weight, in the order the backward pass noted them.
    private var terms: [ObjectIdentifier: [Term]] = [:]

    /// Notes ∂W += Lᵀ·R for a weight W [p, q], with L [rows, p] and R [rows, q].
    func note(_ weight: Tensor<Scalar>, left: [Scalar], right: [Scalar], rows: Int) {
        terms[ObjectIdentifier(weight), default: []].append(Term(left: left, right: right, rows: rows))
    }

    /// Adds the weight's noted products into its gradient buffer (or makes it), as one product;
    /// does nothing when none were noted.
    func flush(_ weight: Tensor<Scalar>, into buffer: inout [Scalar]?) {
        guard let noted = terms.removeValue(forKey: ObjectIdentifier(weight)) else { return }
        let (p, q) = (weight.shape[0], weight.shape[1])
        let rows = noted.reduce(0) { $0 + $1.rows }
        #if !canImport(Accelerate)
        // The package's kernels pack each term's rows straight into the panels they read.
        if noted.count > 1 {
            if Scalar.self == Float.self { return flushPacked(noted, as: Float.self, p: p, q: q, rows: rows, into: &buffer) }
            if Scalar.self == Double.self { return flushPacked(noted, as: Double.self, p: p, q: q, rows: rows, into: &buffer) }
        }
        #endif
        // One term is multiplied where it is (as it was before deferring); several are first laid
        // one after another, copied on the package's threads (one row made of every part).
        func joined(_ parts: [[Scalar]]) -> [Scalar] { LayoutKernels.joinRows(parts, widths: parts.map(\.count), outer: 1) }
        let left = noted.count == 1 ? noted[0].left : joined(noted.map(\.left))     // [rows, p]
        let right = noted.count == 1 ? noted[0].right : joined(noted.map(\.right))  // [rows, q]
        addProduct(into: &buffer, count: p * q, depth: rows) { c, accumulate in
            batchedProduct(left, right, batch: 1, m: p, n: q, k: rows, transposeA: true, transposeB: false,
                           strideA: 0, strideB: 0, into: &c, accumulate: accumulate)
        }
    }

    /// `flush` for several terms through the package's kernels: instead of joining the terms' rows
    /// and packing the joined copies, each term's rows of L and R go straight to their places in
    /// op(A) = Lᵀ and op(B) = R packed whole (`PackedLeftOperand`, `PackedRightOperand`), which
    /// are the panels the product would have packed from the joined rows: the same bits.
    private func flushPacked<T: MatrixMultiplyScalar>(_ noted: [Term], as _: T.Type, p: Int, q: Int, rows: Int,
                                                      into buffer: inout [Scalar]?) {
        let (countA, countB) = (PackedLeftOperand<T>.elementCount(rows: p, depth: rows),
                                PackedRightOperand<T>.elementCount(depth: rows, columns: q))
        let (bufferA, bufferB) = (MatrixMultiplyPackingBufferPool.acquire(byteCount: countA * MemoryLayout<T>.stride),
                                  MatrixMultiplyPackingBufferPool.acquire(byteCount: countB * MemoryLayout<T>.stride))
        defer {
            MatrixMultiplyPackingBufferPool.release(bufferA)
            MatrixMultiplyPackingBufferPool.release(bufferB)
        }
        let storageA = bufferA.base.bindMemory(to: T.self, capacity: countA)
        let storageB = bufferB.base.bindMemory(to: T.self, capacity: countB)
        let left = PackedLeftOperand<T>(rows: p, depth: rows, into: storageA)   // op(A) = Lᵀ [p, rows]
        let right = PackedRightOperand<T>(depth: rows, columns: q, borrowing: storageB)  // op(B) = R [rows, q]
        // Term t covers the rows starts[t]..<starts[t + 1] of the joined L and R; the terms write
        // apart from each other, so they are packed on the package's threads.
        var starts = [0]
        for term in noted { starts.append(starts.last! + term.rows) }
        ParallelLoop.run(count: noted.count, threads: Swift.min(MatrixMultiply.maximumThreads, noted.count)) { t in
            let depthRows = starts[t]..<starts[t + 1]
            noted[t].left.withUnsafeBytes { l in
                left.pack(depthRows: depthRows, ofTransposed: l.baseAddress!.assumingMemoryBound(to: T.self), lda: p, rows: p)
            }
            noted[t].right.withUnsafeBytes { r in
                right.pack(depthRows: depthRows, of: r.baseAddress!.assumingMemoryBound(to: T.self), ldb: q)
            }
        }
        addProduct(into: &buffer, count: p * q, depth: rows) { c, accumulate in
            c.withUnsafeMutableBytes { pc in
                let output = pc.baseAddress!.assumingMemoryBound(to: T.self)
                // A and B themselves are never read when both are packed; valid pointers stand in.
                let problem = MatrixMultiplyProblem<T>(
                    transposeA: true, transposeB: false, m: p, n: q, k: rows, alpha: 1, a: storageA, lda: p,
                    b: storageB, ldb: q, beta: accumulate ? 1 : 0, c: output, ldc: q, packedB: right, packedA: left)
                MatrixMultiply.validate(problem)
                MatrixMultiplyDriver.run(problem, maximumThreads: MatrixMultiply.maximumThreads)
            }
        }
    }
}

/// The backward pass running on this task, for the pullbacks that defer a weight's gradient.
enum BackwardPass {
    /// The running pass's `DeferredWeightGradients` (of the pass's scalar type), nil outside one.
    @TaskLocal static var deferred: (any AnyObject & Sendable)?
}

/// Notes ∂W += Lᵀ·R for the end of the backward pass, with L [rows, p] and R [rows, q] for W [p, q],
/// when W is a trainable matrix (a leaf) and a pass is running; returns false (noting nothing)
/// otherwise, and the caller adds the product itself.
package func deferWeightGradient<Scalar: TensorScalar>(_ weight: Tensor<Scalar>, left: [Scalar], right: [Scalar],
                                                       rows: Int) -> Bool {
    guard weight.isPackedParameter,
          let pass = BackwardPass.deferred as? DeferredWeightGradients<Scalar> else { return false }
    require(left.count == rows * weight.shape[0] && right.count == rows * weight.shape[1], "deferWeightGradient",
            "\(left.count) and \(right.count) scalars are not \(rows) rows of each side of the weight \(describe(weight.shape))")
    pass.note(weight, left: left, right: right, rows: rows)
    return true
}
