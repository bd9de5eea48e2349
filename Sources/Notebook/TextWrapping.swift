// Breaking prose into lines that fit the terminal.

/// Greedy word wrapping measured in terminal columns.
public enum TextWrapping {
    /// Splits `text` into paragraphs at blank lines; single line breaks inside one become spaces.
    public static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }

    /// Wraps one paragraph into lines of at most `width` columns, each starting with `indent`.
    ///
    /// Words are separated by whitespace; a word wider than the line is cut into pieces that fill it.
    public static func wrap(_ paragraph: String, width: Int, indent: String = "") -> [String] {
        let room = max(1, width - DisplayWidth.of(indent))
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        func flush() {
            lines.append(indent + line)
            line = ""
            lineWidth = 0
        }
        for word in paragraph.split(whereSeparator: \.isWhitespace) {
            var pieces = [String(word)]
            if DisplayWidth.of(word) > room { pieces = cut(String(word), room: room) }
            for piece in pieces {
                let pieceWidth = DisplayWidth.of(piece)
                if lineWidth > 0 && lineWidth + 1 + pieceWidth > room { flush() }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += piece
                lineWidth += pieceWidth
            }
        }
        if lineWidth > 0 { flush() }
        return lines
    }

    /// Cuts a long word into pieces of at most `room` columns.
    private static func cut(_ word: String, room: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        var width = 0
        for character in word {
            let w = DisplayWidth.of(character)
            if width + w > room && width > 0 {
                pieces.append(piece)
                piece = ""
                width = 0
            }
            piece.append(character)
            width += w
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
