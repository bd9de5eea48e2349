extension Tensor {
    /// The same elements in a new shape; one size may be −1 to be inferred.
    ///
    /// ∂/∂x = g, in x's shape (the elements do not move)
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        if unknown.count > 1 || newShape.contains(where: { $0 < -1 }) {
            shapeFailure("reshape", "cannot reshape \(describe(shape)) to \(describe(newShape))")
        }
        if let axis = unknown.first {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            guard known > 0, count % known == 0 else {
                shapeFailure("reshape",
                             "cannot reshape \(describe(shape)) (\(count) elements) to \(describe(newShape))")
            }
            resolved[axis] = count / known
        }
        guard elementCount(resolved) == count else {
            shapeFailure("reshape", "cannot reshape \(describe(shape)) (\(count) elements) to \(describe(newShape))")
        }
        if resolved == shape { return self }
        return Tensor(shape: resolved, scalars: scalars, inputs: [self]) { g in [g] }
    }

    /// Reorders the axes: axis i of the result is axis `axes[i]` of this tensor.
    ///
    /// ∂/∂x = g permuted back, by the inverse permutation
    public func permuted(_ axes: [Int]) -> Tensor {
        let resolved = axes.map { normalizedAxis($0, rank: rank, "permute") }
        guard resolved.count == rank, Set(resolved).count == rank else {
            shapeFailure("permute", "\(axes) is not a permutation of the axes of \(describe(shape))")
        }
        if resolved == Array(0..<rank) { return self }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in resolved.enumerated() { inverse[axis] = i }
        let outShape = resolved.map { shape[$0] }
        return Tensor(shape: outShape, scalars: LayoutKernels.permute(scalars, shape: shape, permutation: resolved),
                      inputs: [self]) { g in
            [LayoutKernels.permute(g, shape: outShape, permutation: inverse)]
        }
    }

    /// Swaps two axes (the last two by default): the matrix transpose of each matrix in a batch.
    public func transposed(_ first: Int = -2, _ second: Int = -1) -> Tensor {
        var axes = Array(0..<rank)
        axes.swapAt(normalizedAxis(first, rank: rank, "transpose"), normalizedAxis(second, rank: rank, "transpose"))
        return permuted(axes)
    }

    /// Repeats this tensor along axes of size 1 (and new leading axes) to reach `target`.
    ///
    /// ∂/∂x = g summed over the repeated axes
    public func broadcast(to target: [Int]) -> Tensor {
        guard broadcastShape(shape, target) == target else {
            shapeFailure("broadcast", "\(describe(shape)) cannot be broadcast to \(describe(target))")
        }
        if target == shape { return self }
        let values = ElementwiseKernels.broadcast(scalars, broadcastStrides(shape, to: target), shape: target)
        return Tensor(shape: target, scalars: values, inputs: [self]) { [shape] g in
            [unbroadcast(g, from: target, to: shape)]
        }
    }

    /// Inserts an axis of size 1 at `axis`.
    public func expandingShape(at axis: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: normalizedAxis(axis, rank: rank + 1, "expandingShape"))
        return reshaped(to: newShape)
    }

    /// Removes an axis of size 1.
    public func squeezingShape(at axis: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, "squeezingShape")
        guard shape[axis] == 1 else {
            shapeFailure("squeezingShape", "axis \(axis) of \(describe(shape)) has size \(shape[axis]), not 1")
        }
        var newShape = shape
        newShape.remove(at: axis)
        return reshaped(to: newShape)
    }
}
