/// Where the parts of a heatmap sit, in pixels.
public struct HeatmapLayout: Sendable, Equatable {
    /// The cell grid: row 0 at the top, column 0 at the left.
    public let grid: Rect
    /// Side of one square cell.
    public let cellSize: Double
    /// The colour bar: the lowest value at the bottom row, the highest at the top row.
    public let colorBar: Rect
    /// Whether column labels are turned 90° to fit.
    public let verticalColumnLabels: Bool
    /// Figure size.
    public let width: Int, height: Int

    /// The rectangle of cell (row, column).
    public func cell(row: Int, column: Int) -> Rect {
        Rect(x: grid.x + Double(column) * cellSize, y: grid.y + Double(row) * cellSize, width: cellSize, height: cellSize)
    }
}

/// A matrix drawn as coloured cells with row and column labels and a colour bar (e.g. attention weights).
public struct Heatmap: Figure, Sendable {
    /// Title above the grid.
    public var title: String
    /// The matrix, one inner array per row (all rows the same length).
    public var values: [[Double]]
    /// One label per row (left side); empty for none.
    public var rowLabels: [String]
    /// One label per column (bottom); empty for none.
    public var columnLabels: [String]
    /// Label under the column labels.
    public var xLabel: String
    /// Label beside the row labels.
    public var yLabel: String
    /// Colour map from low to high values.
    public var colorMap: ColorMap
    /// Whether each cell shows its value.
    public var annotate: Bool
    /// Decimals of the cell annotations.
    public var annotationDecimals: Int = 2
    /// Values mapped to the colour map's ends; `nil` uses the data's minimum and maximum.
    public var range: ClosedRange<Double>?
    /// The largest side of a cell in pixels (56 unless set), e.g. smaller for panels of a `PanelGrid`.
    public var largestCellSize: Double = 56

    /// A heatmap of `values`.
    public init(title: String = "", values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                xLabel: String = "", yLabel: String = "", colorMap: ColorMap = .viridis, annotate: Bool = false,
                range: ClosedRange<Double>? = nil) {
        self.title = title; self.values = values; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.xLabel = xLabel; self.yLabel = yLabel; self.colorMap = colorMap; self.annotate = annotate; self.range = range
    }

