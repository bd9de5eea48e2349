#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's functions, named apart from the tensor functions the tests check.
func libmTanh(_ x: Double) -> Double { tanh(x) }
func libmExp(_ x: Double) -> Double { exp(x) }
func libmLog(_ x: Double) -> Double { log(x) }
