// Random token sequences and their copy, reverse and sort targets.

import Tensors

/// A source sequence and the target a model should produce from it, as token ids.
public struct SequencePair: Equatable, Sendable {
    /// The input token ids (ordinary symbols only, no special tokens).
    public var source: [Int]
    /// The output token ids (ordinary symbols only, no special tokens).
    public var target: [Int]

    /// Creates a pair from its two sequences.
    public init(source: [Int], target: [Int]) {
        self.source = source
        self.target = target
    }

    /// The decoder's input under teacher forcing: the start token, then the target.
    public var decoderInput: [Int] { [Vocabulary.start] + target }

    /// What the decoder must predict at each step: the target, then the end token.
    public var decoderTarget: [Int] { target + [Vocabulary.end] }
}

/// The sequence-to-sequence tasks on random token sequences.
public enum SequenceTask: String, CaseIterable, Sendable {
    /// The target is the source itself: the autoencoder's task.
    case copy
    /// The target is the source read backwards.
    case reverse
    /// The target is the source sorted by token id.
    case sort

    /// The target this task asks for, given `source`.
    public func target(for source: [Int]) -> [Int] {
        switch self {
        case .copy: return source
        case .reverse: return source.reversed()
        case .sort: return source.sorted()
        }
    }

    /// Generates `count` pairs whose sources are random ordinary tokens of `vocabulary`,
    /// with lengths drawn uniformly from `lengths`.
    public func generate(count: Int, lengths: ClosedRange<Int>, vocabulary: Vocabulary,
                         seed: UInt64) -> [SequencePair] {
        require(count >= 0, "SequenceTask.generate", "count must be at least 0, got \(count)")
        require(lengths.lowerBound >= 1, "SequenceTask.generate", "lengths must start at 1 or more, got \(lengths)")
        require(!vocabulary.ordinaryIDs.isEmpty, "SequenceTask.generate", "the vocabulary has no ordinary symbols")
        var generator = SeededGenerator(seed: seed)
        let ids = vocabulary.ordinaryIDs
        return (0..<count).map { _ in
            let length = generator.integer(in: lengths)
            let source = (0..<length).map { _ in ids.lowerBound + generator.nextInt(below: ids.count) }
            return SequencePair(source: source, target: target(for: source))
        }
    }
}
