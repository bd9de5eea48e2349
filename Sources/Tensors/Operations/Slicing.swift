extension Tensor {
    /// The elements whose index along `axis` lies in `range`.
    ///
    /// ∂/∂x = g inside the range, 0 outside it
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, "slice")
        guard range.lowerBound >= 0, range.upperBound <= shape[axis] else {
            shapeFailure("slice", "range \(range) is outside 0..<\(shape[axis]) on axis \(axis) of \(describe(shape))")
        }
        let (outer, n, inner) = axisLayout(shape, at: axis)
        var outShape = shape
        outShape[axis] = range.count
        var values: [Scalar] = ElementwiseKernels.uninitialized(count: elementCount(outShape))  // every element is copied
        LayoutKernels.copyBlocks(from: scalars, sourceOffset: range.lowerBound * inner, sourceRow: n * inner,
                                 to: &values, destinationOffset: 0, destinationRow: range.count * inner,
                                 outer: outer, count: range.count * inner)
        // One time step of a long sequence is a small slice: its gradient is added into the
        // input's buffer in place rather than spread over a new, mostly zero array.
        return Tensor(shape: outShape, scalars: values, inputs: [self]) { [count] g, buffers in
            let existing = buffers[0] != nil
            if !existing { buffers[0] = ElementwiseKernels.filled(Scalar(0), count: count) }
            LayoutKernels.copyBlocks(from: g, sourceOffset: 0, sourceRow: range.count * inner,
                                     to: &buffers[0]!, destinationOffset: range.lowerBound * inner,
                                     destinationRow: n * inner, outer: outer, count: range.count * inner,
                                     accumulate: existing)
        }
    }

    /// The sub-tensor at `index` along `axis`, with that axis removed (e.g. one time step).
    ///
    /// ∂/∂x = g at `index`, 0 elsewhere (a slice, then a reshape)
    public func select(alongAxis axis: Int, index: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, "select")
        var outShape = shape
        outShape.remove(at: axis)
        return slice(alongAxis: axis, index..<(index + 1)).reshaped(to: outShape)
    }

    /// Joins tensors along an existing axis; all other sizes must agree.
    ///
    /// ∂/∂xₖ = the part of g that xₖ filled
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        guard let first = tensors.first else { shapeFailure("concatenate", "no tensors given") }
        let axis = normalizedAxis(axis, rank: first.rank, "concatenate")
        for t in tensors where t.rank != first.rank || (0..<first.rank).contains(where: { $0 != axis && t.shape[$0] != first.shape[$0] }) {
            shapeFailure("concatenate",
                         "shapes \(describe(first.shape)) and \(describe(t.shape)) differ off axis \(axis)")
        }
        let (outer, _, inner) = axisLayout(first.shape, at: axis)
        let sizes = tensors.map { $0.shape[axis] }
        let total = sizes.reduce(0, +)
        var outShape = first.shape
        outShape[axis] = total
        let values = LayoutKernels.joinRows(tensors.map(\.scalars), widths: sizes.map { $0 * inner }, outer: outer)
        return Tensor(shape: outShape, scalars: values, inputs: tensors) { g in
            var offset = 0
            return zip(tensors, sizes).map { t, size in
                defer { offset += size }
                guard t.requiresGradient else { return nil }
                var part: [Scalar] = ElementwiseKernels.uninitialized(count: t.count)  // every element is copied
                LayoutKernels.copyBlocks(from: g, sourceOffset: offset * inner, sourceRow: total * inner,
                                         to: &part, destinationOffset: 0, destinationRow: size * inner,
                                         outer: outer, count: size * inner)
                return part
            }
        }
    }

    /// Joins tensors of equal shape along a new axis.
    ///
    /// ∂/∂xₖ = g at position k of the new axis (through `concatenate`)
    public static func stack(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        guard let first = tensors.first else { shapeFailure("stack", "no tensors given") }
        for t in tensors where t.shape != first.shape {
            shapeFailure("stack", "shapes \(describe(first.shape)) and \(describe(t.shape)) differ")
        }
        let axis = normalizedAxis(axis, rank: first.rank + 1, "stack")
        return concatenate(tensors.map { $0.expandingShape(at: axis) }, alongAxis: axis)
    }

    /// Splits along `axis` into pieces of the given sizes.
    ///
    /// ∂/∂x = the gradients of the pieces, side by side (each piece is a slice)
    public func split(sizes: [Int], alongAxis axis: Int) -> [Tensor] {
        let axis = normalizedAxis(axis, rank: rank, "split")
        guard sizes.reduce(0, +) == shape[axis], sizes.allSatisfy({ $0 >= 0 }) else {
            shapeFailure("split",
                         "sizes \(sizes) do not add up to \(shape[axis]) on axis \(axis) of \(describe(shape))")
        }
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(alongAxis: axis, start..<(start + size))
        }
    }
}
