// Grayscale images of handwritten-looking digits, drawn from strokes with random variation.

import Tensors
import CMath

/// A set of square grayscale images with their class labels, stored as plain arrays.
public struct LabelledImages: Sendable {
    /// Pixel values in `0...1`, image after image, each row-major: `count × size × size` values.
    public var images: [Float]
    /// The class of each image.
    public var labels: [Int]
    /// Width and height of every image in pixels.
    public var size: Int

    /// Number of images.
    public var count: Int { labels.count }

    /// The pixels of image `index` (row-major, `size × size` values).
    public func image(_ index: Int) -> ArraySlice<Float> {
        require(index >= 0 && index < count, "LabelledImages.image(_:)", "index \(index) is outside 0..<\(count)")
        let stride = size * size
        return images[(index * stride)..<((index + 1) * stride)]
    }
}

/// Generates digit images 0–9 from pen strokes with jitter, thickness, pose and pixel noise.
public enum DigitImages {
    /// How much the drawings vary; the defaults give varied but recognisable digits.
    public struct Style: Sendable {
        /// Largest displacement of the smooth warp applied to the strokes, as a fraction of the image.
        public var jitter: Double = 0.035
        /// Range of the pen width in pixels of a 16-pixel image (scaled with the size).
        public var thickness: ClosedRange<Double> = 1.1...2.1
        /// Largest rotation either way, in radians.
        public var rotation: Double = 0.2
        /// Range of the overall scale factor.
        public var scale: ClosedRange<Double> = 0.85...1.05
        /// Largest shift either way, as a fraction of the image.
        public var shift: Double = 0.06
        /// Standard deviation of the Gaussian pixel noise, before clamping to `0...1`.
        public var noise: Double = 0.04

        /// The default style.
        public init() {}
    }

    /// Generates `count` images whose labels take each digit equally often, in shuffled order.
    ///
    /// The same `seed`, `size` and `style` always give the same images.
    public static func generate(count: Int, seed: UInt64, size: Int = 16,
                                style: Style = Style()) -> LabelledImages {
        require(count >= 0, "DigitImages.generate", "count must be at least 0, got \(count)")
        require(size >= 4, "DigitImages.generate", "size must be at least 4 pixels, got \(size)")
        var generator = SeededGenerator(seed: seed)
        var labels = (0..<count).map { $0 % 10 }
        generator.shuffle(&labels)
        var images = [Float]()
        images.reserveCapacity(count * size * size)
        for label in labels {
            images += render(digit: label, size: size, style: style, using: &generator)
        }
        return LabelledImages(images: images, labels: labels, size: size)
    }

    /// Draws one image of `digit`, taking its random variation from `generator`.
    public static func render(digit: Int, size: Int = 16, style: Style = Style(),
                              using generator: inout SeededGenerator) -> [Float] {
        require((0...9).contains(digit), "DigitImages.render", "digit must be 0...9, got \(digit)")
        require(size >= 4, "DigitImages.render", "size must be at least 4 pixels, got \(size)")
        let pose = Pose(style: style, size: size, using: &generator)
        let segments = DigitStrokes.strokes(for: digit).flatMap { stroke -> [Segment] in
            let points = stroke.map { pose.place($0) }
            return zip(points, points.dropFirst()).map { Segment(a: $0, b: $1) }
        }
        let pixelsPerUnit = Double(size)
        let halfWidth = generator.uniform(style.thickness.lowerBound, style.thickness.upperBound)
            * Double(size) / 16 / 2
        let ink = generator.uniform(0.85, 1.0)
        var pixels = [Float](repeating: 0, count: size * size)
        for row in 0..<size {
            for column in 0..<size {
                let centre = StrokePoint((Double(column) + 0.5) / pixelsPerUnit,
                                         (Double(row) + 0.5) / pixelsPerUnit)
                var nearest = Double.infinity
                for segment in segments {
                    nearest = min(nearest, segment.distance(to: centre))
                }
                // Coverage falls from 1 to 0 over one pixel at the edge of the pen: anti-aliasing.
                let coverage = min(1, max(0, halfWidth + 0.5 - nearest * pixelsPerUnit))
                let value = ink * coverage + style.noise * generator.nextNormal()
                pixels[row * size + column] = Float(min(1, max(0, value)))
            }
        }
        return pixels
    }

    /// A random pose: a smooth warp, then scale and rotation about the centre, then a shift.
    private struct Pose {
        var warp: [(amplitude: Double, frequency: Double, phase: Double)] = []
        var cosine: Double
        var sine: Double
        var scale: Double
        var shiftX: Double
        var shiftY: Double

        init(style: Style, size: Int, using generator: inout SeededGenerator) {
            for _ in 0..<4 {
                warp.append((generator.uniform(-style.jitter, style.jitter),
                             generator.uniform(1.0, 2.5), generator.uniform(0, 2 * .pi)))
            }
            let angle = generator.uniform(-style.rotation, style.rotation)
            cosine = cos(angle)
            sine = sin(angle)
            scale = generator.uniform(style.scale.lowerBound, style.scale.upperBound)
            shiftX = generator.uniform(-style.shift, style.shift)
            shiftY = generator.uniform(-style.shift, style.shift)
        }

        func place(_ p: StrokePoint) -> StrokePoint {
            // Each coordinate is displaced by low-frequency waves of the other two, so strokes bend.
            let x = p.x + warp[0].amplitude * sin(.pi * warp[0].frequency * p.y + warp[0].phase)
                + warp[1].amplitude * sin(.pi * warp[1].frequency * p.x + warp[1].phase)
            let y = p.y + warp[2].amplitude * sin(.pi * warp[2].frequency * p.x + warp[2].phase)
                + warp[3].amplitude * sin(.pi * warp[3].frequency * p.y + warp[3].phase)
            let dx = (x - 0.5) * scale
            let dy = (y - 0.5) * scale
            return StrokePoint(0.5 + cosine * dx - sine * dy + shiftX,
                               0.5 + sine * dx + cosine * dy + shiftY)
        }
    }

    /// A straight piece of a stroke.
    private struct Segment {
        var a: StrokePoint
        var b: StrokePoint

        func distance(to p: StrokePoint) -> Double {
            let ux = b.x - a.x, uy = b.y - a.y
            let lengthSquared = ux * ux + uy * uy
            var t = 0.0
            if lengthSquared > 0 {
                t = min(1, max(0, ((p.x - a.x) * ux + (p.y - a.y) * uy) / lengthSquared))
            }
            let dx = a.x + t * ux - p.x, dy = a.y + t * uy - p.y
            return (dx * dx + dy * dy).squareRoot()
        }
    }
}
