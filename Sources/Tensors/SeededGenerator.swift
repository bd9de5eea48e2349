/// A random number generator that gives the same sequence for the same seed on every platform.
///
/// The state advances with SplitMix64 (integer arithmetic only). Normal samples use the
/// Marsaglia polar method with a logarithm computed here from IEEE operations alone, so no
/// platform's math library can change a single bit of the result.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    private var spareNormal: Double?

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
        spareNormal = nil
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// This generator as it will be after `draws` more calls of `next()`, without making them.
    ///
    /// SplitMix64's state only ever grows by the same constant, so the i-th draw from here on
    /// depends on i alone: threads can each take their own run of a long sequence of draws.
    func advanced(by draws: Int) -> SeededGenerator {
        var copy = self
        copy.state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: draws)
        return copy
    }

    /// A uniform sample in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform sample in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUniform()
    }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's multiply-and-reject method).
    public mutating func nextInt(below bound: Int) -> Int {
        require(bound > 0, "nextInt(below:)", "bound must be positive, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniform integer in a closed range.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
    }

    /// Shuffles `array` in place (Fisher–Yates) with this generator's own draws.
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, nextInt(below: i + 1)) }
    }

    /// A sample from the standard normal distribution.
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * portableLog(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// A random permutation of 0..<count.
    public mutating func permutation(_ count: Int) -> [Int] {
        var items = Array(0..<count)
        shuffle(&items)
        return items
    }
}

/// The natural logarithm of a positive finite x from IEEE operations only (error below 1e-15).
///
/// x = m·2ᵉ with m in [1, 2), then ln m = 2·atanh(z) = 2(z + z³/3 + z⁵/5 + …) with z = (m−1)/(m+1) ≤ 1/3.
func portableLog(_ x: Double) -> Double {
    let e = Double(x.exponent)
    let m = x.significand
    let z = (m - 1) / (m + 1), z2 = z * z
    var term = z, sum = 0.0
    var k = 1.0
    while k < 80 {
        sum += term / k
        term *= z2
        k += 2
    }
    return 2 * sum + e * 0.693_147_180_559_945_309_417_232_121_458
}
