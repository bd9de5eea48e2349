import Testing
@testable import Notebook

@Suite struct TextWrappingTests {
    @Test func linesFitTheWidthAndKeepEveryWord() {
        let text = "An autoencoder learns two maps, an encoder and a decoder, such that decoding the code gives back the input."
        for width in [12, 20, 33, 80] {  // at least the longest word, 11 columns
            let lines = TextWrapping.wrap(text, width: width)
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width): \(lines)")
            #expect(lines.joined(separator: " ") == text)
            // Greedy: the next line's first word would not have fitted on the line before.
            for (a, b) in zip(lines, lines.dropFirst()) {
                #expect(a.count + 1 + b.split(separator: " ")[0].count > width)
            }
        }
    }

    @Test func hardCaseByHand() {
        #expect(TextWrapping.wrap("aaa bb cccc d", width: 6) == ["aaa bb", "cccc d"])
        #expect(TextWrapping.wrap("aaa bb cccc d", width: 5) == ["aaa", "bb", "cccc", "d"])
        #expect(TextWrapping.wrap("", width: 5) == [])
    }

    @Test func longWordsAreCutToFillLines() {
        let lines = TextWrapping.wrap("go abcdefghijklmnopqrstuvwxyz end", width: 10)
        #expect(lines == ["go", "abcdefghij", "klmnopqrst", "uvwxyz end"])
    }

    @Test func indentCountsTowardsTheWidth() {
        let lines = TextWrapping.wrap("one two three four five", width: 12, indent: "    ")
        #expect(lines == ["    one two", "    three", "    four", "    five"])
    }

    @Test func unicodeFormulasCountDisplayColumns() {
        // "ŷ" written as y + combining circumflex is one column though two scalars.
        let combining = "y\u{0302}"
        #expect(DisplayWidth.of(combining) == 1)
        #expect(DisplayWidth.of("√(Σᵢ xᵢ²)") == 9)
        #expect(DisplayWidth.of("注意力") == 6)
        #expect(DisplayWidth.of("‖x − p(q(x))‖²") == 14)
        // Six one-column formulas of 5 columns fit three to a line of 17 (5+1+5+1+5).
        let formula = "ŷ=√Σx"
        #expect(DisplayWidth.of(formula) == 5)
        let lines = TextWrapping.wrap(Array(repeating: formula, count: 6).joined(separator: " "), width: 17)
        #expect(lines.count == 2)
        // Wide characters: three columns-2 glyphs (6) fit a width of 7 but not 5.
        #expect(TextWrapping.wrap("注意力 注意力", width: 7) == ["注意力", "注意力"])
        #expect(TextWrapping.wrap("注意力", width: 5) == ["注意", "力"])
    }

    @Test func paragraphsSplitAtBlankLines() {
        let text = "First line\ncontinues here.\n\n  \nSecond paragraph."
        #expect(TextWrapping.paragraphs(text) == ["First line continues here.", "Second paragraph."])
    }

    @Test func paddingUsesDisplayColumns() {
        #expect("Σx".rightPadded(4) == "Σx  ")
        #expect("注意".rightPadded(5) == "注意 ")
    }
}
