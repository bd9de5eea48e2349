/// How data points are marked.
public enum Marker: Sendable, Equatable {
    /// No marker.
    case none
    /// A filled circle.
    case circle
    /// A filled square.
    case square

    /// Draws the marker centred on `p`.
    func draw(at p: Point, color: RGB, size: Double, on canvas: inout Canvas, opacity: Double = 1) {
        switch self {
        case .none: break
        case .circle: canvas.fillCircle(center: p, radius: size / 2, color: color, opacity: opacity)
        case .square: canvas.fill(Rect(x: p.x - size / 2, y: p.y - size / 2, width: size, height: size),
                                  color: color, opacity: opacity)
        }
    }
}

/// One row of a legend.
struct LegendEntry: Sendable {
    var label: String
    var color: RGB
    var line: Bool
    var marker: Marker
}

/// A legend box placed in the corner of the plot area that covers the fewest data points.
struct Legend: Sendable {
    var entries: [LegendEntry]

    static let rowHeight = 19.0, swatch = 26.0, padding = 8.0, inset = 10.0

    /// The size of the legend box.
    var size: (width: Double, height: Double) {
        let text = entries.map { Font.tick.width(of: $0.label) }.max() ?? 0
        return (Legend.padding * 2 + Legend.swatch + 8 + text, Legend.padding * 2 + Double(entries.count) * Legend.rowHeight - 4)
    }

    /// The candidate box with the fewest of `points` inside (ties go to the earlier candidate:
    /// upper right, upper left, lower left, lower right, then the edge midpoints).
    func placement(in plot: Rect, avoiding points: [Point]) -> Rect {
        let (w, h) = size
        let i = Legend.inset
        let xs = (left: plot.x + i, middle: plot.x + (plot.width - w) / 2, right: plot.maxX - i - w)
        let ys = (top: plot.y + i, middle: plot.y + (plot.height - h) / 2, bottom: plot.maxY - i - h)
        let corners = [(xs.right, ys.top), (xs.left, ys.top), (xs.left, ys.bottom), (xs.right, ys.bottom),
                       (xs.right, ys.middle), (xs.left, ys.middle), (xs.middle, ys.top), (xs.middle, ys.bottom)]
        var best = Rect(x: corners[0].0, y: corners[0].1, width: w, height: h), bestCount = Int.max
        for (x, y) in corners {
            let box = Rect(x: x, y: y, width: w, height: h).insetBy(-4)
            let count = points.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
            if count < bestCount { bestCount = count; best = Rect(x: x, y: y, width: w, height: h) }
        }
        return Rect(x: best.x.rounded(), y: best.y.rounded(), width: best.width.rounded(), height: best.height.rounded())
    }

    /// Draws the legend in `box`.
    func draw(in box: Rect, on canvas: inout Canvas) {
        canvas.clip = nil
        canvas.fill(box, color: .white, opacity: 0.85)
        canvas.stroke(box.insetBy(0.5), color: RGB(204, 204, 204), lineWidth: 1)
        for (row, entry) in entries.enumerated() {
            let y = box.y + Legend.padding + Double(row) * Legend.rowHeight + 6
            let x = box.x + Legend.padding
            if entry.line {
                canvas.line(from: Point(x, y), to: Point(x + Legend.swatch, y), color: entry.color, width: 2)
            }
            entry.marker.draw(at: Point(x + Legend.swatch / 2, y), color: entry.color, size: 7, on: &canvas)
            canvas.draw(text: entry.label, at: Point(x + Legend.swatch + 8, y), font: .tick, anchor: .centerLeft)
        }
    }
}
