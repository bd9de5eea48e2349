/// A line chart: several named series, a legend, axis labels, a title, linear or log axes.
public struct LineChart: Figure, Sendable {
    /// One named series of (x, y) points.
    struct Series: Sendable {
        var name: String, x: [Double], y: [Double], marker: Marker, color: RGB
    }

    /// Title above the plot.
    public var title: String
    /// Label under the x axis.
    public var xLabel: String
    /// Label beside the y axis.
    public var yLabel: String
    /// Scale of the x axis.
    public var xScale: AxisScale
    /// Scale of the y axis.
    public var yScale: AxisScale
    /// Figure width in pixels.
    public var width: Int
    /// Figure height in pixels.
    public var height: Int
    /// Whether light grid lines are drawn at the labelled ticks.
    public var grid: Bool
    /// Width of the series lines in pixels.
    public var lineWidth: Double = 2
    var series: [Series] = []

    /// An empty chart; add series with `add(series:x:y:)`.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", xScale: AxisScale = .linear,
                yScale: AxisScale = .linear, width: Int = 800, height: Int = 500, grid: Bool = true) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.xScale = xScale; self.yScale = yScale; self.width = width; self.height = height; self.grid = grid
    }

    /// Adds a series; `color` defaults to the next series colour.
    public mutating func add(series name: String, x: [Double], y: [Double], marker: Marker = .none, color: RGB? = nil) {
        series.append(Series(name: name, x: x, y: y, marker: marker, color: color ?? RGB.series(series.count)))
    }

    /// Adds a series plotted against 0, 1, 2, ...
    public mutating func add(series name: String, y: [Double], marker: Marker = .none, color: RGB? = nil) {
        add(series: name, x: y.indices.map(Double.init), y: y, marker: marker, color: color)
    }

    /// Adds a series of Float values.
    @_disfavoredOverload
    public mutating func add(series name: String, x: [Float], y: [Float], marker: Marker = .none, color: RGB? = nil) {
        add(series: name, x: x.map(Double.init), y: y.map(Double.init), marker: marker, color: color)
    }

    /// Checks that every series has as many x as y values.
    func validate() throws {
        for s in series where s.x.count != s.y.count {
            throw PlotError.invalidInput(operation: "LineChart '\(title)'",
                                         reason: "series '\(s.name)' has \(s.x.count) x values but \(s.y.count) y values")
        }
    }

    /// The plot area and data-to-pixel mapping this chart is drawn with (narrowed when the legend
    /// has to go beside it).
    public func axes() throws -> Axes { try arrangement().axes }

    /// The axes and, when the chart has a legend, its box: inside the plot where it covers no
    /// data, beside it otherwise.
    func arrangement() throws -> (axes: Axes, legendBox: Rect?) {
        try validate()
        let drawable = series.flatMap { s in
            zip(s.x, s.y).filter { Axes.isDrawable($0.0, xScale) && Axes.isDrawable($0.1, yScale) }
        }
        let layout = { (reserved: Double) in
            Axes.layout(width: width, height: height, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel),
                        xValues: drawable.map(\.0), yValues: drawable.map(\.1), xScale: xScale, yScale: yScale,
                        reservedRight: reserved)
        }
        guard hasLegend else { return (layout(0), nil) }
        let arranged = legend.arrange(layout: layout) { axes in
            series.flatMap { s in pieces(of: s, on: axes).flatMap { LineChart.samples(along: $0, every: 3) } }
        }
        return (arranged.axes, arranged.box)
    }

    /// Whether the chart shows a legend: several series, or one with a name.
    var hasLegend: Bool { series.count > 1 || series.contains(where: { !$0.name.isEmpty }) }

    /// The legend: one entry per series, with its colour, line and marker.
    var legend: Legend {
        Legend(entries: series.map { LegendEntry(label: $0.name, color: $0.color, line: true, marker: $0.marker) })
    }

    /// Diameter of the markers of a series that nothing covers.
    static let markerSize = 7.0

    /// A line width or marker size grown by 3 pixels for every layer of series above it.
    func widened(_ size: Double, _ depth: Int) -> Double { size + 3 * Double(depth) }

    /// The pixel polylines of a series; points that cannot be drawn (NaN, or ≤ 0 on a log axis)
    /// break the line.
    func pieces(of s: Series, on axes: Axes) -> [[Point]] {
        var pieces: [[Point]] = [[]]
        for (x, y) in zip(s.x, s.y) {
            if Axes.isDrawable(x, xScale) && Axes.isDrawable(y, yScale) {
                pieces[pieces.count - 1].append(axes.pixel(x, y))
            } else if !pieces[pieces.count - 1].isEmpty {
                pieces.append([])
            }
        }
        return pieces.filter { !$0.isEmpty }
    }

    /// Draws the chart. Where a series lies under later ones, that stretch is drawn wider (lines
    /// and markers), so that it shows as a band around the series that covers it.
    public func render() throws -> Canvas {
        let (axes, legendBox) = try arrangement()
        var canvas = Canvas(width: width, height: height)
        if grid { axes.drawGrid(on: &canvas) }
        canvas.clip = axes.plot
        let allPieces = series.map { pieces(of: $0, on: axes) }
        let covers = SeriesOverlap.covers(of: allPieces, markers: series.map(\.marker), lineWidth: lineWidth,
                                          markerSize: LineChart.markerSize, width: width, height: height)
        for (s, (pieces, cover)) in zip(series, zip(allPieces, covers)) {
            canvas.stroke(polylines: cover.segments, color: s.color, width: widened(lineWidth, cover.depth))
            canvas.stroke(polylines: pieces.filter { $0.count > 1 }, color: s.color, width: lineWidth)
            for p in pieces.joined() { s.marker.draw(at: p, color: s.color, size: LineChart.markerSize, on: &canvas) }
            for p in cover.points { s.marker.draw(at: p, color: s.color, size: widened(LineChart.markerSize, cover.depth), on: &canvas) }
        }
        axes.drawFrame(on: &canvas, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel))
        if let legendBox { legend.draw(in: legendBox, on: &canvas) }
        return canvas
    }

    /// Points every `spacing` pixels along a polyline (for keeping the legend off the data).
    static func samples(along line: [Point], every spacing: Double) -> [Point] {
        guard let first = line.first else { return [] }
        var points = [first]
        for (a, b) in zip(line, line.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let steps = max(1, Int(length / spacing))
            for i in 1...steps {
                let t = Double(i) / Double(steps)
                points.append(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
            }
        }
        return points
    }

}
