import ArgumentChecks

/// A point in pixel coordinates: x to the right, y down, (0, 0) the top-left corner of the top-left pixel.
public struct Point: Equatable, Sendable {
    /// Horizontal position in pixels.
    public var x: Double
    /// Vertical position in pixels (down is positive).
    public var y: Double
    /// A point from its coordinates.
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle in pixel coordinates.
public struct Rect: Equatable, Sendable {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// A rectangle from its top-left corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// Right edge.
    public var maxX: Double { x + width }
    /// Bottom edge.
    public var maxY: Double { y + height }
    /// Whether `p` lies inside (edges included).
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    /// The rectangle shrunk by `d` pixels on every side (grown when `d` is negative).
    public func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// An opaque RGB raster that charts draw on; every drawing operation is anti-aliased and clipped.
public struct Canvas: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Row-major RGB bytes, 3 per pixel, top row first.
    public private(set) var rgb: [UInt8]
    /// Drawing is limited to this rectangle (whole pixels); `nil` means the whole canvas.
    public var clip: Rect?

    /// A canvas filled with `background`.
    public init(width: Int, height: Int, background: RGB = .white) {
        require(width > 0 && height > 0, "Canvas", "size must be positive, got width \(width) and height \(height)")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            bytes[3 * i] = background.r; bytes[3 * i + 1] = background.g; bytes[3 * i + 2] = background.b
        }
        self.rgb = bytes
    }

    /// The colour of pixel (x, y).
    public func pixel(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(rgb[i], rgb[i + 1], rgb[i + 2])
    }

    /// The pixel range [x0, x1) × [y0, y1) that drawing may touch, given the clip rectangle.
    func drawableBounds() -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        guard let c = clip else { return (0, 0, width, height) }
        return (max(0, Int((c.x).rounded(.down))), max(0, Int((c.y).rounded(.down))),
                min(width, Int((c.maxX).rounded(.up))), min(height, Int((c.maxY).rounded(.up))))
    }

    /// Blends `color` into pixel (x, y) with weight `alpha` in 0...1; the caller checks bounds.
    @inline(__always)
    mutating func blend(_ x: Int, _ y: Int, _ color: RGB, _ alpha: Double) {
        guard alpha > 0 else { return }
        let i = (y * width + x) * 3
        if alpha >= 1 {
            rgb[i] = color.r; rgb[i + 1] = color.g; rgb[i + 2] = color.b
            return
        }
        let keep = 1 - alpha
        rgb[i] = UInt8((Double(rgb[i]) * keep + Double(color.r) * alpha).rounded())
        rgb[i + 1] = UInt8((Double(rgb[i + 1]) * keep + Double(color.g) * alpha).rounded())
        rgb[i + 2] = UInt8((Double(rgb[i + 2]) * keep + Double(color.b) * alpha).rounded())
    }

    /// Fills `rect`; pixels partly covered get a proportional blend, so integer edges stay crisp.
    public mutating func fill(_ rect: Rect, color: RGB, opacity: Double = 1) {
        let b = drawableBounds()
        let x0 = max(b.x0, Int(rect.x.rounded(.down))), x1 = min(b.x1, Int(rect.maxX.rounded(.up)))
        let y0 = max(b.y0, Int(rect.y.rounded(.down))), y1 = min(b.y1, Int(rect.maxY.rounded(.up)))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            let cy = min(Double(py + 1), rect.maxY) - max(Double(py), rect.y)
            for px in x0..<x1 {
                let cx = min(Double(px + 1), rect.maxX) - max(Double(px), rect.x)
                blend(px, py, color, cx * cy * opacity)
            }
        }
    }

    /// Draws the outline of `rect` with lines `lineWidth` pixels wide, centred on its edges.
    public mutating func stroke(_ rect: Rect, color: RGB, lineWidth: Double = 1) {
        let h = lineWidth / 2
        fill(Rect(x: rect.x - h, y: rect.y - h, width: rect.width + lineWidth, height: lineWidth), color: color)
        fill(Rect(x: rect.x - h, y: rect.maxY - h, width: rect.width + lineWidth, height: lineWidth), color: color)
        fill(Rect(x: rect.x - h, y: rect.y + h, width: lineWidth, height: rect.height - lineWidth), color: color)
        fill(Rect(x: rect.maxX - h, y: rect.y + h, width: lineWidth, height: rect.height - lineWidth), color: color)
    }

    /// Fills a circle (a marker) with anti-aliased edges.
    public mutating func fillCircle(center: Point, radius: Double, color: RGB, opacity: Double = 1) {
        let b = drawableBounds()
        let x0 = max(b.x0, Int((center.x - radius - 1).rounded(.down)))
        let x1 = min(b.x1, Int((center.x + radius + 1).rounded(.up)))
        let y0 = max(b.y0, Int((center.y - radius - 1).rounded(.down)))
        let y1 = min(b.y1, Int((center.y + radius + 1).rounded(.up)))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            let dy = Double(py) + 0.5 - center.y
            for px in x0..<x1 {
                let dx = Double(px) + 0.5 - center.x
                let coverage = min(max(radius + 0.5 - (dx * dx + dy * dy).squareRoot(), 0), 1)
                blend(px, py, color, coverage * opacity)
            }
        }
    }

    /// Draws the outline of a circle with a line `lineWidth` pixels wide.
    public mutating func strokeCircle(center: Point, radius: Double, color: RGB, lineWidth: Double = 1) {
        let reach = radius + lineWidth / 2 + 1
        let b = drawableBounds()
        let x0 = max(b.x0, Int((center.x - reach).rounded(.down))), x1 = min(b.x1, Int((center.x + reach).rounded(.up)))
        let y0 = max(b.y0, Int((center.y - reach).rounded(.down))), y1 = min(b.y1, Int((center.y + reach).rounded(.up)))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            let dy = Double(py) + 0.5 - center.y
            for px in x0..<x1 {
                let dx = Double(px) + 0.5 - center.x
                let d = abs((dx * dx + dy * dy).squareRoot() - radius)
                blend(px, py, color, min(max(lineWidth / 2 + 0.5 - d, 0), 1))
            }
        }
    }

    /// Writes the canvas as an 8-bit RGB PNG, atomically; missing folders are created.
    public func write(to path: String) throws {
        try writePNG(path: path, width: width, height: height, bytes: rgb, channels: 3)
    }

    /// The canvas as an RGBA image (alpha 255 everywhere), as `PNGImage.read` would return it.
    public func image() -> PNGImage {
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for i in 0..<(width * height) {
            rgba[4 * i] = rgb[3 * i]; rgba[4 * i + 1] = rgb[3 * i + 1]; rgba[4 * i + 2] = rgb[3 * i + 2]
        }
        return PNGImage(width: width, height: height, rgba: rgba)
    }
}

extension Canvas {
    // Here, beside the pixels it writes (they are settable only in this file); `FigureRow` uses it.
    /// Copies every pixel of `other` onto this canvas with its top-left corner at (x, y), cut to this canvas.
    mutating func copy(_ other: Canvas, x: Int, y: Int) {
        for row in 0..<other.height where (0..<height).contains(y + row) {
            for column in 0..<other.width where (0..<width).contains(x + column) {
                let source = (row * other.width + column) * 3, target = ((y + row) * width + x + column) * 3
                rgb[target] = other.rgb[source]
                rgb[target + 1] = other.rgb[source + 1]
                rgb[target + 2] = other.rgb[source + 2]
            }
        }
    }
}
