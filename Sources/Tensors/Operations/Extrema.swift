/// Largest and smallest elements of a whole tensor, and the largest difference of two tensors.
///
/// Derivative: ∂ max(x) / ∂xᵢ = 1 for the (first) largest element and 0 for every other, so the
/// gradient flows to that one element; min(x) = −max(−x) passes it to the (first) smallest one.
extension Tensor {
    /// The largest element, as a scalar tensor; the gradient flows to the (first) largest element.
    public func max() -> Tensor {
        guard count > 0 else { shapeFailure("max()", "the tensor of shape \(describe(shape)) has no elements") }
        return reshaped(to: [count]).max(alongAxis: 0)
    }

    /// The smallest element along `axis`; the gradient flows to the (first) smallest element.
    public func min(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        -((-self).max(alongAxis: axis, keepingDimensions: keepingDimensions))
    }

    /// The smallest element, as a scalar tensor; the gradient flows to the (first) smallest element.
    public func min() -> Tensor {
        guard count > 0 else { shapeFailure("min()", "the tensor of shape \(describe(shape)) has no elements") }
        return -((-self).max())
    }
}

/// max over i of |aᵢ − bᵢ|: the largest absolute difference of two tensors of the same shape, in Double.
///
/// The yardstick of the book's checks ("the fused kernel equals the composed operations to 1e-15").
/// No gradient is recorded. NaN anywhere gives NaN, so a broken computation cannot pass as equal.
public func largestDifference<Scalar: TensorScalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Double {
    guard a.shape == b.shape else {
        shapeFailure("largestDifference", "the shapes \(describe(a.shape)) and \(describe(b.shape)) differ")
    }
    var largest = 0.0
    for (x, y) in zip(a.scalars, b.scalars) {
        let difference = Double(abs(x - y))
        if difference.isNaN { return .nan }
        if difference > largest { largest = difference }
    }
    return largest
}
