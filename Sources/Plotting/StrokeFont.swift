import CMath

/// A size and weight of the project's stroke font (glyphs drawn as anti-aliased pen strokes).
public struct Font: Sendable, Equatable {
    /// Nominal size in pixels; capitals and digits are `0.75 × size` tall.
    public var size: Double
    /// Whether strokes are drawn heavier (titles).
    public var bold: Bool

    /// A font of `size` pixels.
    public init(size: Double, bold: Bool = false) {
        self.size = size; self.bold = bold
    }

    /// Tick labels and legend entries.
    public static let tick = Font(size: 12)
    /// Axis labels.
    public static let label = Font(size: 13.5)
    /// Chart titles.
    public static let title = Font(size: 16, bold: true)

    /// Pixels per font unit (capitals are 10 units tall).
    var unit: Double { size * 0.075 }
    /// Pen width in pixels.
    public var strokeWidth: Double { size * (bold ? 0.12 : 0.09) }
    /// Height of capitals and digits in pixels.
    public var capHeight: Double { 10 * unit }

    /// The advance width of `text` in pixels.
    public func width(of text: String) -> Double { StrokeFont.layout(text).advance * unit }
}

/// Where the anchor point of a text sits relative to the text.
public struct TextAnchor: Sendable, Equatable {
    /// Horizontal position of the anchor: 0 left edge, 0.5 centre, 1 right edge.
    public var horizontal: Double
    /// Vertical reference: the font-unit height (10 cap top, 5 middle of capitals, 0 baseline, -3 descender).
    public var vertical: Double

    /// An anchor from its horizontal fraction and vertical reference height.
    public init(horizontal: Double, vertical: Double) { self.horizontal = horizontal; self.vertical = vertical }

    /// Anchor at the left end of the baseline.
    public static let baselineLeft = TextAnchor(horizontal: 0, vertical: 0)
    /// Anchor at the middle of the top of the capitals (text hangs below it).
    public static let topCenter = TextAnchor(horizontal: 0.5, vertical: 10)
    /// Anchor at the centre of the capitals.
    public static let center = TextAnchor(horizontal: 0.5, vertical: 5)
    /// Anchor at the right end, halfway up the capitals.
    public static let centerRight = TextAnchor(horizontal: 1, vertical: 5)
    /// Anchor at the left end, halfway up the capitals.
    public static let centerLeft = TextAnchor(horizontal: 0, vertical: 5)
    /// Anchor at the middle of the baseline.
    public static let baselineCenter = TextAnchor(horizontal: 0.5, vertical: 0)
}

/// Text direction: along the x axis, or turned 90° anticlockwise (read from bottom to top).
public enum TextRotation: Sendable, Equatable {
    /// Ordinary left-to-right text.
    case horizontal
    /// Text turned 90° anticlockwise, as on a y-axis label.
    case vertical
}

/// One parsed glyph: its width and pen strokes in font units.
struct Glyph: Sendable {
    let width: Double
    let strokes: [[(Double, Double)]]
}

/// The glyph table and the layout of strings in font units.
enum StrokeFont {
    /// Blank space on each side of every glyph, in font units.
    static let bearing = 1.6
    /// Lowest point of any glyph (descenders), in font units.
    static let descent = 3.0
    /// Highest point of plain glyphs (brackets), in font units.
    static let ascent = 11.0

    /// All glyphs by Unicode scalar value.
    static let glyphs: [UInt32: Glyph] = parseGlyphs(strokeFontGlyphSource)

    /// The glyph drawn for `scalar`: its own, or the replacement box.
    static func glyph(_ scalar: UInt32) -> Glyph {
        glyphs[scalar] ?? glyphs[0xFFFD]!
    }

