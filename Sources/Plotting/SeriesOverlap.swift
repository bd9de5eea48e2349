/// Finding the series of a line chart that lie under later ones, so that they can be drawn wider
/// and stay visible around what covers them.
enum SeriesOverlap {
    /// The share of a series' length that, lying under a later series, makes it count as covered.
    static let coveredShare = 0.25
    /// The length in pixels that, lying under a later series, makes a series count as covered.
    static let coveredLength = 120.0

    /// For each series (its polylines in pixels, in drawing order), how many layers of later
    /// series cover it: 0 when none does, otherwise one more than the deepest series covering it.
    ///
    /// A series is covered by a later one when at least `coveredShare` of the points sampled every
    /// 2 pixels along it, or `coveredLength` pixels of it, fall on pixels the later series' stroke
    /// (`lineWidth` + 2 wide, markers of `markerSize` + 2 included) would paint.
    static func depths(of series: [[[Point]]], markers: [Marker], lineWidth: Double, markerSize: Double,
                       width: Int, height: Int) -> [Int] {
        guard series.count > 1 else { return series.map { _ in 0 } }
        let footprints = zip(series, markers).map { pieces, marker in
            footprint(pieces, marker: marker, lineWidth: lineWidth, markerSize: markerSize, width: width, height: height)
        }
        var depths = [Int](repeating: 0, count: series.count)
        for i in stride(from: series.count - 2, through: 0, by: -1) {
            var pixels: [Int] = []
            for piece in series[i] {
                let points: [Point] = piece.count == 1 ? piece : LineChart.samples(along: piece, every: 2)
                for p in points where p.x >= 0 && p.y >= 0 && Int(p.x) < width && Int(p.y) < height {
                    pixels.append(Int(p.y) * width + Int(p.x))
                }
            }
            guard !pixels.isEmpty else { continue }
            let needed = min(coveredShare * Double(pixels.count), coveredLength / 2)
            for j in (i + 1)..<series.count {
                var covered = 0
                for pixel in pixels where footprints[j][pixel] { covered += 1 }
                if Double(covered) >= needed { depths[i] = max(depths[i], depths[j] + 1) }
            }
        }
        return depths
    }

    /// The pixels a series paints, as a row-major mask of the figure.
    static func footprint(_ pieces: [[Point]], marker: Marker, lineWidth: Double, markerSize: Double,
                          width: Int, height: Int) -> [Bool] {
        var scratch = Canvas(width: width, height: height)
        scratch.stroke(polylines: pieces.filter { $0.count > 1 }, color: .black, width: lineWidth + 2)
        for p in pieces.joined() { marker.draw(at: p, color: .black, size: markerSize + 2, on: &scratch) }
        return (0..<(width * height)).map { scratch.rgb[3 * $0] < 128 }
    }
}
