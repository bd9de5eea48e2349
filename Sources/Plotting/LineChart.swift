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

    /// The plot area and data-to-pixel mapping this chart is drawn with.
    public func axes() throws -> Axes {
        try validate()
        let drawable = series.flatMap { s in
            zip(s.x, s.y).filter { Axes.isDrawable($0.0, xScale) && Axes.isDrawable($0.1, yScale) }
        }
        return Axes.layout(width: width, height: height, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel),
                           xValues: drawable.map(\.0), yValues: drawable.map(\.1), xScale: xScale, yScale: yScale)
    }

    /// Draws the chart.
    public func render() throws -> Canvas {
        let axes = try axes()
        var canvas = Canvas(width: width, height: height)
        if grid { axes.drawGrid(on: &canvas) }
        canvas.clip = axes.plot
        var occupied: [Point] = []
        for s in series {
            // Points that cannot be drawn (NaN, or ≤ 0 on a log axis) break the line.
            var pieces: [[Point]] = [[]]
            for (x, y) in zip(s.x, s.y) {
                if Axes.isDrawable(x, xScale) && Axes.isDrawable(y, yScale) {
                    pieces[pieces.count - 1].append(axes.pixel(x, y))
                } else if !pieces[pieces.count - 1].isEmpty {
                    pieces.append([])
                }
            }
            canvas.stroke(polylines: pieces.filter { $0.count > 1 }, color: s.color, width: lineWidth)
            for piece in pieces {
                for p in piece { s.marker.draw(at: p, color: s.color, size: 7, on: &canvas) }
                occupied += LineChart.samples(along: piece, every: 3)
            }
        }
        axes.drawFrame(on: &canvas, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel))
        if series.count > 1 || series.contains(where: { !$0.name.isEmpty }) {
            let legend = Legend(entries: series.map { LegendEntry(label: $0.name, color: $0.color, line: true, marker: $0.marker) })
            legend.draw(in: legend.placement(in: axes.plot, avoiding: occupied), on: &canvas)
        }
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
