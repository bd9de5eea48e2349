#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's functions, under names that cannot be confused with tensor operations.
func libmTanh(_ x: Double) -> Double { tanh(x) }
func libmExp(_ x: Double) -> Double { exp(x) }
func libmLogarithm(_ x: Double) -> Double { log(x) }
func libmSigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
