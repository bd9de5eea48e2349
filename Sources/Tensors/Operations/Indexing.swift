extension Tensor {
    /// Rows of this [rows, width] table chosen by `indices`, shaped `indexShape + [width]`:
    /// an embedding lookup. The gradient of a row used several times is the sum of its uses.
    ///
    /// ∂/∂table[r] = Σ over the positions p with indices[p] = r of g[p]
    public func gatherRows(_ indices: [Int], indexShape: [Int]? = nil) -> Tensor {
        guard rank == 2 else { shapeFailure("gatherRows", "the table must be [rows, width], got \(describe(shape))") }
        let indexShape = indexShape ?? [indices.count]
        guard elementCount(indexShape) == indices.count else {
            shapeFailure("gatherRows", "index shape \(describe(indexShape)) does not hold \(indices.count) indices")
        }
        let rows = shape[0], width = shape[1]
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            shapeFailure("gatherRows", "index \(bad) is outside 0..<\(rows) for a table of shape \(describe(shape))")
        }
        return Tensor(shape: indexShape + [width], scalars: LayoutKernels.gatherRows(scalars, width: width, indices: indices),
                      inputs: [self]) { g in
            [LayoutKernels.scatterAddRows(g, width: width, indices: indices, rows: rows)]
        }
    }

    /// Picks, for each row of this [..., classes] tensor, the element at the class given in `indices`.
    ///
    /// ∂/∂x[r, c] = g[r] where c = indices[r], 0 elsewhere
    public func pick(_ indices: [Int]) -> Tensor {
        let classes = shape.last ?? 1
        let rows = count / Swift.max(classes, 1)
        guard indices.count == rows else {
            shapeFailure("pick", "\(indices.count) indices for \(rows) rows of \(describe(shape))")
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= classes }) {
            shapeFailure("pick", "index \(bad) is outside 0..<\(classes) for shape \(describe(shape))")
        }
        let values = indices.enumerated().map { scalars[$0.offset * classes + $0.element] }
        return Tensor(shape: Array(shape.dropLast()), scalars: values, inputs: [self]) { [count] g in
            var full = ElementwiseKernels.filled(Scalar(0), count: count)
            for (row, index) in indices.enumerated() { full[row * classes + index] = g[row] }
            return [full]
        }
    }

    /// `condition ? a : b` element-wise, broadcasting all three; condition holds 0 (false) or not.
    ///
    /// ∂/∂a = g where the condition holds, 0 elsewhere; ∂/∂b the reverse; the condition gets none
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        guard let ab = broadcastShape(a.shape, b.shape), let target = broadcastShape(ab, condition.shape) else {
            shapeFailure("where",
                         "shapes \(describe(condition.shape)), \(describe(a.shape)) and \(describe(b.shape)) cannot be broadcast together")
        }
        let c = condition.detached().broadcast(to: target).scalars
        let left = a.broadcast(to: target), right = b.broadcast(to: target)
        let zero = ElementwiseKernels.filled(Scalar(0), count: c.count)
        return Tensor(shape: target, scalars: ElementwiseKernels.select(c, left.scalars, right.scalars),
                      inputs: [left, right]) { g in
            [left.requiresGradient ? ElementwiseKernels.select(c, g, zero) : nil,
             right.requiresGradient ? ElementwiseKernels.select(c, zero, g) : nil]
        }
    }

    /// Replaces the elements where `mask` is non-zero by `value` (e.g. −∞ before a softmax).
    public func maskedFill(_ mask: Tensor, with value: Scalar) -> Tensor {
        Tensor.where(mask, Tensor(shape: [], scalars: [value]), self)
    }
}
