/// The geometry of a diagram's arrows: where they leave and meet outlines, heads and dashes.
enum DiagramRouting {
    /// Length and half-width of an arrowhead in pixels.
    static let headLength = 10.0, headHalfWidth = 4.5
    /// The space left between an arrow's ends and the outlines it joins.
    static let gap = 2.0
    /// Lengths of a dash and of the space after it.
    static let dash = 6.0, space = 4.0
    /// Width of arrow lines.
    static let lineWidth = 1.5

    /// The path from `start`'s outline through `via` to `end`'s outline, shifted `offset` pixels
    /// to the right of the direction of travel.
    static func path(from start: Diagram.Node, to end: Diagram.Node, via: [Point], offset: Double) -> [Point] {
        var points = [start.center] + via + [end.center]
        if offset != 0 {
            let d = direction(start.center, end.center)
            let shift = Point(-d.y * offset, d.x * offset)
            points = points.map { Point($0.x + shift.x, $0.y + shift.y) }
        }
        points[0] = squared(start, toward: points[1], from: points[0])
        points[points.count - 1] = squared(end, toward: points[points.count - 2], from: points[points.count - 1])
        let first = exit(from: start, toward: points[1], leaving: points[0])
        let last = exit(from: end, toward: points[points.count - 2], leaving: points[points.count - 1])
        return [first] + points.dropFirst().dropLast() + [last]
    }

    /// Where on a box to aim from `neighbour`: straight across when the neighbour lies level with
    /// the box (within its height) or straight above or below it (within its width), so that such
    /// arrows meet the outline at a right angle; otherwise `from` (the centre).
    static func squared(_ node: Diagram.Node, toward neighbour: Point, from point: Point) -> Point {
        guard node.shape != .circle else { return point }
        let f = node.frame
        if neighbour.x > f.x && neighbour.x < f.maxX && (neighbour.y <= f.y || neighbour.y >= f.maxY) {
            return Point(neighbour.x, point.y)
        }
        if neighbour.y > f.y && neighbour.y < f.maxY && (neighbour.x <= f.x || neighbour.x >= f.maxX) {
            return Point(point.x, neighbour.y)
        }
        return point
    }

    /// The unit vector from `a` towards `b` (zero when they coincide).
    static func direction(_ a: Point, _ b: Point) -> Point {
        let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
        return length > 0 ? Point(dx / length, dy / length) : Point(0, 0)
    }

    /// Where the segment from `inside` (a point within or on the node) towards `target` leaves
    /// the node's outline, plus the gap.
    static func exit(from node: Diagram.Node, toward target: Point, leaving inside: Point) -> Point {
        let d = direction(inside, target)
        guard d.x != 0 || d.y != 0 else { return inside }
        let f = node.frame
        var t: Double
        switch node.shape {
        case .circle:
            // Solve |inside + t·d − centre| = r for the positive root.
            let ox = inside.x - node.center.x, oy = inside.y - node.center.y, r = node.width / 2
            let b = ox * d.x + oy * d.y, c = ox * ox + oy * oy - r * r
            t = -b + max(b * b - c, 0).squareRoot()
        case .box, .plain:
            let tx = d.x > 0 ? (f.maxX - inside.x) / d.x : d.x < 0 ? (f.x - inside.x) / d.x : Double.infinity
            let ty = d.y > 0 ? (f.maxY - inside.y) / d.y : d.y < 0 ? (f.y - inside.y) / d.y : Double.infinity
            t = max(0, min(tx, ty))
        }
        t += gap
        return Point(inside.x + t * d.x, inside.y + t * d.y)
    }

    /// The point `fraction` of the way along the path's length.
    static func point(along path: [Point], at fraction: Double) -> Point {
        let lengths = zip(path, path.dropFirst()).map { a, b in ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }
        var remaining = lengths.reduce(0, +) * min(max(fraction, 0), 1)
        for (i, length) in lengths.enumerated() {
            if remaining <= length, length > 0 {
                let t = remaining / length
                return Point(path[i].x + (path[i + 1].x - path[i].x) * t, path[i].y + (path[i + 1].y - path[i].y) * t)
            }
            remaining -= length
        }
        return path.last ?? Point(0, 0)
    }

    /// Draws the path as a line (solid or dashed) ending in a filled head whose tip is the path's last point.
    static func draw(_ path: [Point], color: RGB, dashed: Bool, on canvas: inout Canvas) {
        guard path.count >= 2 else { return }
        let tip = path[path.count - 1], before = path[path.count - 2]
        let d = direction(before, tip)
        let base = Point(tip.x - d.x * headLength, tip.y - d.y * headLength)
        let line = Array(path.dropLast()) + [base]
        canvas.stroke(polylines: dashed ? dashes(of: line) : [line], color: color, width: lineWidth)
        let side = Point(-d.y * headHalfWidth, d.x * headHalfWidth)
        canvas.fill(polygon: [tip, Point(base.x + side.x, base.y + side.y), Point(base.x - side.x, base.y - side.y)],
                    color: color)
    }

    /// The dashes of a polyline: pieces `dash` long with `space` between them.
    static func dashes(of line: [Point]) -> [[Point]] {
        var pieces: [[Point]] = [], current: [Point] = [line[0]]
        var drawing = true, left = dash
        for (a, b) in zip(line, line.dropFirst()) {
            let d = direction(a, b)
            var length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            var p = a
            while length > left {
                p = Point(p.x + d.x * left, p.y + d.y * left)
                length -= left
                if drawing { current.append(p); pieces.append(current) } else { current = [p] }
                drawing.toggle()
                left = drawing ? dash : space
            }
            left -= length
            if drawing { current.append(b) } else { current = [b] }
        }
        if drawing && current.count > 1 { pieces.append(current) }
        return pieces
    }
}
