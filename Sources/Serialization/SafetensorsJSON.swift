/// The small part of JSON a safetensors header needs: a reader that keeps key order and reports
/// the byte position of any error, and a string escaper for the writer.
///
/// Numbers are kept as their source text so that integers of any size are checked exactly,
/// without a detour through `Double`.
enum SafetensorsJSON: Equatable {
    case object([(key: String, value: SafetensorsJSON)])
    case array([SafetensorsJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: SafetensorsJSON, rhs: SafetensorsJSON) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// Parses one JSON value that fills `bytes` (surrounding whitespace allowed).
    /// Throws a message naming the byte position on any syntax error.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(SafetensorsJSONSyntaxError) -> SafetensorsJSON {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.endIndex else {
            throw reader.error("unexpected text after the end of the JSON value")
        }
        return value
    }

    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The value as a non-negative integer, or nil for anything else (fractions, exponents, signs).
    var nonNegativeInteger: Int? {
        guard case let .number(text) = self, !text.isEmpty,
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)  // nil when it does not fit in an Int
    }
}

/// A JSON syntax error at a byte position of the header.
struct SafetensorsJSONSyntaxError: Error {
    let message: String
}

private struct Reader {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    /// Deep nesting is never needed by a header; the limit keeps recursion bounded.
    static let maximumDepth = 64

    func error(_ message: String) -> SafetensorsJSONSyntaxError {
        SafetensorsJSONSyntaxError(message: "\(message) at byte \(position - bytes.startIndex) of the header")
    }

    var current: UInt8? { position < bytes.endIndex ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func expect(_ literal: String) throws(SafetensorsJSONSyntaxError) {
        for byte in literal.utf8 {
            guard current == byte else { throw error("expected '\(literal)'") }
            position += 1
        }
    }

    mutating func value(depth: Int) throws(SafetensorsJSONSyntaxError) -> SafetensorsJSON {
        guard depth < Reader.maximumDepth else { throw error("JSON nested more than \(Reader.maximumDepth) levels deep") }
        guard let byte = current else { throw error("unexpected end of the header") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    mutating func object(depth: Int) throws(SafetensorsJSONSyntaxError) -> SafetensorsJSON {
        position += 1  // {
        var members: [(key: String, value: SafetensorsJSON)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect("}")
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws(SafetensorsJSONSyntaxError) -> SafetensorsJSON {
        position += 1  // [
        var elements: [SafetensorsJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect("]")
            return .array(elements)
        }
    }

    mutating func number() throws(SafetensorsJSONSyntaxError) -> String {
        let start = position
        func digits(_ reader: inout Reader) -> Int {
            var count = 0
            while let byte = reader.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                reader.position += 1
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { position += 1 }
        guard digits(&self) > 0 else { throw error("malformed number") }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("malformed number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { throw error("malformed number") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func string() throws(SafetensorsJSONSyntaxError) -> String {
        position += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ reader: Reader, upTo end: Int) {
            scalars.append(contentsOf: String(decoding: reader.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw error("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                flush(self, upTo: position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character inside a string") }
            if byte != UInt8(ascii: "\\") { position += 1; continue }
            flush(self, upTo: position)
            position += 1
            guard let escaped = current else { throw error("unterminated string") }
            position += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
            }
            runStart = position
        }
    }

    /// The scalar of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    mutating func unicodeEscape() throws(SafetensorsJSONSyntaxError) -> Unicode.Scalar {
        let first = try hexQuad()
        var value = first
        if (0xD800..<0xDC00).contains(first) {
            try expect("\\u")
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else { throw error("unpaired surrogate in \\u escape") }
            value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
        return scalar
    }

    mutating func hexQuad() throws(SafetensorsJSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else { throw error("malformed \\u escape") }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}

private func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
