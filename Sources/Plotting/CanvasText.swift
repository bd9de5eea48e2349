/// Drawing and measuring text with the stroke font.
extension Canvas {
    /// Draws `text` so that `anchor` of the text lands on `point`; returns the box its ink stays inside.
    @discardableResult
    public mutating func draw(text: String, at point: Point, font: Font = .tick, color: RGB = .ink,
                              anchor: TextAnchor = .baselineLeft, rotation: TextRotation = .horizontal) -> Rect {
        let layout = StrokeFont.layout(text)
        let place = Canvas.placement(layout.advance, anchor: anchor, font: font)
        let polylines = layout.strokes.map { stroke in
            stroke.map { u, v in
                Canvas.toCanvas(local: Point(place.x + u * font.unit, place.y - v * font.unit), at: point, rotation)
            }
        }
        stroke(polylines: polylines, color: color, width: font.strokeWidth)
        return Canvas.box(advance: layout.advance, top: layout.top, at: point, font: font, anchor: anchor, rotation: rotation)
    }

    /// The box that `draw(text:at:font:anchor:rotation:)` keeps the ink of `text` inside.
    public static func textBounds(_ text: String, at point: Point, font: Font = .tick,
                                  anchor: TextAnchor = .baselineLeft, rotation: TextRotation = .horizontal) -> Rect {
        let layout = StrokeFont.layout(text)
        return box(advance: layout.advance, top: layout.top, at: point, font: font, anchor: anchor, rotation: rotation)
    }

    /// Offset of the baseline start from the anchor point, in unrotated pixels.
    static func placement(_ advance: Double, anchor: TextAnchor, font: Font) -> Point {
        Point(-advance * font.unit * anchor.horizontal, anchor.vertical * font.unit)
    }

    /// Maps an unrotated offset from the anchor to canvas coordinates.
    static func toCanvas(local: Point, at point: Point, _ rotation: TextRotation) -> Point {
        switch rotation {
        case .horizontal: return Point(point.x + local.x, point.y + local.y)
        case .vertical: return Point(point.x + local.y, point.y - local.x)
        }
    }

    /// The ink box of laid-out text with the given advance and top (font units).
    static func box(advance: Double, top: Double, at point: Point, font: Font,
                    anchor: TextAnchor, rotation: TextRotation) -> Rect {
        let place = placement(advance, anchor: anchor, font: font)
        let margin = font.strokeWidth / 2 + 1
        let left = place.x - margin, right = place.x + advance * font.unit + margin
        let upper = place.y - top * font.unit - margin, lower = place.y + StrokeFont.descent * font.unit + margin
        let a = toCanvas(local: Point(left, upper), at: point, rotation)
        let b = toCanvas(local: Point(right, lower), at: point, rotation)
        return Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }
}
