/// Several figures in one image: panels in rows under a common title, each drawn at its own size
/// and placed at the top left of its grid cell (columns as wide as their widest panel, rows as
/// tall as their tallest), with a caption over each row.
public struct PanelGrid: Figure {
    /// The title over the whole grid.
    public var title: String
    /// The panels, row by row; rows may have different numbers of panels.
    public var rows: [[any Figure]]
    /// One caption per row (drawn above it), or none.
    public var rowCaptions: [String]

    /// A grid of `rows` of panels under `title`.
    public init(title: String, rows: [[any Figure]], rowCaptions: [String] = []) {
        self.title = title
        self.rows = rows
        self.rowCaptions = rowCaptions
    }

    /// Draws every panel and copies it into place.
    public func render() throws -> Canvas {
        guard !rows.isEmpty, rows.allSatisfy({ !$0.isEmpty }) else {
            throw PlotError.invalidInput(operation: "PanelGrid '\(title)'", reason: "every row needs at least one panel")
        }
        guard rowCaptions.isEmpty || rowCaptions.count == rows.count else {
            throw PlotError.invalidInput(operation: "PanelGrid '\(title)'",
                                         reason: "\(rowCaptions.count) captions for \(rows.count) rows")
        }
        let drawn = try rows.map { try $0.map { try $0.render() } }
        let columnCount = drawn.map(\.count).max()!
        let widths = (0..<columnCount).map { c in drawn.compactMap { c < $0.count ? $0[c].width : nil }.max()! }
        let heights = drawn.map { $0.map(\.height).max()! }
        let titleHeight = (14 + Font.title.capHeight + 18).rounded()
        let captionHeight = rowCaptions.isEmpty ? 0 : (8 + Font.label.capHeight + 8).rounded()
        let captionWidth = rowCaptions.map { Int(Font.label.width(of: $0)) + 24 }.max() ?? 0
        let width = max(widths.reduce(0, +), Int(Font.title.width(of: title)) + 40, captionWidth)
        let height = Int(titleHeight) + heights.reduce(0, +) + rows.count * Int(captionHeight)
        var canvas = Canvas(width: width, height: height)
        canvas.draw(text: title, at: Point(Double(width) / 2, 14), font: .title, anchor: .topCenter)
        var y = Int(titleHeight)
        for (r, row) in drawn.enumerated() {
            if !rowCaptions.isEmpty {
                canvas.draw(text: rowCaptions[r], at: Point(12, Double(y) + captionHeight - 8), font: .label)
                y += Int(captionHeight)
            }
            var x = 0
            for (c, panel) in row.enumerated() {
                canvas.copy(panel, toX: x, y: y)
                x += widths[c]
            }
            y += heights[r]
        }
        return canvas
    }
}

extension Canvas {
    /// Copies every pixel of `other` onto this canvas with its top left corner at (x, y), clipped to the canvas.
    mutating func copy(_ other: Canvas, toX x: Int, y: Int) {
        for py in 0..<other.height where y + py >= 0 && y + py < height {
            for px in 0..<other.width where x + px >= 0 && x + px < width {
                blend(x + px, y + py, other.pixel(x: px, y: py), 1)
            }
        }
    }
}
