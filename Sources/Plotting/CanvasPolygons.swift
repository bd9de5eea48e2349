/// Filled polygons (arrowheads), anti-aliased by sampling each pixel on a 4 × 4 grid.
extension Canvas {
    /// Fills the polygon with corners `points` (in order, either direction; the even–odd rule).
    public mutating func fill(polygon points: [Point], color: RGB, opacity: Double = 1) {
        guard points.count >= 3, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return }
        let b = drawableBounds()
        let x0 = max(b.x0, Int(points.map(\.x).min()!.rounded(.down))), x1 = min(b.x1, Int(points.map(\.x).max()!.rounded(.up)))
        let y0 = max(b.y0, Int(points.map(\.y).min()!.rounded(.down))), y1 = min(b.y1, Int(points.map(\.y).max()!.rounded(.up)))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 {
                var inside = 0
                for sy in 0..<4 {
                    for sx in 0..<4 where Canvas.contains(points, Point(Double(px) + (Double(sx) + 0.5) / 4,
                                                                          Double(py) + (Double(sy) + 0.5) / 4)) {
                        inside += 1
                    }
                }
                blend(px, py, color, Double(inside) / 16 * opacity)
            }
        }
    }

    /// Whether `p` lies inside the polygon (even–odd rule: a ray to the right crosses its edges an odd number of times).
    static func contains(_ polygon: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], c = polygon[j]
            if (a.y > p.y) != (c.y > p.y) && p.x < (c.x - a.x) * (p.y - a.y) / (c.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}