    /// A heatmap of Float values.
    @_disfavoredOverload
    public init(title: String = "", values: [[Float]], rowLabels: [String] = [], columnLabels: [String] = [],
                xLabel: String = "", yLabel: String = "", colorMap: ColorMap = .viridis, annotate: Bool = false) {
        self.init(title: title, values: values.map { $0.map(Double.init) }, rowLabels: rowLabels,
                  columnLabels: columnLabels, xLabel: xLabel, yLabel: yLabel, colorMap: colorMap, annotate: annotate)
    }

    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    /// The values at the bottom and top of the colour bar.
    var valueRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.joined().filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo < hi ? lo...hi : lo...(lo + 1)
    }

    /// Checks the matrix shape and the label counts.
    func validate() throws {
        let op = "Heatmap '\(title)'"
        guard rows > 0, columns > 0 else { throw PlotError.invalidInput(operation: op, reason: "the matrix is empty") }
        if let bad = values.firstIndex(where: { $0.count != columns }) {
            throw PlotError.invalidInput(operation: op, reason: "row \(bad) has \(values[bad].count) values, row 0 has \(columns)")
        }
        if !rowLabels.isEmpty && rowLabels.count != rows {
            throw PlotError.invalidInput(operation: op, reason: "\(rowLabels.count) row labels for \(rows) rows")
        }
        if !columnLabels.isEmpty && columnLabels.count != columns {
            throw PlotError.invalidInput(operation: op, reason: "\(columnLabels.count) column labels for \(columns) columns")
        }
    }

    /// Colour-bar ticks over the value range.
    func barTicks(height: Double) -> [Tick] {
        TickMaker.linear(valueRange.lowerBound, valueRange.upperBound, maxCount: max(2, Int(height / 40)))
    }

    /// Computes where the grid, labels and colour bar go.
    public func layout() throws -> HeatmapLayout {
        try validate()
        let font = Font.tick, labelFont = Font.label
        let cell = min(max(min(560 / Double(columns), 420 / Double(rows)), 12), largestCellSize).rounded(.down)
        let rowLabelWidth = rowLabels.map { font.width(of: $0) }.max() ?? 0
        let columnLabelWidth = columnLabels.map { font.width(of: $0) }.max() ?? 0
        let vertical = columnLabelWidth + 4 > cell
        let columnLabelHeight = columnLabels.isEmpty ? 0 : (vertical ? columnLabelWidth : font.capHeight + 3)
        let top = title.isEmpty ? 16 : (14 + Font.title.capHeight + 22).rounded()
        let left = (12 + (yLabel.isEmpty ? 0 : labelFont.capHeight + 14) + rowLabelWidth + 6 + 4).rounded()
        let gridWidth = cell * Double(columns), gridHeight = cell * Double(rows)
        let bottom = (4 + 6 + columnLabelHeight + (xLabel.isEmpty ? 0 : 14 + labelFont.capHeight) + 16).rounded()
        let tickWidth = barTicks(height: gridHeight).compactMap(\.label).map { Axes.labelWidth($0, font) }.max() ?? 0
        let barX = left + gridWidth + 20
        var width = barX + 16 + 4 + 5 + tickWidth + 14
        width = max(width, Font.title.width(of: title) + 40)
        let height = top + gridHeight + bottom
        return HeatmapLayout(grid: Rect(x: left, y: top, width: gridWidth, height: gridHeight), cellSize: cell,
                             colorBar: Rect(x: barX, y: top, width: 16, height: gridHeight),
                             verticalColumnLabels: vertical, width: Int(width.rounded(.up)), height: Int(height))
    }

    /// Draws the heatmap.
    public func render() throws -> Canvas {
        let l = try layout()
        var canvas = Canvas(width: l.width, height: l.height)
        let range = valueRange, span = range.upperBound - range.lowerBound
        let font = Font.tick
        let annotationFont = Font(size: min(12, l.cellSize * 0.3))
        for (r, row) in values.enumerated() {
            for (c, v) in row.enumerated() {
                let box = l.cell(row: r, column: c)
                let color = v.isFinite ? colorMap.color(at: (v - range.lowerBound) / span) : RGB(200, 200, 200)
                canvas.fill(box, color: color)
                if annotate && v.isFinite && l.cellSize >= 22 {
                    let text = TickMaker.fixed(v, decimals: annotationDecimals)
                    if annotationFont.width(of: text) < l.cellSize - 2 {
                        canvas.draw(text: text, at: Point(box.x + box.width / 2, box.y + box.height / 2), font: annotationFont,
                                    color: color.luminance < 0.5 ? .white : .ink, anchor: .center)
                    }
                }
            }
        }
        let g = l.grid
        canvas.stroke(g.insetBy(-0.5), color: .ink)
        for (r, label) in rowLabels.enumerated() {
            let y = (g.y + (Double(r) + 0.5) * l.cellSize).rounded(.down)
            canvas.fill(Rect(x: g.x - 5, y: y, width: 4, height: 1), color: .ink)
            canvas.draw(text: label, at: Point(g.x - 10, y + 0.5), font: font, anchor: .centerRight)
        }
        for (c, label) in columnLabels.enumerated() {
            let x = (g.x + (Double(c) + 0.5) * l.cellSize).rounded(.down)
            canvas.fill(Rect(x: x, y: g.maxY + 1, width: 1, height: 4), color: .ink)
            if l.verticalColumnLabels {
                canvas.draw(text: label, at: Point(x + 0.5, g.maxY + 9), font: font,
                            anchor: TextAnchor(horizontal: 1, vertical: 5), rotation: .vertical)
            } else {
                canvas.draw(text: label, at: Point(x + 0.5, g.maxY + 10), font: font, anchor: .topCenter)
            }
        }
        let labelFont = Font.label
        if !xLabel.isEmpty {
            let columnLabelHeight = columnLabels.isEmpty ? 0 : (l.verticalColumnLabels
                ? (columnLabels.map { font.width(of: $0) }.max() ?? 0) : font.capHeight + 3)
            canvas.draw(text: xLabel, at: Point(g.x + g.width / 2, g.maxY + 10 + columnLabelHeight + 12),
                        font: labelFont, anchor: .topCenter)
        }
        if !yLabel.isEmpty {
            canvas.draw(text: yLabel, at: Point(12, g.y + g.height / 2), font: labelFont, anchor: .topCenter, rotation: .vertical)
        }
        if !title.isEmpty {
            canvas.draw(text: title, at: Point(g.x + g.width / 2, 14), font: .title, anchor: .topCenter)
        }
        drawColorBar(l.colorBar, on: &canvas)
        return canvas
    }

    /// Draws the colour bar in `bar`, with ticks and labels on its right.
    func drawColorBar(_ bar: Rect, on canvas: inout Canvas) {
        let rows = Int(bar.height)
        for i in 0..<rows {
            let t = rows > 1 ? Double(rows - 1 - i) / Double(rows - 1) : 1
            canvas.fill(Rect(x: bar.x, y: bar.y + Double(i), width: bar.width, height: 1), color: colorMap.color(at: t))
        }
        canvas.stroke(bar.insetBy(-0.5), color: .ink)
        let range = valueRange
        for tick in barTicks(height: bar.height) {
            let f = (tick.value - range.lowerBound) / (range.upperBound - range.lowerBound)
            let y = (bar.y + (1 - f) * (bar.height - 1)).rounded(.down)
            canvas.fill(Rect(x: bar.maxX + 1, y: y, width: 4, height: 1), color: .ink)
            if let label = tick.label {
                Axes.draw(label, at: Point(bar.maxX + 9, y + 0.5), font: .tick, horizontal: 0, vertical: 5, on: &canvas)
            }
        }
    }

}
