/// A scatter plot of points coloured by class, with a legend naming the classes.
public struct ScatterPlot: Figure, Sendable {
    /// The points of one class.
    struct PointClass: Sendable {
        var name: String, x: [Double], y: [Double], color: RGB
    }

    /// Title above the plot.
    public var title: String
    /// Label under the x axis.
    public var xLabel: String
    /// Label beside the y axis.
    public var yLabel: String
    /// Figure width in pixels.
    public var width: Int
    /// Figure height in pixels.
    public var height: Int
    /// Marker diameter in pixels.
    public var markerSize: Double = 7
    /// Marker opacity, so that overlapping points stay visible.
    public var opacity: Double = 0.8
    var classes: [PointClass] = []

    /// An empty scatter plot; add classes with `add(class:x:y:)`.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", width: Int = 640, height: Int = 520) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.width = width; self.height = height
    }

    /// Adds the points of one class; `color` defaults to the next series colour.
    public mutating func add(class name: String, x: [Double], y: [Double], color: RGB? = nil) {
        classes.append(PointClass(name: name, x: x, y: y, color: color ?? RGB.series(classes.count)))
    }

    /// Adds the points of one class given as Float values.
    @_disfavoredOverload
    public mutating func add(class name: String, x: [Float], y: [Float], color: RGB? = nil) {
        add(class: name, x: x.map(Double.init), y: y.map(Double.init), color: color)
    }

    /// The plot area and data-to-pixel mapping this plot is drawn with (narrowed when the legend
    /// has to go beside it).
    public func axes() throws -> Axes { try arrangement().axes }

    /// The axes and, when there are classes, the legend's box: inside the plot where it covers no
    /// point, beside it otherwise.
    func arrangement() throws -> (axes: Axes, legendBox: Rect?) {
        for c in classes where c.x.count != c.y.count {
            throw PlotError.invalidInput(operation: "ScatterPlot '\(title)'",
                                         reason: "class '\(c.name)' has \(c.x.count) x values but \(c.y.count) y values")
        }
        let points = classes.flatMap { zip($0.x, $0.y).filter { $0.0.isFinite && $0.1.isFinite } }
        let layout = { (reserved: Double) in
            Axes.layout(width: width, height: height, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel),
                        xValues: points.map(\.0), yValues: points.map(\.1), xScale: .linear, yScale: .linear,
                        reservedRight: reserved)
        }
        guard let legend else { return (layout(0), nil) }
        let arranged = legend.arrange(layout: layout) { axes in points.map { axes.pixel($0.0, $0.1) } }
        return (arranged.axes, arranged.box)
    }

    /// The legend naming the classes, if there are any.
    var legend: Legend? {
        classes.isEmpty ? nil
            : Legend(entries: classes.map { LegendEntry(label: $0.name, color: $0.color, line: false, marker: .circle) })
    }

    /// Draws the plot.
    public func render() throws -> Canvas {
        let (axes, legendBox) = try arrangement()
        var canvas = Canvas(width: width, height: height)
        axes.drawGrid(on: &canvas)
        canvas.clip = axes.plot
        for c in classes {
            for (x, y) in zip(c.x, c.y) where x.isFinite && y.isFinite {
                Marker.circle.draw(at: axes.pixel(x, y), color: c.color, size: markerSize, on: &canvas, opacity: opacity)
            }
        }
        axes.drawFrame(on: &canvas, text: AxesText(title: title, xLabel: xLabel, yLabel: yLabel))
        if let legend, let legendBox { legend.draw(in: legendBox, on: &canvas) }
        return canvas
    }
}
