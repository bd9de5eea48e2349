/// Anti-aliased strokes: lines and polylines of any width with round ends and joins.
///
/// Every segment of one call writes its coverage into a shared mask (keeping the maximum), and the
/// mask is blended once at the end, so joins and overlapping segments are not darkened twice.
extension Canvas {
    /// Draws a straight line from `a` to `b`.
    public mutating func line(from a: Point, to b: Point, color: RGB, width: Double = 1, opacity: Double = 1) {
        stroke(polylines: [[a, b]], color: color, width: width, opacity: opacity)
    }

    /// Draws one connected polyline through `points`.
    public mutating func polyline(_ points: [Point], color: RGB, width: Double = 1.5, opacity: Double = 1) {
        stroke(polylines: [points], color: color, width: width, opacity: opacity)
    }

    /// Draws several polylines as one stroke (text glyphs, broken data series).
    public mutating func stroke(polylines: [[Point]], color: RGB, width: Double, opacity: Double = 1) {
        let finite = polylines.map { $0.filter { $0.x.isFinite && $0.y.isFinite } }.filter { !$0.isEmpty }
        guard !finite.isEmpty, width > 0 else { return }
        let half = max(width, 1) / 2
        let strength = min(width, 1) * opacity
        let reach = half + 1
        // Bounding box of everything, limited to the drawable area.
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for line in finite {
            for p in line {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        let b = drawableBounds()
        let x0 = max(b.x0, Int((minX - reach).rounded(.down))), x1 = min(b.x1, Int((maxX + reach).rounded(.up)))
        let y0 = max(b.y0, Int((minY - reach).rounded(.down))), y1 = min(b.y1, Int((maxY + reach).rounded(.up)))
        guard x0 < x1, y0 < y1 else { return }
        let maskWidth = x1 - x0
        var mask = [Float](repeating: 0, count: maskWidth * (y1 - y0))
        for line in finite {
            if line.count == 1 {
                coverSegment(line[0], line[0], half: half, into: &mask, x0: x0, y0: y0, x1: x1, y1: y1)
            }
            for i in 1..<line.count {
                coverSegment(line[i - 1], line[i], half: half, into: &mask, x0: x0, y0: y0, x1: x1, y1: y1)
            }
        }
        for py in y0..<y1 {
            for px in x0..<x1 {
                let c = mask[(py - y0) * maskWidth + (px - x0)]
                if c > 0 { blend(px, py, color, Double(c) * strength) }
            }
        }
    }

    /// Raises `mask` to the coverage of a round-ended segment from `a` to `b` of half-width `half`.
    private func coverSegment(_ a: Point, _ b: Point, half: Double, into mask: inout [Float],
                              x0: Int, y0: Int, x1: Int, y1: Int) {
        let reach = half + 1
        let sx0 = max(x0, Int((min(a.x, b.x) - reach).rounded(.down)))
        let sx1 = min(x1, Int((max(a.x, b.x) + reach).rounded(.up)))
        let sy0 = max(y0, Int((min(a.y, b.y) - reach).rounded(.down)))
        let sy1 = min(y1, Int((max(a.y, b.y) + reach).rounded(.up)))
        guard sx0 < sx1, sy0 < sy1 else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let inverse = lengthSquared > 0 ? 1 / lengthSquared : 0
        let maskWidth = x1 - x0
        for py in sy0..<sy1 {
            let cy = Double(py) + 0.5
            for px in sx0..<sx1 {
                let cx = Double(px) + 0.5
                let t = min(max(((cx - a.x) * dx + (cy - a.y) * dy) * inverse, 0), 1)
                let ex = cx - (a.x + t * dx), ey = cy - (a.y + t * dy)
                let coverage = Float(min(max(half + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1))
                let index = (py - y0) * maskWidth + (px - x0)
                if coverage > mask[index] { mask[index] = coverage }
            }
        }
    }
}
