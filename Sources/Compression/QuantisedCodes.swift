// Introduced in chapter 6: a set of codes stored as bits, so that its rate is what it occupies.

import ArgumentChecks

/// Rows of k-dimensional codes quantised by a `UniformQuantizer` and packed into bytes.
public struct QuantisedCodes: Sendable, Equatable {
    /// The quantiser (its ranges are shared side information, not counted per row).
    public let quantizer: UniformQuantizer
    /// The cell indices of every row, `quantizer.bits` bits each, packed most significant bit first.
    public let bytes: [UInt8]
    /// The number of rows stored.
    public let rows: Int

    /// Quantises and packs `codes` (row-major, `quantizer.dimension` values per row).
    public init(codes: [Double], quantizer: UniformQuantizer) {
        require(!codes.isEmpty && codes.count % quantizer.dimension == 0, "QuantisedCodes",
                "\(codes.count) values do not form rows of \(quantizer.dimension)")
        self.quantizer = quantizer
        rows = codes.count / quantizer.dimension
        bytes = BitPacking.pack(quantizer.indices(codes), bits: quantizer.bits)
    }

    /// The rate the quantiser promises: k·b bits per row.
    public var bitsPerRow: Int { quantizer.dimension * quantizer.bits }
    /// The bits actually stored: 8 per byte.
    public var storedBits: Int { bytes.count * 8 }

    /// The cell indices read back from the bytes.
    public func indices() -> [Int] {
        BitPacking.unpack(bytes, count: rows * quantizer.dimension, bits: quantizer.bits)
    }

    /// The codes read back from the bytes: each value at its cell's centre (row-major).
    public func decoded() -> [Double] { quantizer.values(indices()) }
}

/// The indices of the points that no other point beats on both rate and distortion (the lower-left
/// front of a rate–distortion plot), in order of increasing rate.
///
/// A point is kept when every point of lower or equal rate has a higher distortion.
public func rateDistortionFront(rates: [Double], distortions: [Double]) -> [Int] {
    require(rates.count == distortions.count, "rateDistortionFront",
            "\(rates.count) rates and \(distortions.count) distortions: give one of each per point")
    let order = rates.indices.sorted { rates[$0] != rates[$1] ? rates[$0] < rates[$1] : distortions[$0] < distortions[$1] }
    var front: [Int] = [], best = Double.infinity
    for index in order where distortions[index] < best {
        front.append(index)
        best = distortions[index]
    }
    return front
}
