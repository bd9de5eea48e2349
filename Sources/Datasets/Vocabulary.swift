// Token vocabularies with the special tokens every sequence model here uses.

import Tensors

/// An error from encoding text with a vocabulary that does not contain one of its symbols.
public struct UnknownSymbolError: Error, CustomStringConvertible, Sendable {
    /// The symbol that has no id.
    public var symbol: String
    /// What was being encoded.
    public var operation: String

    /// A one-line explanation naming the symbol.
    public var description: String { "\(operation): the vocabulary has no symbol \"\(symbol)\"" }
}

/// A list of symbols with ids: padding is 0, start `<s>` is 1, end `</s>` is 2, then the rest.
public struct Vocabulary: Equatable, Sendable {
    /// The id of the padding token, which fills batches after a sequence ends.
    public static let padding = 0
    /// The id of the start token `<s>`, fed to a decoder before its first output.
    public static let start = 1
    /// The id of the end token `</s>`, which a decoder emits when it is done.
    public static let end = 2
    /// The number of special tokens before the ordinary symbols.
    public static let specialCount = 3

    /// Every symbol in id order, the three special tokens first.
    public let symbols: [String]
    private let ids: [String: Int]

    /// Creates a vocabulary of the special tokens followed by `ordinary` symbols (which must be distinct).
    public init(_ ordinary: [String]) {
        let all = ["<pad>", "<s>", "</s>"] + ordinary
        var ids = [String: Int]()
        for (id, symbol) in all.enumerated() {
            require(ids[symbol] == nil, "Vocabulary", "the symbol \"\(symbol)\" appears twice")
            ids[symbol] = id
        }
        self.symbols = all
        self.ids = ids
    }

    /// A vocabulary of `count` ordinary symbols named `prefix0`, `prefix1`, ….
    public static func numbered(_ count: Int, prefix: String = "t") -> Vocabulary {
        require(count >= 0, "Vocabulary.numbered", "count must be at least 0, got \(count)")
        return Vocabulary((0..<count).map { "\(prefix)\($0)" })
    }

    /// A vocabulary whose ordinary symbols are the distinct characters of `characters`, sorted.
    public static func characters(_ characters: String) -> Vocabulary {
        Vocabulary(Set(characters.map { String($0) }).sorted())
    }

    /// Number of ids, special tokens included.
    public var count: Int { symbols.count }

    /// The ids of the ordinary (non-special) symbols.
    public var ordinaryIDs: Range<Int> { Vocabulary.specialCount..<count }

    /// The id of `symbol`, or nil when it is not in the vocabulary.
    public func id(of symbol: String) -> Int? { ids[symbol] }

    /// The symbol with id `id`.
    public func symbol(for id: Int) -> String {
        require(id >= 0 && id < count, "Vocabulary.symbol(for:)", "id \(id) is outside 0..<\(count)")
        return symbols[id]
    }

    /// The ids of `symbols`; throws `UnknownSymbolError` naming the first unknown one.
    public func encode(_ symbols: [String]) throws -> [Int] {
        try symbols.map { symbol in
            guard let id = ids[symbol] else {
                throw UnknownSymbolError(symbol: symbol, operation: "Vocabulary.encode")
            }
            return id
        }
    }

    /// The ids of the characters of `text`, one per character.
    public func encode(characters text: String) throws -> [Int] {
        try encode(text.map { String($0) })
    }

    /// The symbols of `ids`, stopping before the first end token and leaving out padding and start.
    public func decode(_ ids: [Int]) -> [String] {
        var result = [String]()
        for id in ids {
            if id == Vocabulary.end { break }
            if id == Vocabulary.padding || id == Vocabulary.start { continue }
            result.append(symbol(for: id))
        }
        return result
    }

    /// The decoded symbols of `ids` joined into one string (for character vocabularies).
    public func decodeString(_ ids: [Int]) -> String {
        decode(ids).joined()
    }
}