    /// Pen strokes of `text` (x along the text from 0, y up from the baseline), its advance and top.
    static func layout(_ text: String) -> (strokes: [[(Double, Double)]], advance: Double, top: Double) {
        var strokes: [[(Double, Double)]] = []
        var pen = 0.0, top = ascent
        var previous: (x: Double, width: Double, scalar: UInt32)? = nil
        for scalar in text.unicodeScalars.flatMap(decomposed) {
            if (0x300...0x36F).contains(scalar) {
                // A combining accent sits over the previous glyph; unknown accents are dropped.
                guard let base = previous, let accent = accentStrokes(scalar) else { continue }
                let tall = base.scalar < 0x80 && (Character(Unicode.Scalar(base.scalar)!).isUppercase
                                                  || "bdfhklt0123456789".unicodeScalars.contains(Unicode.Scalar(base.scalar)!))
                let lift = tall ? 12.0 : 8.5
                let centre = base.x + base.width / 2
                strokes.append(accent.map { (centre + $0.0, lift + $0.1) })
                top = max(top, lift + 2.5)
                continue
            }
            let g = glyph(scalar)
            let x = pen + bearing
            for s in g.strokes { strokes.append(s.map { (x + $0.0, $0.1) }) }
            previous = (x, g.width, scalar)
            pen += g.width + 2 * bearing
        }
        return (strokes, pen, top)
    }

    /// Precomposed letters that are drawn as a base letter and an accent.
    static func decomposed(_ scalar: Unicode.Scalar) -> [UInt32] {
        switch scalar.value {
        case 0x177: return [0x79, 0x302]  // ŷ
        case 0x176: return [0x59, 0x302]  // Ŷ
        case 0x16B: return [0x75, 0x304]  // ū
        case 0x233: return [0x79, 0x304]  // ȳ
        default: return [scalar.value]
        }
    }

    /// Strokes of a combining accent, centred on x = 0 and resting on y = 0.
    static func accentStrokes(_ scalar: UInt32) -> [(Double, Double)]? {
        switch scalar {
        case 0x302: return [(-1.8, 0), (0, 2), (1.8, 0)]           // circumflex (hat)
        case 0x304, 0x305: return [(-2, 1), (2, 1)]                // macron, overline (bar)
        case 0x303: return [(-2, 0.3), (-1, 1.5), (1, 0.5), (2, 1.7)]  // tilde
        case 0x307: return [(0, 1), (0, 1)]                        // dot above
        default: return nil
        }
    }

    /// Parses the glyph table (see `strokeFontGlyphSource`).
    static func parseGlyphs(_ source: String) -> [UInt32: Glyph] {
        var table: [UInt32: Glyph] = [:]
        for line in source.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let width = Double(fields[1]) else { continue }
            let key = fields[0]
            let scalar: UInt32 = key.hasPrefix("U+") && key.count > 2
                ? UInt32(key.dropFirst(2), radix: 16)! : key.unicodeScalars.first!.value
            var strokes: [[(Double, Double)]] = []
            for command in fields.dropFirst(2) {
                let numbers = command.dropFirst().split(separator: ",").map { Double($0)! }
                switch command.first! {
                case "M": strokes.append([(numbers[0], numbers[1])])
                case "L": strokes[strokes.count - 1].append((numbers[0], numbers[1]))
                case "D": strokes.append([(numbers[0], numbers[1]), (numbers[0], numbers[1])])
                default: appendArc(numbers, to: &strokes)
                }
            }
            table[scalar] = Glyph(width: width, strokes: strokes)
        }
        return table
    }

    /// Appends an elliptical arc `[cx, cy, rx, ry, from, to]`, continuing the last stroke if it ends at the arc's start.
    static func appendArc(_ n: [Double], to strokes: inout [[(Double, Double)]]) {
        let (cx, cy, rx, ry, from, to) = (n[0], n[1], n[2], n[3], n[4], n[5])
        let steps = max(8, Int(abs(to - from) / 10))
        let points = (0...steps).map { i -> (Double, Double) in
            let angle = (from + (to - from) * Double(i) / Double(steps)) * Double.pi / 180
            return (cx + rx * cos(angle), cy + ry * sin(angle))
        }
        if let last = strokes.last?.last, abs(last.0 - points[0].0) < 0.3, abs(last.1 - points[0].1) < 0.3 {
            strokes[strokes.count - 1].append(contentsOf: points.dropFirst())
        } else {
            strokes.append(points)
        }
    }
}
