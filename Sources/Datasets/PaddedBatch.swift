// Batches of sequences of different lengths, padded to a rectangle with a mask.

import Tensors

/// Token sequences padded to a common length: ids `[batch, time]` row-major, lengths and a mask.
public struct PaddedBatch: Equatable, Sendable {
    /// Token ids, `batchSize × time` values row-major; positions past a sequence's end hold padding.
    public var tokens: [Int]
    /// 1 where a position holds a real token, 0 where it is padding; same layout as `tokens`.
    public var mask: [Float]
    /// The length of each sequence before padding.
    public var lengths: [Int]
    /// Number of sequences.
    public var batchSize: Int
    /// Length of the longest sequence: the padded width.
    public var time: Int

    /// Pads `sequences` with `padding` up to the longest one (or to `time` when it is given and larger).
    public init(_ sequences: [[Int]], padding: Int = Vocabulary.padding, time: Int? = nil) {
        let longest = sequences.map(\.count).max() ?? 0
        let width = max(longest, time ?? 0)
        batchSize = sequences.count
        self.time = width
        lengths = sequences.map(\.count)
        tokens = [Int](repeating: padding, count: batchSize * width)
        mask = [Float](repeating: 0, count: batchSize * width)
        for (row, sequence) in sequences.enumerated() {
            for (column, token) in sequence.enumerated() {
                tokens[row * width + column] = token
                mask[row * width + column] = 1
            }
        }
    }

    /// The token at `row`, `column`.
    public subscript(row: Int, column: Int) -> Int {
        require(row >= 0 && row < batchSize && column >= 0 && column < time, "PaddedBatch subscript",
                "[\(row), \(column)] is outside [\(batchSize), \(time)]")
        return tokens[row * time + column]
    }

    /// The unpadded sequence at `row`.
    public func sequence(_ row: Int) -> [Int] {
        require(row >= 0 && row < batchSize, "PaddedBatch.sequence", "row \(row) is outside 0..<\(batchSize)")
        return Array(tokens[(row * time)..<(row * time + lengths[row])])
    }
}

/// The three padded batches a sequence-to-sequence model trains on under teacher forcing.
public struct TeacherForcingBatch: Sendable {
    /// The source sequences.
    public var source: PaddedBatch
    /// `<s>` followed by each target: what the decoder reads.
    public var decoderInput: PaddedBatch
    /// Each target followed by `</s>`: what the decoder must predict, aligned with `decoderInput`.
    public var decoderTarget: PaddedBatch

    /// Builds the batches from `pairs`.
    public init(_ pairs: [SequencePair]) {
        source = PaddedBatch(pairs.map(\.source))
        decoderInput = PaddedBatch(pairs.map(\.decoderInput))
        decoderTarget = PaddedBatch(pairs.map(\.decoderTarget))
    }
}
