import Testing
@testable import Datasets

@Suite struct VocabularyTests {
    @Test func specialTokensComeFirst() {
        let v = Vocabulary(["a", "b"])
        #expect(v.symbols == ["<pad>", "<s>", "</s>", "a", "b"])
        #expect(v.id(of: "<pad>") == Vocabulary.padding)
        #expect(v.id(of: "<s>") == Vocabulary.start)
        #expect(v.id(of: "</s>") == Vocabulary.end)
        #expect(v.ordinaryIDs == 3..<5)
    }

    @Test func encodeDecodeRoundTrip() throws {
        let v = Vocabulary.numbered(5)
        let ids = try v.encode(["t4", "t0", "t2"])
        #expect(ids == [7, 3, 5])
        #expect(v.decode(ids) == ["t4", "t0", "t2"])
        // Decoding stops at the end token and skips padding and start.
        #expect(v.decode([1, 7, 3, 2, 5, 0]) == ["t4", "t0"])
    }

    @Test func characterRoundTrip() throws {
        let v = Vocabulary.characters("hello world")
        #expect(v.count == 3 + 8)
        let text = "old hello"
        #expect(v.decodeString(try v.encode(characters: text)) == text)
    }

    @Test func unknownSymbolIsNamedInTheError() {
        let v = Vocabulary.characters("abc")
        #expect(throws: UnknownSymbolError.self) { try v.encode(characters: "abz") }
        do {
            _ = try v.encode(characters: "abz")
        } catch {
            #expect("\(error)".contains("\"z\""))
        }
    }
}
