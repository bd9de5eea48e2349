// Text from a chapter made safe for an HTML page.

/// Escaping and the little inline markup the chapters' prose uses (`code` in backticks).
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element content and in attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The length above which inline code may break across lines.
    static let longCode = 24

    /// Prose as HTML: escaped, with each pair of backticks turned into a `<code>` element
    /// (an unpaired backtick stays as it is). Short code never breaks across lines (so `--quick`
    /// stays whole); code longer than `longCode` characters may, so it fits a phone's width.
    public static func inline(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count >= 3 else { return escaped(text) }
        var out = ""
        let paired = pieces.count % 2 == 1 ? pieces.count : pieces.count - 1
        for (index, piece) in pieces.enumerated() {
            if index >= paired {
                out += "`" + escaped(piece)
            } else if index % 2 == 1 {
                out += (piece.count > longCode ? "<code class=\"long\">" : "<code>") + escaped(piece) + "</code>"
            } else {
                out += escaped(piece)
            }
        }
        return out
    }
}
