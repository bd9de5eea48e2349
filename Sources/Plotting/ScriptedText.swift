/// Text with subscripts and superscripts, for diagram labels: `h_t`, `c_{t−1}`, `v^T`, `x^2`.
///
/// `_` lowers and `^` raises the next character, or the text in braces after it, set in a font
/// 0.7 times the size. Lines are separated by `\n`.
public struct ScriptedText: Sendable, Equatable {
    /// One piece of a line: its text and where it sits.
    struct Run: Sendable, Equatable {
        enum Position: Sendable, Equatable { case normal, lowered, raised }
        var text: String
        var position: Position
    }

    /// The lines, each a sequence of runs.
    let lines: [[Run]]

    /// Parses the `_` and `^` markup of `source`.
    public init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { ScriptedText.runs(of: Substring($0)) }
    }

    /// The runs of one line.
    static func runs(of line: Substring) -> [Run] {
        var runs: [Run] = [], plain = "", rest = line[...]
        while let c = rest.first {
            rest = rest.dropFirst()
            guard c == "_" || c == "^", let next = rest.first else { plain.append(c); continue }
            var script: String
            if next == "{", let close = rest.firstIndex(of: "}") {
                script = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                script = String(next)
                rest = rest.dropFirst()
            }
            if !plain.isEmpty { runs.append(Run(text: plain, position: .normal)); plain = "" }
            runs.append(Run(text: script, position: c == "_" ? .lowered : .raised))
        }
        if !plain.isEmpty || runs.isEmpty { runs.append(Run(text: plain, position: .normal)) }
        return runs
    }

    /// The smaller font of scripts.
    static func scriptFont(_ font: Font) -> Font { Font(size: font.size * 0.7, bold: font.bold) }

    /// Distance between baselines of consecutive lines.
    static func lineHeight(_ font: Font) -> Double { (font.size * 1.3).rounded() }

    /// The width in pixels of one line.
    static func width(of line: [Run], font: Font) -> Double {
        line.reduce(0) { $0 + ($1.position == .normal ? font : scriptFont(font)).width(of: $1.text) }
    }

    /// The size in pixels of the text set in `font`: its widest line, and the lines' total height.
    public func size(font: Font) -> (width: Double, height: Double) {
        let widest = lines.map { ScriptedText.width(of: $0, font: font) }.max() ?? 0
        return (widest, font.capHeight + Double(lines.count - 1) * ScriptedText.lineHeight(font) + 0.4 * font.capHeight)
    }

    /// Draws the text centred on `center`, every line centred on its own.
    public func draw(centeredAt center: Point, font: Font, color: RGB, on canvas: inout Canvas) {
        let step = ScriptedText.lineHeight(font)
        var baseline = center.y + font.capHeight / 2 - Double(lines.count - 1) * step / 2
        for line in lines {
            var x = center.x - ScriptedText.width(of: line, font: font) / 2
            for run in line {
                let runFont = run.position == .normal ? font : ScriptedText.scriptFont(font)
                let shift = run.position == .lowered ? 0.3 * font.capHeight
                    : run.position == .raised ? -0.55 * font.capHeight : 0
                canvas.draw(text: run.text, at: Point(x, baseline + shift), font: runFont, color: color, anchor: .baselineLeft)
                x += runFont.width(of: run.text)
            }
            baseline += step
        }
    }
}
