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
    /// Width of the swatch line (wider for a series drawn wide because others cover it).
    var lineWidth: Double = 2
    /// Diameter of the swatch marker.
    var markerSize: Double = 7
}

/// A legend box: inside the plot area where it covers no data, or beside it when every place
/// inside would cover some.
struct Legend: Sendable {
    var entries: [LegendEntry]

    static let rowHeight = 19.0, swatch = 26.0, padding = 8.0, inset = 10.0
    /// Gap between the plot area and a legend placed beside it.
    static let outsideGap = 12.0

    /// The size of the legend box.
    var size: (width: Double, height: Double) {
        let text = entries.map { Font.tick.width(of: $0.label) }.max() ?? 0
        return (Legend.padding * 2 + Legend.swatch + 8 + text, Legend.padding * 2 + Double(entries.count) * Legend.rowHeight - 4)
    }

    /// The room a legend beside the plot takes from the plot's width.
    var outsideWidth: Double { (size.width + Legend.outsideGap).rounded(.up) }

    /// The candidate boxes inside `plot`, in order of preference: upper right, upper left, lower
    /// left, lower right, the edge midpoints, then the quarter points of the top and bottom edges.
    func candidates(in plot: Rect) -> [Rect] {
        let (w, h) = size
        let i = Legend.inset
        let xs = (left: plot.x + i, middle: plot.x + (plot.width - w) / 2, right: plot.maxX - i - w)
        let ys = (top: plot.y + i, middle: plot.y + (plot.height - h) / 2, bottom: plot.maxY - i - h)
        let quarters = [plot.x + plot.width / 4 - w / 2, plot.x + plot.width * 3 / 4 - w / 2]
        let positions = [(xs.right, ys.top), (xs.left, ys.top), (xs.left, ys.bottom), (xs.right, ys.bottom),
                         (xs.right, ys.middle), (xs.left, ys.middle), (xs.middle, ys.top), (xs.middle, ys.bottom)]
            + quarters.flatMap { x in [(x, ys.top), (x, ys.bottom)] }
        return positions.filter { $0.0 >= plot.x + i - 1e-9 && $0.0 + w <= plot.maxX - i + 1e-9 }
            .map { Rect(x: $0.0.rounded(), y: $0.1.rounded(), width: w.rounded(), height: h.rounded()) }
    }

    /// The candidate box with the fewest of `points` inside or within 4 pixels (ties go to the
    /// earlier candidate), and how many it covers.
    func placement(in plot: Rect, avoiding points: [Point]) -> (box: Rect, covered: Int) {
        var best = candidates(in: plot).first ?? Rect(x: plot.x, y: plot.y, width: size.width, height: size.height)
        var bestCount = Int.max
        for box in candidates(in: plot) {
            let grown = box.insetBy(-4)
            let count = points.reduce(0) { $0 + (grown.contains($1) ? 1 : 0) }
            if count < bestCount { bestCount = count; best = box }
            if count == 0 { break }
        }
        return (best, bestCount == Int.max ? 0 : bestCount)
    }

    /// The box of a legend beside `plot`, level with its top.
    func outsidePlacement(beside plot: Rect) -> Rect {
        Rect(x: (plot.maxX + Legend.outsideGap).rounded(), y: plot.y.rounded(),
             width: size.width.rounded(), height: size.height.rounded())
    }

    /// Lays out a chart with this legend: inside the plot if some candidate box covers none of
    /// the data, otherwise beside it, with the plot narrowed to make room.
    ///
    /// `layout` gives the axes for a given room reserved on the right; `occupied` the pixels the
    /// data cover under those axes.
    func arrange(layout: (Double) -> Axes, occupied: (Axes) -> [Point]) -> (axes: Axes, box: Rect) {
        let inside = layout(0)
        let placed = placement(in: inside.plot, avoiding: occupied(inside))
        if placed.covered == 0 { return (inside, placed.box) }
        let narrowed = layout(outsideWidth)
        return (narrowed, outsidePlacement(beside: narrowed.plot))
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
                canvas.line(from: Point(x, y), to: Point(x + Legend.swatch, y), color: entry.color, width: entry.lineWidth)
            }
            entry.marker.draw(at: Point(x + Legend.swatch / 2, y), color: entry.color, size: entry.markerSize, on: &canvas)
            canvas.draw(text: entry.label, at: Point(x + Legend.swatch + 8, y), font: .tick, anchor: .centerLeft)
        }
    }
}
