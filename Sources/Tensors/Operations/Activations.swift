extension Tensor {
    /// Applies an element-wise function and records its pullback.
    func applying(_ op: UnaryOperation) -> Tensor {
        let y = ElementwiseKernels.unary(op, scalars)
        return Tensor(shape: shape, scalars: y, inputs: [self]) { [scalars] g in
            [ElementwiseKernels.unaryPullback(op, x: scalars, y: y, gradient: g)]
        }
    }

    /// e^x element-wise.
    public func exp() -> Tensor { applying(.exp) }
    /// The natural logarithm element-wise.
    public func log() -> Tensor { applying(.log) }
    /// The hyperbolic tangent element-wise; its derivative is 1 − tanh².
    public func tanh() -> Tensor { applying(.tanh) }
    /// The logistic function 1/(1 + e^(−x)) element-wise; its derivative is σ(1 − σ).
    public func sigmoid() -> Tensor { applying(.sigmoid) }
    /// max(x, 0) element-wise; its derivative is 1 where x > 0 and 0 elsewhere.
    public func relu() -> Tensor { applying(.relu) }
    /// x² element-wise.
    public func squared() -> Tensor { applying(.square) }
    /// √x element-wise.
    public func squareRoot() -> Tensor { applying(.squareRoot) }
    /// |x| element-wise.
    public func absolute() -> Tensor { applying(.absolute) }
}

/// e^x element-wise.
public func exp<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.exp() }
/// The natural logarithm element-wise.
public func log<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.log() }
/// The hyperbolic tangent element-wise.
public func tanh<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.tanh() }
/// The logistic function element-wise.
public func sigmoid<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.sigmoid() }
/// max(x, 0) element-wise.
public func relu<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.relu() }
