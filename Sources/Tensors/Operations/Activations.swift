// Element-wise functions, each with its derivative. A pullback receives x, y = f(x) and the
// gradient g of y, and writes g·f′(x): the loops are below the operations, one per function.

extension Tensor {
    /// Applies an element-wise function and records `pullback`, which writes g·f′(x).
    func applying(_ op: UnaryOperation, pullback: @escaping UnaryPullback<Scalar>) -> Tensor {
        let y = ElementwiseKernels.unary(op, scalars)
        return Tensor(shape: shape, scalars: y, inputs: [self]) { [scalars] g in
            [ElementwiseKernels.pullback(x: scalars, y: y, gradient: g, pullback)]
        }
    }

    /// e^x element-wise.
    ///
    /// d/dx eˣ = eˣ = y
    public func exp() -> Tensor { applying(.exp, pullback: UnaryDerivatives.exp) }
    /// The natural logarithm element-wise.
    ///
    /// d/dx log x = 1/x
    public func log() -> Tensor { applying(.log, pullback: UnaryDerivatives.log) }
    /// The hyperbolic tangent element-wise.
    ///
    /// d/dx tanh x = 1 − tanh² x = 1 − y²
    public func tanh() -> Tensor { applying(.tanh, pullback: UnaryDerivatives.tanh) }
    /// The logistic function σ(x) = 1/(1 + e^(−x)) element-wise.
    ///
    /// d/dx σ(x) = σ(x)·(1 − σ(x)) = y·(1 − y)
    public func sigmoid() -> Tensor { applying(.sigmoid, pullback: UnaryDerivatives.sigmoid) }
    /// max(x, 0) element-wise.
    ///
    /// d/dx max(x, 0) = 1 where x > 0, else 0
    public func relu() -> Tensor { applying(.relu, pullback: UnaryDerivatives.relu) }
    /// x² element-wise.
    ///
    /// d/dx x² = 2x
    public func squared() -> Tensor { applying(.square, pullback: UnaryDerivatives.square) }
    /// √x element-wise.
    ///
    /// d/dx √x = 1/(2√x) = 1/(2y)
    public func squareRoot() -> Tensor { applying(.squareRoot, pullback: UnaryDerivatives.squareRoot) }
    /// |x| element-wise.
    ///
    /// d/dx |x| = sign(x) (0 at 0)
    public func absolute() -> Tensor { applying(.absolute, pullback: UnaryDerivatives.absolute) }
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

/// The pullback loops of the element-wise functions: out = g·f′(x), from x, y = f(x) and g.
///
/// One loop per function, specialised for Float and Double (a formula passed as a closure would
/// be called per element, unspecialised).
enum UnaryDerivatives {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func exp<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                     _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = g[i] * y[i] }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func log<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                     _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = g[i] / x[i] }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func tanh<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                      _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = g[i] * (1 - y[i] * y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sigmoid<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                         _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = g[i] * y[i] * (1 - y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func relu<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                      _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = x[i] > 0 ? g[i] : 0 }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func square<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                        _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = 2 * x[i] * g[i] }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func squareRoot<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                            _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = g[i] / (2 * y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func absolute<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                          _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = x[i] > 0 ? g[i] : (x[i] < 0 ? -g[i] : 0) }
    }

    // d/dx (−x) = −1
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func negate<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>,
                                        _ g: UnsafeBufferPointer<T>, _ out: UnsafeMutableBufferPointer<T>) {
        for i in 0..<x.count { out[i] = -g[i] }
    }
}
