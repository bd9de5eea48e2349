import CMath

/// A floating-point type a tensor can hold: `Float` or `Double`.
///
/// The elementary functions are protocol requirements so that kernels specialised for `Float`
/// and `Double` call the C library's concrete functions directly.
public protocol TensorScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// e raised to `x`.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm of `x`.
    static func log(_ x: Self) -> Self
    /// The hyperbolic tangent of `x`.
    static func tanh(_ x: Self) -> Self
    /// The cosine of `x`.
    static func cos(_ x: Self) -> Self
    /// The sine of `x`.
    static func sin(_ x: Self) -> Self
    /// `x` raised to `y`.
    static func pow(_ x: Self, _ y: Self) -> Self
    /// Applies an elementary function to `count` elements (vectorised where the type allows).
    static func vectorized(_ function: VectorFunction, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                           count: Int)
    /// Row-major C = alpha·op(A)·op(B) + beta·C (see `MatrixMultiply.gemm`).
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: TensorScalar {
    @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) public static func cos(_ x: Float) -> Float { cosf(x) }
    @inline(__always) public static func sin(_ x: Float) -> Float { sinf(x) }
    @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    /// Row-major C = alpha·op(A)·op(B) + beta·C, through `MatrixMultiply.gemm`.
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        MatrixMultiply.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension Double: TensorScalar {
    @inline(__always) public static func exp(_ x: Double) -> Double { CMath.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { CMath.log(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { CMath.tanh(x) }
    @inline(__always) public static func cos(_ x: Double) -> Double { CMath.cos(x) }
    @inline(__always) public static func sin(_ x: Double) -> Double { CMath.sin(x) }
    @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { CMath.pow(x, y) }
    /// Row-major C = alpha·op(A)·op(B) + beta·C, through `MatrixMultiply.gemm`.
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        MatrixMultiply.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
