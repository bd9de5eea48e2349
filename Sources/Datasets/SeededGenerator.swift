// A small, self-contained random number generator so that every dataset is fixed by its seed.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A SplitMix64 random number generator: the same seed gives the same numbers on every platform.
///
/// SplitMix64 passes the usual statistical test batteries, needs eight bytes of state and is
/// fast. The datasets draw every random number from it with their own conversions to floating
/// point, so the data does not depend on how the standard library maps bits to `Double`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform `Double` in `[lower, upper)`.
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unitDouble()
    }

    /// A standard normal `Double` (mean 0, variance 1), by the Box–Muller transform.
    public mutating func normal() -> Double {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u = 1 - unitDouble()
        let v = unitDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-and-reject method).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "SeededGenerator.index(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in the closed range.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + index(below: range.upperBound - range.lowerBound + 1)
    }

    /// Shuffles `array` in place (Fisher–Yates), using only this generator's own draws.
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = index(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
