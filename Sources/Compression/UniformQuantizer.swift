// Codes stored in a fixed number of bits: each dimension's range cut into 2^b equal cells.

import ArgumentChecks
import CMath

/// Quantises k-dimensional codes to `bits` bits per dimension, each dimension over its own range.
///
/// A value x in [low, high] becomes the cell index i = min(⌊(x − low)/Δ⌋, 2^b − 1) with
/// Δ = (high − low)/2^b, and is reconstructed at the cell's centre low + (i + ½)Δ, so the error of
/// any value inside the range is at most Δ/2. Values outside the range are clamped to it.
public struct UniformQuantizer: Sendable, Equatable {
    /// Bits per dimension, 1…16.
    public let bits: Int
    /// The lowest value of each dimension.
    public let lows: [Double]
    /// The highest value of each dimension.
    public let highs: [Double]

    /// The number of cells per dimension, 2^bits.
    public var levels: Int { 1 << bits }
    /// The code's dimension k.
    public var dimension: Int { lows.count }

    /// A quantiser with the given ranges (each `high > low`).
    public init(bits: Int, lows: [Double], highs: [Double]) {
        require((1...16).contains(bits), "UniformQuantizer", "bits must be 1…16, got \(bits)")
        require(!lows.isEmpty && lows.count == highs.count, "UniformQuantizer",
                "\(lows.count) lows and \(highs.count) highs: give one of each per dimension")
        for (low, high) in zip(lows, highs) {
            require(low.isFinite && high.isFinite && high > low, "UniformQuantizer",
                    "every range needs a finite high above its low, got [\(low), \(high)]")
        }
        self.bits = bits
        self.lows = lows
        self.highs = highs
    }

    /// A quantiser whose ranges are the smallest and largest value of each dimension in `codes`
    /// (row-major, `dimension` values per row); a constant dimension gets the range [v − ½, v + ½].
    public static func fitted(bits: Int, codes: [Double], dimension: Int) -> UniformQuantizer {
        require(dimension > 0 && !codes.isEmpty && codes.count % dimension == 0, "UniformQuantizer.fitted",
                "\(codes.count) values do not form rows of \(dimension)")
        var lows = [Double](repeating: .infinity, count: dimension)
        var highs = [Double](repeating: -.infinity, count: dimension)
        for (index, value) in codes.enumerated() {
            lows[index % dimension] = min(lows[index % dimension], value)
            highs[index % dimension] = max(highs[index % dimension], value)
        }
        for j in 0..<dimension where highs[j] <= lows[j] {
            lows[j] -= 0.5
            highs[j] += 0.5
        }
        return UniformQuantizer(bits: bits, lows: lows, highs: highs)
    }

    /// The cell width Δ of dimension `j`.
    public func step(_ j: Int) -> Double { (highs[j] - lows[j]) / Double(levels) }

    /// The cell index of every value (row-major rows of `dimension` values).
    public func indices(_ codes: [Double]) -> [Int] {
        require(codes.count % dimension == 0, "UniformQuantizer.indices",
                "\(codes.count) values do not form rows of \(dimension)")
        return codes.enumerated().map { index, value in
            let j = index % dimension
            let cell = ((value - lows[j]) / step(j)).rounded(.down)
            return Int(min(max(cell, 0), Double(levels - 1)))
        }
    }

    /// The values the cell indices stand for: each cell's centre.
    public func values(_ indices: [Int]) -> [Double] {
        require(indices.count % dimension == 0, "UniformQuantizer.values",
                "\(indices.count) indices do not form rows of \(dimension)")
        return indices.enumerated().map { index, cell in
            let j = index % dimension
            require(cell >= 0 && cell < levels, "UniformQuantizer.values", "index \(cell) is outside 0..<\(levels)")
            return lows[j] + (Double(cell) + 0.5) * step(j)
        }
    }
}

/// The peak signal-to-noise ratio 10·log₁₀(peak² / MSE) in decibels, for pixels whose largest
/// value is `peak`; infinite when the mean squared error is 0.
public func peakSignalToNoiseRatio(meanSquaredError: Double, peak: Double = 1) -> Double {
    require(meanSquaredError >= 0 && peak > 0, "peakSignalToNoiseRatio",
            "needs an error of at least 0 and a positive peak, got \(meanSquaredError) and \(peak)")
    guard meanSquaredError > 0 else { return .infinity }
    return 10 * log10(peak * peak / meanSquaredError)
}
