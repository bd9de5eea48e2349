// Cell indices written as a stream of bits, so that a rate in bits is a count of stored bits.

import ArgumentChecks

/// Packs integers of `bits` bits each into bytes, most significant bit first, and back.
public enum BitPacking {
    /// The bytes holding `values` at `bits` bits each: ⌈count·bits / 8⌉ of them.
    public static func pack(_ values: [Int], bits: Int) -> [UInt8] {
        require((1...32).contains(bits), "BitPacking.pack", "bits must be 1…32, got \(bits)")
        var bytes = [UInt8](repeating: 0, count: (values.count * bits + 7) / 8)
        var position = 0
        for value in values {
            require(value >= 0 && value < 1 << bits, "BitPacking.pack", "\(value) does not fit in \(bits) bits")
            for bit in stride(from: bits - 1, through: 0, by: -1) {
                if value >> bit & 1 == 1 { bytes[position >> 3] |= 0x80 >> UInt8(position & 7) }
                position += 1
            }
        }
        return bytes
    }

    /// The `count` values of `bits` bits each stored in `bytes`.
    public static func unpack(_ bytes: [UInt8], count: Int, bits: Int) -> [Int] {
        require((1...32).contains(bits) && count >= 0 && bytes.count * 8 >= count * bits, "BitPacking.unpack",
                "\(bytes.count) bytes cannot hold \(count) values of \(bits) bits")
        var values = [Int](repeating: 0, count: count)
        var position = 0
        for index in 0..<count {
            var value = 0
            for _ in 0..<bits {
                value = value << 1 | Int(bytes[position >> 3] >> UInt8(7 - position & 7) & 1)
                position += 1
            }
            values[index] = value
        }
        return values
    }
}
