import Testing
@testable import Plotting

@Suite("Text")
struct CanvasTextTests {
    /// The bounding box of all ink on the canvas (nil for none), in whole pixels.
    func inkBox(_ c: Canvas) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        var box: (Int, Int, Int, Int)? = nil
        for y in 0..<c.height {
            for x in 0..<c.width where c.pixel(x: x, y: y) != .white {
                box = box.map { (min($0.0, x), min($0.1, y), max($0.2, x), max($0.3, y)) } ?? (x, y, x, y)
            }
        }
        return box
    }

    @Test("text ink stays inside its box and reaches near its edges",
          arguments: ["Training loss", "gjpqy_[]()", "0.001", "<s> - 2", "√ŷ αβσ ✓ 日本"])
    func inkInsideBox(text: String) throws {
        for rotation in [TextRotation.horizontal, .vertical] {
            for font in [Font.tick, Font.title] {
                var c = Canvas(width: 400, height: 400)
                let box = c.draw(text: text, at: Point(200, 200), font: font, anchor: .center, rotation: rotation)
                #expect(box == Canvas.textBounds(text, at: Point(200, 200), font: font, anchor: .center, rotation: rotation))
                let ink = try #require(inkBox(c), "no ink for '\(text)'")
                #expect(Double(ink.x0) >= box.x.rounded(.down) && Double(ink.x1) < box.maxX.rounded(.up))
                #expect(Double(ink.y0) >= box.y.rounded(.down) && Double(ink.y1) < box.maxY.rounded(.up))
                // Along the text the ink fills the box up to the side bearings.
                let along = rotation == .horizontal ? Double(ink.x1 - ink.x0) : Double(ink.y1 - ink.y0)
                let boxAlong = rotation == .horizontal ? box.width : box.height
                #expect(along > boxAlong - 2 * (StrokeFont.bearing * font.unit + font.strokeWidth + 2))
            }
        }
    }

    @Test("vertical text is taller than wide, horizontal text wider than tall")
    func rotation() throws {
        var h = Canvas(width: 300, height: 300), v = Canvas(width: 300, height: 300)
        h.draw(text: "loss (log)", at: Point(150, 150), font: .label, anchor: .center)
        v.draw(text: "loss (log)", at: Point(150, 150), font: .label, anchor: .center, rotation: .vertical)
        let a = try #require(inkBox(h)), b = try #require(inkBox(v))
        #expect(a.x1 - a.x0 > 3 * (a.y1 - a.y0))
        #expect(b.y1 - b.y0 > 3 * (b.x1 - b.x0))
        // Same text, same extents, turned by 90°.
        #expect(abs((a.x1 - a.x0) - (b.y1 - b.y0)) <= 1)
    }

    @Test("wide letters take more room than narrow ones, and a larger font more than a smaller")
    func widths() {
        #expect(Font.tick.width(of: "MMMM") > 1.5 * Font.tick.width(of: "iiii"))
        #expect(Font.title.width(of: "loss") > Font.tick.width(of: "loss"))
        #expect(Font.tick.width(of: "") == 0)
    }

    @Test("every printable ASCII character has a glyph of its own")
    func asciiCoverage() {
        for v in UInt32(0x20)...0x7E {
            #expect(StrokeFont.glyphs[v] != nil, "no glyph for U+\(String(v, radix: 16))")
            if v != 0x20 { #expect(!(StrokeFont.glyphs[v]?.strokes.isEmpty ?? true)) }
        }
    }

    @Test("an unknown character is drawn as a visible replacement box")
    func replacement() throws {
        var c = Canvas(width: 60, height: 60)
        c.draw(text: "日", at: Point(30, 30), font: .title, anchor: .center)
        let ink = try #require(inkBox(c))
        #expect(ink.x1 - ink.x0 >= 5 && ink.y1 - ink.y0 >= 10)
    }
}
