import Testing
@testable import Plotting

/// A row of figures holds each panel's pixels unchanged, side by side.
@Suite("Figure rows")
struct FigureRowTests {
    @Test("two heatmaps side by side: the size adds up and every pixel of each panel is kept")
    func panelsAreCopiedExactly() throws {
        let left = Heatmap(title: "left", values: [[0, 1], [1, 0]], rowLabels: ["a", "b"], columnLabels: ["x", "y"],
                           range: 0...1)
        let right = Heatmap(title: "right", values: [[0.5, 0.2, 0.1]], rowLabels: ["c"], columnLabels: ["x", "y", "z"],
                            range: 0...1)
        let (a, b) = (try left.render(), try right.render())
        let row = try FigureRow([left, right], gap: 10).render()
        #expect(row.width == a.width + 10 + b.width)
        #expect(row.height == max(a.height, b.height))
        for y in stride(from: 0, to: a.height, by: 7) {
            for x in stride(from: 0, to: a.width, by: 5) { #expect(row.pixel(x: x, y: y) == a.pixel(x: x, y: y)) }
        }
        for y in stride(from: 0, to: b.height, by: 7) {
            for x in stride(from: 0, to: b.width, by: 5) {
                #expect(row.pixel(x: a.width + 10 + x, y: y) == b.pixel(x: x, y: y))
            }
        }
        #expect(row.pixel(x: a.width + 5, y: 0) == .white)
    }
}
