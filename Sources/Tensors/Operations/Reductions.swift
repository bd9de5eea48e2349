/// The sizes before, along and after an axis: a tensor viewed as [outer, n, inner].
func axisLayout(_ shape: [Int], at axis: Int) -> (outer: Int, n: Int, inner: Int) {
    (elementCount(Array(shape[..<axis])), shape[axis], elementCount(Array(shape[(axis + 1)...])))
}

extension Tensor {
    /// The sum of all elements, as a scalar tensor.
    ///
    /// ∂(Σⱼ xⱼ)/∂xᵢ = 1: every element gets g
    public func sum() -> Tensor {
        let total = ReductionKernels.sum(scalars, outer: 1, n: count, inner: 1)
        return Tensor(shape: [], scalars: total, inputs: [self]) { [count] g in
            [ReductionKernels.expand(g, outer: 1, n: count, inner: 1, scale: 1)]
        }
    }

    /// The mean of all elements, as a scalar tensor.
    ///
    /// ∂(Σⱼ xⱼ / n)/∂xᵢ = 1/n (a sum, then a division)
    public func mean() -> Tensor { sum() / Scalar(Swift.max(count, 1)) }

    /// Sums along the given axes (negative axes count from the end).
    ///
    /// ∂/∂x = g repeated along the summed axes (one `sumKeepingAxis` per axis)
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let resolved = Set(axes.map { normalizedAxis($0, rank: rank, "sum(alongAxes:)") })
        var result = self
        for axis in resolved.sorted() {
            result = result.sumKeepingAxis(axis)
        }
        if keepingDimensions { return result }
        return result.reshaped(to: shape.enumerated().filter { !resolved.contains($0.offset) }.map(\.element))
    }

    /// Sums along one axis.
    public func sum(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        sum(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The mean along the given axes.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let size = Set(axes.map { normalizedAxis($0, rank: rank, "mean(alongAxes:)") }).reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Scalar(Swift.max(size, 1))
    }

    /// The mean along one axis.
    public func mean(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        mean(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// Sums along `axis`, keeping it with size 1.
    ///
    /// ∂(Σⱼ x[…, j, …])/∂x[…, i, …] = 1: g repeated along the axis
    private func sumKeepingAxis(_ axis: Int) -> Tensor {
        let (outer, n, inner) = axisLayout(shape, at: axis)
        var outShape = shape
        outShape[axis] = 1
        return Tensor(shape: outShape, scalars: ReductionKernels.sum(scalars, outer: outer, n: n, inner: inner),
                      inputs: [self]) { g in
            [ReductionKernels.expand(g, outer: outer, n: n, inner: inner, scale: 1)]
        }
    }

    /// The largest element along `axis`; the gradient flows to the (first) largest element.
    ///
    /// ∂ maxⱼ xⱼ / ∂xᵢ = 1 for the first largest i, 0 for the others: g is scattered to it
    public func max(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, "max(alongAxis:)")
        let (outer, n, inner) = axisLayout(shape, at: axis)
        guard n > 0 else { shapeFailure("max(alongAxis:)", "axis \(axis) of \(describe(shape)) is empty") }
        let (values, indices) = ReductionKernels.max(scalars, outer: outer, n: n, inner: inner)
        var outShape = shape
        if keepingDimensions { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        return Tensor(shape: outShape, scalars: values, inputs: [self]) { g in
            [ReductionKernels.scatter(g, indices: indices, outer: outer, n: n, inner: inner)]
        }
    }

    /// The position of the largest element along `axis` (the first on ties), e.g. a predicted class.
    public func argmax(alongAxis axis: Int) -> [Int] {
        let axis = normalizedAxis(axis, rank: rank, "argmax(alongAxis:)")
        let (outer, n, inner) = axisLayout(shape, at: axis)
        guard n > 0 else { shapeFailure("argmax(alongAxis:)", "axis \(axis) of \(describe(shape)) is empty") }
        return ReductionKernels.max(scalars, outer: outer, n: n, inner: inner).indices
    }

    /// softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ) along `axis` (the last by default).
    ///
    /// ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so the pullback is y ⊙ (g − Σⱼ gⱼyⱼ)
    public func softmax(alongAxis axis: Int = -1) -> Tensor { normalised(axis, logarithm: false, "softmax") }

    /// log softmax(x)ᵢ = xᵢ − log Σⱼ e^(xⱼ) along `axis`, computed stably.
    ///
    /// ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, so the pullback is g − e^y · Σⱼ gⱼ
    public func logSoftmax(alongAxis axis: Int = -1) -> Tensor { normalised(axis, logarithm: true, "logSoftmax") }

    private func normalised(_ axis: Int, logarithm: Bool, _ name: String) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, name)
        let (outer, n, inner) = axisLayout(shape, at: axis)
        let y = ReductionKernels.softmax(scalars, outer: outer, n: n, inner: inner, logarithm: logarithm)
        return Tensor(shape: shape, scalars: y, inputs: [self]) { g in
            [ReductionKernels.softmaxPullback(y, g, outer: outer, n: n, inner: inner, logarithm: logarithm)]
        }
    }

    /// log Σ e^x along `axis`, computed stably as m + log Σ e^(x − m) with m the maximum.
    ///
    /// ∂/∂xᵢ = softmax(x)ᵢ, through the composed operations (m is a constant: it cancels)
    public func logSumExp(alongAxis axis: Int = -1, keepingDimensions: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, "logSumExp")
        let m = max(alongAxis: axis, keepingDimensions: true).detached()
        let shifted = (self - m).exp().sum(alongAxis: axis, keepingDimensions: true).log() + m
        if keepingDimensions { return shifted }
        var outShape = shape
        outShape.remove(at: axis)
        return shifted.reshaped(to: outShape)
    }
}
