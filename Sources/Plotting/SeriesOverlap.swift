/// Finding the series of a line chart that lie under later ones, so that their covered stretches
/// can be drawn wider and stay visible around what covers them.
enum SeriesOverlap {
    /// How one series is covered by later ones.
    struct Cover: Sendable, Equatable {
        /// 0 when no later series covers it, otherwise one more than the deepest series covering it.
        var depth: Int
        /// The segments of its polylines that lie under the series covering it.
        var segments: [[Point]]
        /// Its points (where markers go) that lie under the series covering it.
        var points: [Point]
    }

    /// The share of a series' length that, lying under a later series, makes it count as covered.
    static let coveredShare = 0.25
    /// The length in pixels that, lying under a later series, makes a series count as covered.
    static let coveredLength = 120.0

    /// For each series (its polylines in pixels, in drawing order), how many layers of later
    /// series cover it and which of its stretches lie under them.
    ///
    /// A series is covered by a later one when at least `coveredShare` of the points sampled every
    /// 2 pixels along it, or `coveredLength` pixels of it, fall on pixels the later series' stroke
    /// (`lineWidth` + 2 wide, markers of `markerSize` + 2 included) would paint.
    static func covers(of series: [[[Point]]], markers: [Marker], lineWidth: Double, markerSize: Double,
                       width: Int, height: Int) -> [Cover] {
        var covers = series.map { _ in Cover(depth: 0, segments: [], points: []) }
        guard series.count > 1 else { return covers }
        let footprints = zip(series, markers).map { pieces, marker in
            footprint(pieces, marker: marker, lineWidth: lineWidth, markerSize: markerSize, width: width, height: height)
        }
        func index(_ p: Point) -> Int? {
            p.x >= 0 && p.y >= 0 && Int(p.x) < width && Int(p.y) < height ? Int(p.y) * width + Int(p.x) : nil
        }
        for i in stride(from: series.count - 2, through: 0, by: -1) {
            var pixels: [Int] = []
            for piece in series[i] {
                let points: [Point] = piece.count == 1 ? piece : LineChart.samples(along: piece, every: 2)
                pixels += points.compactMap(index)
            }
            guard !pixels.isEmpty else { continue }
            let needed = min(coveredShare * Double(pixels.count), coveredLength / 2)
            var above = [Bool](repeating: false, count: width * height)
            for j in (i + 1)..<series.count {
                var covered = 0
                for pixel in pixels where footprints[j][pixel] { covered += 1 }
                guard Double(covered) >= needed else { continue }
                covers[i].depth = max(covers[i].depth, covers[j].depth + 1)
                for k in above.indices where footprints[j][k] { above[k] = true }
            }
            guard covers[i].depth > 0 else { continue }
            // The stretches under the covering series: segments at least half under them, and points.
            for piece in series[i] {
                for (a, b) in zip(piece, piece.dropFirst()) {
                    let samples = LineChart.samples(along: [a, b], every: 2).compactMap(index)
                    if 2 * samples.filter({ above[$0] }).count >= samples.count { covers[i].segments.append([a, b]) }
                }
                covers[i].points += piece.filter { index($0).map { above[$0] } ?? false }
            }
        }
        return covers
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
