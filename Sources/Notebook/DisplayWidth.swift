// How many terminal columns a piece of text occupies.

/// Terminal column counting for wrapping: wide East Asian characters and emoji take two
/// columns, combining marks and zero-width characters none, everything else one.
public enum DisplayWidth {
    /// The number of columns `text` takes in a terminal.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The number of columns one character (grapheme cluster) takes.
    public static func of(_ character: Character) -> Int {
        // A grapheme cluster is its base scalar plus any combining marks: "ŷ" is one column.
        guard let base = character.unicodeScalars.first else { return 0 }
        let value = base.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch base.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if base.properties.isEmojiPresentation { return 2 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && base.properties.isEmoji {
            return 2
        }
        return isWide(value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode Standard Annex #11), coarsely.
    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }

}
