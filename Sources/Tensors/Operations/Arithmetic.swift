/// Sums `gradient` (of shape `from`) down to `to`, undoing a broadcast: the pullback of broadcasting.
///
/// ∂/∂x of x broadcast along an axis = the sum of g along that axis
func unbroadcast<Scalar: TensorScalar>(_ gradient: [Scalar], from: [Int], to: [Int]) -> [Scalar] {
    if from == to { return gradient }
    let offset = from.count - to.count
    var shape = from
    var values = gradient
    for axis in 0..<from.count where axis < offset || (to[axis - offset] == 1 && from[axis] != 1) {
        values = ReductionKernels.sum(values, outer: elementCount(Array(shape[..<axis])), n: shape[axis],
                                      inner: elementCount(Array(shape[(axis + 1)...])))
        shape[axis] = 1
    }
    return values
}

extension Tensor {
    /// Applies a broadcasting element-wise operation and records its pullback.
    func broadcasting(_ op: BinaryOperation, _ other: Tensor, _ name: String,
                      pullback: ((Tensor, Tensor, [Scalar], [Int]) -> ([Scalar]?, [Scalar]?))?) -> Tensor {
        guard let outShape = broadcastShape(shape, other.shape) else {
            shapeFailure(name, "shapes \(describe(shape)) and \(describe(other.shape)) cannot be broadcast together")
        }
        let result = ElementwiseKernels.binary(op, scalars, broadcastStrides(shape, to: outShape),
                                               other.scalars, broadcastStrides(other.shape, to: outShape),
                                               shape: outShape)
        guard let pullback else { return Tensor(shape: outShape, scalars: result) }
        return Tensor(shape: outShape, scalars: result, inputs: [self, other]) { [self] g in
            let (ga, gb) = pullback(self, other, g, outShape)
            return [ga.map { unbroadcast($0, from: outShape, to: self.shape) },
                    gb.map { unbroadcast($0, from: outShape, to: other.shape) }]
        }
    }

    /// A 0-dimensional tensor holding `value`.
    static func constant(_ value: Scalar) -> Tensor { Tensor(shape: [], scalars: [value]) }

    /// Element-wise sum, broadcasting shapes.
    ///
    /// ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1: both get g (summed over broadcast axes)
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(.add, rhs, "add (+)") { a, b, g, _ in
            (a.requiresGradient ? g : nil, b.requiresGradient ? g : nil)
        }
    }

    /// Element-wise difference, broadcasting shapes.
    ///
    /// ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1: a gets g, b gets −g
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(.subtract, rhs, "subtract (−)") { a, b, g, _ in
            (a.requiresGradient ? g : nil, b.requiresGradient ? ElementwiseKernels.unary(.negate, g) : nil)
        }
    }

    /// Element-wise product, broadcasting shapes.
    ///
    /// ∂(a·b)/∂a = b, ∂(a·b)/∂b = a: a gets g·b, b gets g·a
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(.multiply, rhs, "multiply (*)") { a, b, g, outShape in
            let ga = a.requiresGradient
                ? ElementwiseKernels.binary(.multiply, g, contiguousStrides(outShape), b.scalars,
                                            broadcastStrides(b.shape, to: outShape), shape: outShape) : nil
            let gb = b.requiresGradient
                ? ElementwiseKernels.binary(.multiply, g, contiguousStrides(outShape), a.scalars,
                                            broadcastStrides(a.shape, to: outShape), shape: outShape) : nil
            return (ga, gb)
        }
    }

    /// Element-wise quotient, broadcasting shapes.
    ///
    /// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²: a gets g/b, b gets g·(−(a/b)/b)
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.broadcasting(.divide, rhs, "divide (/)") { a, b, g, outShape in
            let gStrides = contiguousStrides(outShape), bStrides = broadcastStrides(b.shape, to: outShape)
            let ga = a.requiresGradient
                ? ElementwiseKernels.binary(.divide, g, gStrides, b.scalars, bStrides, shape: outShape) : nil
            var gb: [Scalar]? = nil
            if b.requiresGradient {
                let quotient = ElementwiseKernels.binary(.divide, a.scalars, broadcastStrides(a.shape, to: outShape),
                                                         b.scalars, bStrides, shape: outShape)
                let overB = ElementwiseKernels.binary(.divide, quotient, gStrides, b.scalars, bStrides, shape: outShape)
                gb = ElementwiseKernels.binary(.multiply, g, gStrides, ElementwiseKernels.unary(.negate, overB),
                                               gStrides, shape: outShape)
            }
            return (ga, gb)
        }
    }

    /// Element-wise negation.
    ///
    /// d/dx (−x) = −1
    public static prefix func - (x: Tensor) -> Tensor { x.applying(.negate, pullback: UnaryDerivatives.negate) }

    /// Adds a number to every element.
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.affine(scale: 1, shift: rhs) }
    /// Adds a number to every element.
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.affine(scale: 1, shift: lhs) }
    /// Subtracts a number from every element.
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.affine(scale: 1, shift: -rhs) }
    /// Subtracts every element from a number.
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.affine(scale: -1, shift: lhs) }
    /// Multiplies every element by a number.
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.affine(scale: rhs, shift: 0) }
    /// Multiplies every element by a number.
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.affine(scale: lhs, shift: 0) }
    /// Divides every element by a number.
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.affine(scale: 1 / rhs, shift: 0) }
    /// Divides a number by every element.
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { constant(lhs) / rhs }

    /// `scale · self + shift`, element-wise.
    ///
    /// d/dx (s·x + t) = s
    func affine(scale: Scalar, shift: Scalar) -> Tensor {
        Tensor(shape: shape, scalars: ElementwiseKernels.affine(scalars, scale: scale, shift: shift),
               inputs: [self]) { g in [ElementwiseKernels.affine(g, scale: scale, shift: 0)] }
    }

    /// The larger of the two at each position (the gradient goes to the larger; to `self` on ties).
    ///
    /// ∂max(a, b)/∂a = 1 where a ≥ b, else 0 (and the reverse for b): the pullback of `where`
    public func maximum(_ other: Tensor) -> Tensor {
        let pick = broadcasting(.greaterOrEqual, other, "maximum", pullback: nil)
        return Tensor.where(pick, self, other)
    }
}
