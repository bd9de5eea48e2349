// The pen strokes of the ten digits, in a unit box with x to the right and y downwards.

import CMath
import Tensors

/// A point of a pen stroke in the unit box (x to the right, y downwards).
public struct StrokePoint: Equatable, Sendable {
    /// Horizontal position, 0 at the left edge and 1 at the right edge.
    public var x: Double
    /// Vertical position, 0 at the top edge and 1 at the bottom edge.
    public var y: Double

    /// Creates a point from its coordinates in the unit box.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// The strokes of each digit 0–9 as polylines; arcs and curves are sampled densely.
public enum DigitStrokes {
    /// The polylines that draw `digit`, each a connected pen stroke.
    public static func strokes(for digit: Int) -> [[StrokePoint]] {
        require((0...9).contains(digit), "DigitStrokes.strokes(for:)", "needs a digit 0...9, got \(digit)")
        return table[digit]
    }

    private static let table: [[[StrokePoint]]] = [
        // 0: an upright ellipse.
        [arc(cx: 0.5, cy: 0.5, rx: 0.21, ry: 0.33, from: 0, to: 2 * .pi)],
        // 1: a vertical bar with a flag at the top.
        [line([(0.37, 0.28), (0.52, 0.15), (0.52, 0.85)])],
        // 2: a hook over the top, a diagonal down to the left, a base to the right.
        [arc(cx: 0.5, cy: 0.34, rx: 0.2, ry: 0.19, from: -0.95 * .pi, to: 0.2 * .pi)
            + line([(0.28, 0.85), (0.75, 0.85)])],
        // 3: two bowls open to the left, meeting in the middle.
        [arc(cx: 0.49, cy: 0.32, rx: 0.19, ry: 0.17, from: -0.9 * .pi, to: 0.5 * .pi)
            + arc(cx: 0.49, cy: 0.67, rx: 0.22, ry: 0.18, from: -0.5 * .pi, to: 0.88 * .pi)],
        // 4: the upright, the slanted arm and the crossbar.
        [line([(0.64, 0.85), (0.64, 0.15), (0.25, 0.63), (0.77, 0.63)])],
        // 5: top bar, short upright, then a bowl open to the left.
        [line([(0.73, 0.15), (0.33, 0.15), (0.3, 0.46)])
            + arc(cx: 0.5, cy: 0.64, rx: 0.22, ry: 0.21, from: -0.72 * .pi, to: 0.85 * .pi)],
        // 6: a sweep down the left side into a closed loop at the bottom.
        [curve(from: (0.68, 0.15), control: (0.3, 0.25), to: (0.29, 0.66))
            + arc(cx: 0.5, cy: 0.65, rx: 0.21, ry: 0.2, from: .pi, to: 3 * .pi)],
        // 7: top bar and a long diagonal.
        [line([(0.26, 0.15), (0.75, 0.15), (0.43, 0.85)])],
        // 8: a small loop over a larger one.
        [arc(cx: 0.5, cy: 0.32, rx: 0.17, ry: 0.17, from: 0, to: 2 * .pi),
         arc(cx: 0.5, cy: 0.67, rx: 0.21, ry: 0.18, from: 0, to: 2 * .pi)],
        // 9: a loop at the top and a tail down from its right side.
        [arc(cx: 0.49, cy: 0.35, rx: 0.2, ry: 0.2, from: 0, to: 2 * .pi)
            + curve(from: (0.69, 0.35), control: (0.69, 0.7), to: (0.58, 0.85))],
    ]

    private static func line(_ points: [(Double, Double)]) -> [StrokePoint] {
        points.map { StrokePoint($0.0, $0.1) }
    }

    /// Samples an elliptical arc; angles grow clockwise on screen because y points down.
    private static func arc(cx: Double, cy: Double, rx: Double, ry: Double,
                            from start: Double, to end: Double) -> [StrokePoint] {
        let pieces = max(4, Int((abs(end - start) / (2 * .pi) * 32).rounded(.up)))
        return (0...pieces).map { i in
            let t = start + (end - start) * Double(i) / Double(pieces)
            return StrokePoint(cx + rx * cos(t), cy + ry * sin(t))
        }
    }

    /// Samples a quadratic Bézier curve.
    private static func curve(from a: (Double, Double), control c: (Double, Double),
                              to b: (Double, Double)) -> [StrokePoint] {
        let pieces = 12
        return (0...pieces).map { i in
            let t = Double(i) / Double(pieces)
            let s = 1 - t
            return StrokePoint(s * s * a.0 + 2 * s * t * c.0 + t * t * b.0,
                               s * s * a.1 + 2 * s * t * c.1 + t * t * b.1)
        }
    }
}
