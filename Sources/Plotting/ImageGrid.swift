/// One captioned row of equally sized grayscale images.
public struct ImageRow: Sendable {
    /// Text to the left of the row (e.g. "input", "reconstruction").
    public var caption: String
    /// The images, each `width × height` values in 0...1, row-major, top row first.
    public var images: [[Double]]
    /// Width of every image in pixels of the source.
    public var width: Int
    /// Height of every image.
    public var height: Int

    /// A row of images.
    public init(caption: String = "", images: [[Double]], width: Int, height: Int) {
        self.caption = caption; self.images = images; self.width = width; self.height = height
    }

    /// A row of images given as Float values.
    @_disfavoredOverload
    public init(caption: String = "", images: [[Float]], width: Int, height: Int) {
        self.init(caption: caption, images: images.map { $0.map(Double.init) }, width: width, height: height)
    }
}

/// Where the images of an image grid sit, in pixels.
public struct ImageGridLayout: Sendable, Equatable {
    /// Each source pixel becomes a `scale × scale` block.
    public let scale: Int
    /// Top-left corner of every image, by row.
    public let origins: [[Point]]
    /// Figure size.
    public let width: Int, height: Int
}

/// Rows of small grayscale images scaled up without blur, each row with a caption.
public struct ImageGrid: Figure, Sendable {
    /// Title above the grid.
    public var title: String
    /// The rows, drawn top to bottom.
    public var rows: [ImageRow]
    /// Pixels per source pixel; `nil` picks one that makes images about 72 pixels across.
    public var scale: Int?
    /// Colour map from 0 to 1 (black to white by default).
    public var colorMap: ColorMap

    /// A grid of image rows.
    public init(title: String = "", rows: [ImageRow], scale: Int? = nil, colorMap: ColorMap = .grey) {
        self.title = title; self.rows = rows; self.scale = scale; self.colorMap = colorMap
    }

    static let gap = 8.0, rowGap = 12.0, margin = 16.0

    /// Computes the scale and the position of every image.
    public func layout() throws -> ImageGridLayout {
        let op = "ImageGrid '\(title)'"
        guard !rows.isEmpty else { throw PlotError.invalidInput(operation: op, reason: "no rows") }
        for (r, row) in rows.enumerated() {
            guard row.width > 0, row.height > 0 else {
                throw PlotError.invalidInput(operation: op, reason: "row \(r) has image size \(row.width)×\(row.height)")
            }
            if let bad = row.images.firstIndex(where: { $0.count != row.width * row.height }) {
                throw PlotError.invalidInput(operation: op, reason: "row \(r) image \(bad) has \(row.images[bad].count) values, "
                                             + "expected \(row.width)×\(row.height) = \(row.width * row.height)")
            }
        }
        let largest = rows.map { max($0.width, $0.height) }.max()!
        let s = scale ?? max(1, 72 / largest)
        guard s > 0 else { throw PlotError.invalidInput(operation: op, reason: "scale must be positive, got \(s)") }
        let captionWidth = rows.map { Font.label.width(of: $0.caption) }.max() ?? 0
        let left = ImageGrid.margin + (captionWidth > 0 ? captionWidth + 12 : 0)
        var y = title.isEmpty ? ImageGrid.margin : (14 + Font.title.capHeight + 20).rounded()
        var origins: [[Point]] = []
        var right = 0.0
        for row in rows {
            let w = Double(row.width * s), h = Double(row.height * s)
            origins.append(row.images.indices.map { Point((left + Double($0) * (w + ImageGrid.gap)).rounded(), y) })
            right = max(right, left + Double(row.images.count) * (w + ImageGrid.gap) - ImageGrid.gap)
            y += h + ImageGrid.rowGap
        }
        let width = max(right + ImageGrid.margin, Font.title.width(of: title) + 2 * ImageGrid.margin)
        let height = y - ImageGrid.rowGap + ImageGrid.margin
        return ImageGridLayout(scale: s, origins: origins, width: Int(width.rounded(.up)), height: Int(height.rounded(.up)))
    }

    /// Draws the grid.
    public func render() throws -> Canvas {
        let l = try layout()
        var canvas = Canvas(width: l.width, height: l.height)
        let s = Double(l.scale)
        for (r, row) in rows.enumerated() {
            for (i, image) in row.images.enumerated() {
                let o = l.origins[r][i]
                canvas.stroke(Rect(x: o.x - 0.5, y: o.y - 0.5, width: Double(row.width) * s + 1,
                                   height: Double(row.height) * s + 1), color: RGB(190, 190, 190))
                for py in 0..<row.height {
                    for px in 0..<row.width {
                        let color = colorMap.color(at: image[py * row.width + px])
                        canvas.fill(Rect(x: o.x + Double(px) * s, y: o.y + Double(py) * s, width: s, height: s), color: color)
                    }
                }
            }
            if !row.caption.isEmpty, let first = l.origins[r].first {
                canvas.draw(text: row.caption, at: Point(first.x - 12, first.y + Double(row.height) * s / 2),
                            font: .label, anchor: .centerRight)
            }
        }
        if !title.isEmpty {
            canvas.draw(text: title, at: Point(Double(l.width) / 2, 14), font: .title, anchor: .topCenter)
        }
        return canvas
    }

}
