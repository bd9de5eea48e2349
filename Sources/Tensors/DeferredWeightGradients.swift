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
        // The arrays end to end, copied on the package's threads (one row made of every part).
        func joined(_ parts: [[Scalar]]) -> [Scalar] { LayoutKernels.joinRows(parts, widths: parts.map(\.count), outer: 1) }
        let (p, q) = (weight.shape[0], weight.shape[1])
        let rows = noted.reduce(0) { $0 + $1.rows }
        // One term is multiplied where it is (as it was before deferring); several are first laid
        // one after another.
        let left = noted.count == 1 ? noted[0].left : joined(noted.map(\.left))     // [rows, p]
        let right = noted.count == 1 ? noted[0].right : joined(noted.map(\.right))  // [rows, q]
        addProduct(into: &buffer, count: p * q, depth: rows) { c, accumulate in
            batchedProduct(left, right, batch: 1, m: p, n: q, k: rows, transposeA: true, transposeB: false,
                           strideA: 0, strideB: 0, into: &c, accumulate: accumulate)
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
