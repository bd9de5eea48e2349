// Introduced in chapter 4 (random copy batches); chapter 5 adds reversing and the dates.
import Datasets
import Models
import Tensors

/// A batch of `size` random sequences of one length drawn from `lengths`, for a sequence task.
public func sequenceBatch(_ task: SequenceTask, lengths: ClosedRange<Int>, size: Int, vocabulary: Vocabulary,
                          generator: inout SeededGenerator) -> SequenceBatch {
    let length = generator.integer(in: lengths)
    let pairs = task.generate(count: size, lengths: length...length, vocabulary: vocabulary, seed: generator.next())
    return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
}

/// A batch of `size` random sequences, each of its own length (chapter 5: the trainer pads them
/// and ends each target with the end token).
///
/// With a `spread`, the batch's lengths come from a window of `spread + 1` lengths placed at random
/// inside `lengths` (as bucketing by length does in practice): every length still occurs, but a
/// batch pads its rows only up to its own window, so little of each step is spent on padding.
/// Without one, each length is drawn from the whole of `lengths`.
public func mixedLengthBatch(_ task: SequenceTask, lengths: ClosedRange<Int>, size: Int, vocabulary: Vocabulary,
                             spread: Int? = nil, generator: inout SeededGenerator) -> SequenceBatch {
    var window = lengths
    if let spread {
        require(spread >= 0, "mixedLengthBatch", "spread must be 0 or more, got \(spread)")
        let low = generator.integer(in: lengths.lowerBound...max(lengths.lowerBound, lengths.upperBound - spread))
        window = low...min(lengths.upperBound, low + spread)
    }
    let pairs = task.generate(count: size, lengths: window, vocabulary: vocabulary, seed: generator.next())
    return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
}

/// The dates task: examples grouped by the length of their source, so a batch can hold one length.
public struct DateBatches {
    /// The examples, by source length.
    public let byLength: [Int: [SequencePair]]
    /// One entry per example, so drawing from it weighs lengths by frequency.
    let lengths: [Int]
    /// Every example, in the order generated.
    public let pairs: [SequencePair]

    /// `count` dates written in random formats, from `seed`.
    public init(count: Int, seed: UInt64) throws {
        let pairs = try DateRewriting.encode(DateRewriting.generate(count: count, seed: seed))
        byLength = Dictionary(grouping: pairs, by: \.source.count)
        lengths = pairs.map(\.source.count)
        self.pairs = pairs
    }

    /// A batch of `size` examples whose sources share a length drawn in proportion to how common it is.
    public func batch(size: Int, generator: inout SeededGenerator) -> SequenceBatch {
        require(!lengths.isEmpty, "DateBatches.batch", "no examples: these batches were made from 0 dates")
        require(size > 0, "DateBatches.batch", "batch size must be positive, got \(size)")
        let bucket = byLength[lengths[generator.nextInt(below: lengths.count)]]!
        let pairs = (0..<size).map { _ in bucket[generator.nextInt(below: bucket.count)] }
        return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
    }

    /// A batch of `size` examples of mixed source lengths (for a trainer that pads): drawn uniformly
    /// from every example, or, with a `spread`, from the examples whose source is at most `spread`
    /// longer than that of one example drawn first (bucketing, so a batch pads little).
    public func mixedBatch(size: Int, spread: Int? = nil, generator: inout SeededGenerator) -> SequenceBatch {
        require(!pairs.isEmpty, "DateBatches.mixedBatch", "no examples: these batches were made from 0 dates")
        require(size > 0, "DateBatches.mixedBatch", "batch size must be positive, got \(size)")
        var pool = pairs
        if let spread {
            require(spread >= 0, "DateBatches.mixedBatch", "spread must be 0 or more, got \(spread)")
            let low = lengths[generator.nextInt(below: lengths.count)]
            pool = (low...(low + spread)).flatMap { byLength[$0] ?? [] }
        }
        let chosen = (0..<size).map { _ in pool[generator.nextInt(below: pool.count)] }
        return SequenceBatch(sources: chosen.map(\.source), targets: chosen.map(\.target))
    }

    /// Greedy accuracy over every example (or beam search of width `beamWidth`), decoded one source
    /// length at a time.
    public func accuracy(_ trainer: Seq2SeqTrainer, beamWidth: Int? = nil) -> SequenceAccuracy {
        summedAccuracy { sources, targets in
            beamWidth.map { trainer.beamAccuracy(sources: sources, targets: targets, beamWidth: $0) }
                ?? trainer.accuracy(sources: sources, targets: targets)
        }
    }

    /// Greedy accuracy of any sequence model over every example, decoded one source length at a time
    /// (chapter 7: the Transformer).
    public func accuracy(of trainer: any SequenceModelTrainer) -> SequenceAccuracy {
        summedAccuracy { trainer.accuracy(sources: $0, targets: $1) }
    }

    /// The accuracy `score` gives each group of examples of one source length, summed.
    func summedAccuracy(_ score: ([[Int]], [[Int]]) -> SequenceAccuracy) -> SequenceAccuracy {
        require(!byLength.isEmpty, "DateBatches.accuracy", "no examples: these batches were made from 0 dates")
        var total = SequenceAccuracy(predicted: [], expected: [])
        for length in byLength.keys.sorted() {
            let pairs = byLength[length]!
            let part = score(pairs.map(\.source), pairs.map(\.target))
            total.tokens += part.tokens
            total.correctTokens += part.correctTokens
            total.sequences += part.sequences
            total.correctSequences += part.correctSequences
        }
        return total
    }
}

/// Greedy token and sequence accuracy at each length, on `count` fresh sequences per length (seeded `seed + length`).
public func sequenceAccuracyByLength(_ trainer: any SequenceModelTrainer, task: SequenceTask, lengths: [Int], count: Int,
                                     vocabulary: Vocabulary, seed: UInt64) -> [SequenceAccuracy] {
    require(count > 0, "sequenceAccuracyByLength", "count must be positive (sequences per length), got \(count)")
    return lengths.map { length in
        let test = task.generate(count: count, lengths: length...length, vocabulary: vocabulary, seed: seed &+ UInt64(length))
        return trainer.accuracy(sources: test.map(\.source), targets: test.map(\.target))
    }
}

/// Greedy token accuracy at each length, on `count` fresh sequences per length (seeded `seed + length`).
public func accuracyByLength(_ trainer: any SequenceModelTrainer, task: SequenceTask, lengths: [Int], count: Int,
                             vocabulary: Vocabulary, seed: UInt64) -> [Double] {
    require(count > 0, "accuracyByLength", "count must be positive (sequences per length), got \(count)")
    return lengths.map { length in
        let test = task.generate(count: count, lengths: length...length, vocabulary: vocabulary, seed: seed &+ UInt64(length))
        return trainer.accuracy(sources: test.map(\.source), targets: test.map(\.target)).tokenAccuracy
    }
}
