import Testing
@testable import Plotting

@Suite("Canvas")
struct CanvasTests {
    @Test("a filled rectangle on whole pixels covers exactly those pixels")
    func fillRect() {
        var c = Canvas(width: 10, height: 10)
        c.fill(Rect(x: 2, y: 3, width: 4, height: 5), color: .black)
        for y in 0..<10 {
            for x in 0..<10 {
                let inside = (2..<6).contains(x) && (3..<8).contains(y)
                #expect(c.pixel(x: x, y: y) == (inside ? .black : .white))
            }
        }
    }

    @Test("a half-covered pixel gets half the colour")
    func partialCoverage() {
        var c = Canvas(width: 4, height: 1)
        c.fill(Rect(x: 1, y: 0, width: 1.5, height: 1), color: .black)
        #expect(c.pixel(x: 1, y: 0) == .black)
        #expect(c.pixel(x: 2, y: 0) == RGB(128, 128, 128))  // 255 * 0.5 rounds to 128
        #expect(c.pixel(x: 3, y: 0) == .white)
    }

    @Test("a line passes through the pixels on its path and leaves far pixels alone")
    func lineCoverage() {
        var c = Canvas(width: 50, height: 50)
        c.line(from: Point(5, 5), to: Point(45, 25), color: .black, width: 2)
        for i in 0...40 {
            let x = 5.0 + Double(i), y = 5.0 + Double(i) / 2   // on the line y = 5 + (x - 5) / 2
            #expect(c.pixel(x: Int(x), y: Int(y)).luminance < 0.5, "pixel (\(x), \(y)) should be dark")
        }
        #expect(c.pixel(x: 10, y: 40) == .white)
        #expect(c.pixel(x: 40, y: 5) == .white)
    }

    @Test("clipping keeps strokes inside the clip rectangle")
    func clipping() {
        var c = Canvas(width: 40, height: 40)
        c.clip = Rect(x: 10, y: 10, width: 20, height: 20)
        c.line(from: Point(0, 20), to: Point(40, 20), color: .black, width: 3)
        c.fillCircle(center: Point(10, 10), radius: 8, color: .black)
        for y in 0..<40 {
            for x in 0..<40 where !((10..<30).contains(x) && (10..<30).contains(y)) {
                #expect(c.pixel(x: x, y: y) == .white)
            }
        }
        #expect(c.pixel(x: 20, y: 20) == .black && c.pixel(x: 12, y: 12) == .black)
    }

    @Test("a filled circle covers pixels within its radius and not beyond")
    func circle() {
        var c = Canvas(width: 30, height: 30)
        c.fillCircle(center: Point(15, 15), radius: 6, color: .black)
        for y in 0..<30 {
            for x in 0..<30 {
                let dx = Double(x) + 0.5 - 15, dy = Double(y) + 0.5 - 15
                let d = (dx * dx + dy * dy).squareRoot()
                if d < 5 { #expect(c.pixel(x: x, y: y) == .black) }
                if d > 7 { #expect(c.pixel(x: x, y: y) == .white) }
            }
        }
    }

    @Test("overlapping segments of one stroke are not darkened twice")
    func noDoubleBlend() {
        var once = Canvas(width: 20, height: 5), twice = Canvas(width: 20, height: 5)
        once.polyline([Point(2, 2.5), Point(18, 2.5)], color: .black, width: 1, opacity: 0.5)
        twice.polyline([Point(2, 2.5), Point(18, 2.5), Point(2, 2.5)], color: .black, width: 1, opacity: 0.5)
        #expect(once.rgb == twice.rgb)
    }
}
