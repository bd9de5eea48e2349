extension Tensor {
    private func compared(_ op: BinaryOperation, _ other: Tensor, _ name: String) -> Tensor {
        GradientRecording.withoutGradients { broadcasting(op, other, name, pullback: nil) }
    }
    /// 1 where the elements are equal, 0 elsewhere (not differentiable).
    public func isEqual(to other: Tensor) -> Tensor { compared(.equal, other, "isEqual") }
    /// 1 where the elements differ, 0 elsewhere.
    public func isNotEqual(to other: Tensor) -> Tensor { compared(.notEqual, other, "isNotEqual") }
    /// 1 where this is smaller, 0 elsewhere.
    public func isLess(than other: Tensor) -> Tensor { compared(.less, other, "isLess") }
    /// 1 where this is smaller or equal, 0 elsewhere.
    public func isLessOrEqual(to other: Tensor) -> Tensor { compared(.lessOrEqual, other, "isLessOrEqual") }
    /// 1 where this is larger, 0 elsewhere.
    public func isGreater(than other: Tensor) -> Tensor { compared(.greater, other, "isGreater") }
    /// 1 where this is larger or equal, 0 elsewhere.
    public func isGreaterOrEqual(to other: Tensor) -> Tensor { compared(.greaterOrEqual, other, "isGreaterOrEqual") }
    /// 1 where this equals `value`, 0 elsewhere.
    public func isEqual(to value: Scalar) -> Tensor { isEqual(to: Tensor.constant(value)) }
    /// 1 where this is larger than `value`, 0 elsewhere.
    public func isGreater(than value: Scalar) -> Tensor { isGreater(than: Tensor.constant(value)) }
    /// 1 where this is smaller than `value`, 0 elsewhere.
    public func isLess(than value: Scalar) -> Tensor { isLess(than: Tensor.constant(value)) }
}
