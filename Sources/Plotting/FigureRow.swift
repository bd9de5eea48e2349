// Introduced in chapter 6: two maps compared side by side in one image (saliency beside attention).
import ArgumentChecks

/// Figures drawn one beside the other in a single image, tops aligned, on a white background.
///
/// Each panel keeps its own title, axes and colour bar; to compare two heatmaps by colour, give
/// them the same `range`.
public struct FigureRow: Figure {
    /// The panels, left to right.
    public var panels: [any Figure]
    /// White space between two panels, in pixels.
    public var gap: Int

    /// A row of `panels` separated by `gap` pixels.
    public init(_ panels: [any Figure], gap: Int = 16) {
        require(!panels.isEmpty, "FigureRow", "needs at least one panel")
        require(gap >= 0, "FigureRow", "gap must not be negative, got \(gap)")
        self.panels = panels
        self.gap = gap
    }

    public func render() throws -> Canvas {
        let canvases = try panels.map { try $0.render() }
        let width = canvases.map(\.width).reduce(0, +) + gap * (canvases.count - 1)
        var row = Canvas(width: width, height: canvases.map(\.height).max()!)
        var left = 0
        for panel in canvases {
            row.copy(panel, x: left, y: 0)
            left += panel.width + gap
        }
        return row
    }
}
