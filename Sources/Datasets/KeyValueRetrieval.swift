// A retrieval task for attention: find the value stored under a queried key.

import Tensors

/// One retrieval example: key–value pairs, a query marker and a key; the answer is that key's value.
public struct RetrievalExample: Equatable, Sendable {
    /// Token ids `k₁ v₁ k₂ v₂ … kₙ vₙ ? k_q`: the pairs, the query marker, then the queried key.
    public var source: [Int]
    /// The value stored under the queried key (a single token id).
    public var answer: Int
    /// The position in `source` of the answer's value token, where attention should look.
    public var answerPosition: Int
    /// The position in `source` of the queried key's first appearance among the pairs.
    public var keyPosition: Int
}

/// The key–value retrieval task: its vocabulary and a seeded generator of examples.
///
/// Keys within one example are distinct, so the answer is unique; values may repeat.
public struct KeyValueRetrieval: Sendable {
    /// Number of distinct key symbols `K0 …`.
    public let keyCount: Int
    /// Number of distinct value symbols `V0 …`.
    public let valueCount: Int
    /// The vocabulary: special tokens, keys, values, then the query marker `?`.
    public let vocabulary: Vocabulary

    /// Creates the task with `keys` key symbols and `values` value symbols.
    public init(keys: Int, values: Int) {
        require(keys >= 1 && values >= 1, "KeyValueRetrieval",
                "needs at least one key and one value, got \(keys) and \(values)")
        keyCount = keys
        valueCount = values
        vocabulary = Vocabulary((0..<keys).map { "K\($0)" } + (0..<values).map { "V\($0)" } + ["?"])
    }

    /// The id of key number `index`.
    public func key(_ index: Int) -> Int { Vocabulary.specialCount + index }
    /// The id of value number `index`.
    public func value(_ index: Int) -> Int { Vocabulary.specialCount + keyCount + index }
    /// The id of the query marker `?`.
    public var queryMarker: Int { Vocabulary.specialCount + keyCount + valueCount }

    /// Generates `count` examples with `pairs` key–value pairs each.
    public func generate(count: Int, pairs: Int, seed: UInt64) -> [RetrievalExample] {
        require(count >= 0, "KeyValueRetrieval.generate", "count must be at least 0, got \(count)")
        require(pairs >= 1 && pairs <= keyCount, "KeyValueRetrieval.generate",
                "pairs must be in 1...\(keyCount) (distinct keys), got \(pairs)")
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var keys = Array(0..<keyCount)
            generator.shuffle(&keys)
            var source = [Int]()
            var values = [Int]()
            for k in keys.prefix(pairs) {
                let v = generator.nextInt(below: valueCount)
                values.append(v)
                source += [key(k), value(v)]
            }
            let asked = generator.nextInt(below: pairs)
            source += [queryMarker, key(keys[asked])]
            return RetrievalExample(source: source, answer: value(values[asked]),
                                    answerPosition: 2 * asked + 1, keyPosition: 2 * asked)
        }
    }
}
