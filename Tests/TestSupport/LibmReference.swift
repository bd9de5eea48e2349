import CMath

/// The C library's hyperbolic tangent, named apart from the tensor operation a test checks.
public func libmTanh(_ x: Double) -> Double { tanh(x) }
/// The C library's exponential.
public func libmExp(_ x: Double) -> Double { exp(x) }
/// The C library's natural logarithm.
public func libmLog(_ x: Double) -> Double { log(x) }
/// The logistic function 1 / (1 + e^(−x)) computed with the C library's exponential.
public func libmSigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
