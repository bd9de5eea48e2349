// Real handwriting: the UCI optical-recognition digits, committed with the package.

import Foundation

/// The 1,797 handwritten digits of the UCI "Optical Recognition of Handwritten Digits" test set
/// (Alpaydin and Kaynak, 1998; CC BY 4.0), 8 × 8 pixels, read from the package's own copy,
/// `Sources/Datasets/Resources/uci-digits.bin` (its layout and provenance are in
/// `convert-uci-digits.py` beside it).
public enum UCIDigits {
    /// Why the committed file could not be read.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        /// One line naming the file and the problem.
        public var description: String
    }

    /// The file's first bytes.
    static let magic = Array("OPTDIG01".utf8)
    /// Width and height of every image.
    public static let size = 8
    /// The largest pixel value in the file (pixel counts in a 4 × 4 block).
    public static let maximumValue = 16

    /// The digits with pixel values scaled to `0...1` (value / 16), in the file's order.
    public static func load() throws -> LabelledImages {
        guard let url = Bundle.module.url(forResource: "uci-digits", withExtension: "bin") else {
            throw LoadError(description: "uci-digits.bin is missing from the Datasets resources")
        }
        return try decode(Data(contentsOf: url), name: url.path)
    }

    /// Decodes the file's bytes (see `convert-uci-digits.py` for the layout), checking every value.
    static func decode(_ data: Data, name: String) throws -> LabelledImages {
        let bytes = [UInt8](data)
        let pixels = size * size
        guard bytes.count >= 12, Array(bytes[0..<8]) == magic else {
            throw LoadError(description: "\(name): not a digits file (it must start with OPTDIG01)")
        }
        let count = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard bytes.count == 12 + count * (1 + pixels) else {
            throw LoadError(description: "\(name): \(bytes.count) bytes, but \(count) images need "
                + "\(12 + count * (1 + pixels))")
        }
        var labels = [Int](), images = [Float]()
        labels.reserveCapacity(count)
        images.reserveCapacity(count * pixels)
        for index in 0..<count {
            let start = 12 + index * (1 + pixels)
            guard bytes[start] <= 9 else {
                throw LoadError(description: "\(name): image \(index) has label \(bytes[start]), not 0…9")
            }
            labels.append(Int(bytes[start]))
            for value in bytes[(start + 1)...(start + pixels)] {
                guard Int(value) <= maximumValue else {
                    throw LoadError(description: "\(name): image \(index) has pixel value \(value) > \(maximumValue)")
                }
                images.append(Float(value) / Float(maximumValue))
            }
        }
        return LabelledImages(images: images, labels: labels, size: size)
    }
}
