import Testing
@testable import Plotting

/// Boxes, circles, arrows and labels drawn where a diagram asks for them.
@Suite("Diagrams")
struct DiagramTests {
    func ink(_ c: Canvas, _ x: Double, _ y: Double) -> Bool {
        let p = c.pixel(x: Int(x), y: Int(y))
        return isInk(p.r, p.g, p.b)
    }

    @Test("a box's outline is drawn on its edges, its label inside, and nothing just outside")
    func boxOutlineAndLabel() throws {
        var d = Diagram(width: 300, height: 200)
        d.node("a", "label", at: Point(150, 100), width: 120, height: 60)
        let c = try d.render()
        // Edges at x = 90 and 210, y = 70 and 130 (1.5 px lines centred on them).
        for (x, y) in [(90.0, 100.0), (209.5, 100.0), (150.0, 70.0), (150.0, 129.5)] { #expect(ink(c, x, y), "(\(x), \(y))") }
        for (x, y) in [(85.0, 100.0), (215.0, 100.0), (150.0, 65.0), (150.0, 135.0)] { #expect(!ink(c, x, y), "(\(x), \(y))") }
        // The label puts ink near the centre and the fill is light elsewhere inside.
        let labelInk = (130..<170).contains { x in (92..<108).contains { y in ink(c, Double(x), Double(y)) } }
        #expect(labelInk)
        #expect(c.pixel(x: 100, y: 80) == Diagram.boxFill)
    }

    @Test("an arrow runs from outline to outline and has its head only at the end")
    func arrowBetweenBoxes() throws {
        var d = Diagram(width: 400, height: 120)
        d.node("a", "", at: Point(60, 60), width: 80, height: 40)
        d.node("b", "", at: Point(340, 60), width: 80, height: 40)
        d.arrow(from: "a", to: "b")
        let path = try d.arrowPaths()[0]
        #expect(abs(path[0].x - 102) < 1e-9 && abs(path[1].x - 298) < 1e-9)  // edges 100 and 300, gap 2
        let c = try d.render()
        for x in stride(from: 110.0, through: 280, by: 10) { #expect(ink(c, x, 60), "line at x = \(x)") }
        // The head, 10 px long and 9 px wide, is wider than the line near its tip, not at the start.
        #expect(ink(c, 290, 57) && ink(c, 290, 62))
        #expect(!ink(c, 106, 57) && !ink(c, 106, 62))
        // Between the boxes and away from the line: white.
        #expect(!ink(c, 200, 40) && !ink(c, 200, 80))
    }

    @Test("an arrow through a waypoint bends there, and one into a circle stops at its outline")
    func bentArrowIntoCircle() throws {
        var d = Diagram(width: 300, height: 300)
        d.node("a", "", at: Point(50, 250), width: 60, height: 30)
        d.node("o", "+", at: Point(250, 50), width: 30, shape: .circle)
        d.arrow(from: "a", to: "o", via: [Point(250, 250)])
        let path = try d.arrowPaths()[0]
        #expect(path.count == 3 && path[1] == Point(250, 250))
        #expect(abs(path[2].y - (50 + 15 + 2)) < 1e-9 && path[2].x == 250)  // circle bottom 65, gap 2
        let c = try d.render()
        #expect(ink(c, 150, 250) && ink(c, 250, 150))   // both legs
        #expect(!ink(c, 150, 150))                       // not the diagonal
        #expect(ink(c, 250, 35) && !ink(c, 236, 36))     // the circle's top on its outline; the box's corner stays white
    }

    @Test("a dashed arrow leaves gaps along its line")
    func dashedArrowHasGaps() throws {
        var d = Diagram(width: 400, height: 100)
        d.node("a", "", at: Point(40, 50), width: 40, height: 30)
        d.node("b", "", at: Point(360, 50), width: 40, height: 30)
        d.arrow(from: "a", to: "b", dashed: true)
        let c = try d.render()
        let samples = (70..<320).map { ink(c, Double($0), 50) }
        let inked = samples.filter { $0 }.count
        // Dashes of 6 px (plus round ends) and spaces of 4 px: about 25 gaps over 250 px.
        let gaps = zip(samples, samples.dropFirst()).filter { $0 && !$1 }.count
        #expect(inked > samples.count / 2 && inked < samples.count * 17 / 20, "\(inked) of \(samples.count) inked")
        #expect(gaps >= 20, "\(gaps) gaps")
    }

    @Test("two arrows with opposite offsets run side by side")
    func offsetArrowsRunApart() throws {
        var d = Diagram(width: 400, height: 100)
        d.node("a", "", at: Point(40, 50), width: 40, height: 40)
        d.node("b", "", at: Point(360, 50), width: 40, height: 40)
        d.arrow(from: "a", to: "b", offset: -6)
        d.arrow(from: "b", to: "a", offset: -6)
        let paths = try d.arrowPaths()
        // Going right, "right of travel" is down (+y); going left it is up.
        #expect(paths[0][0].y == 44 && paths[1][0].y == 56)
        let c = try d.render()
        #expect(ink(c, 200, 44) && ink(c, 200, 56) && !ink(c, 200, 50))
    }

    @Test("an arrow to a missing node is an error that names it")
    func missingNode() {
        var d = Diagram(title: "t")
        d.node("a", "a", at: Point(10, 10))
        d.arrow(from: "a", to: "nowhere")
        #expect(throws: PlotError.invalidInput(operation: "Diagram 't'",
                                               reason: "an arrow refers to node 'nowhere', which does not exist")) {
            try d.render()
        }
    }

    @Test("subscripts and superscripts are smaller and sit below or above the line")
    func scriptedText() {
        let text = ScriptedText("c_{t−1} + v^T\nsecond line")
        #expect(text.lines.count == 2)
        #expect(text.lines[0].map(\.text) == ["c", "t−1", " + v", "T"])
        #expect(text.lines[0].map(\.position) == [.normal, .lowered, .normal, .raised])
        let font = Font(size: 14)
        #expect(ScriptedText("h_t").size(font: font).width < ScriptedText("ht").size(font: font).width)
        var c = Canvas(width: 60, height: 40)
        ScriptedText("x_1").draw(centeredAt: Point(30, 20), font: Font(size: 20), color: .ink, on: &c)
        // The lowered "1" reaches further down than the "x" beside it.
        func lowestInk(_ columns: Range<Int>) -> Int {
            (0..<40).last { y in columns.contains { x in isInk(c.pixel(x: x, y: y).r, c.pixel(x: x, y: y).g, c.pixel(x: x, y: y).b) } } ?? 0
        }
        let xWidth = Font(size: 20).width(of: "x"), start = 30 - (xWidth + Font(size: 14).width(of: "1")) / 2
        #expect(lowestInk(Int(start + xWidth + 1)..<Int(start + xWidth + 8)) > lowestInk(Int(start)..<Int(start + xWidth - 1)))
    }

    @Test("an arrow from a box below a wide box rises straight up, not towards its centre")
    func arrowsMeetBoxesSquarely() throws {
        var d = Diagram(width: 400, height: 300)
        d.node("wide", "", at: Point(200, 60), width: 360, height: 40)
        d.node("left", "", at: Point(60, 240), width: 60, height: 30)
        d.node("far", "", at: Point(200, 240), width: 60, height: 30)
        d.arrow(from: "left", to: "wide")
        let path = try d.arrowPaths()[0]
        #expect(path[0] == Point(60, 223) && path[1] == Point(60, 82))  // tops and bottoms 225 and 80, gap 2
        d.arrow(from: "far", to: "left")
        #expect(try d.arrowPaths()[1][1].y == 240)  // level boxes: horizontal
    }
}
