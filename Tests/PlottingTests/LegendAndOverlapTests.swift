import Testing
@testable import Plotting

/// The legend never hides data, and a series drawn exactly under another stays visible.
@Suite("Legend placement and overlapping series")
struct LegendAndOverlapTests {
    /// How far a pixel is from white in its most saturated channel.
    func strength(_ c: RGB) -> Int { 255 - Int(min(c.r, c.g, c.b)) }

    @Test("a scatter plot whose points fill every corner keeps its legend off every point")
    func legendOffPointsThatFillThePlot() throws {
        var plot = ScatterPlot(title: "points everywhere", xLabel: "x", yLabel: "y")
        plot.opacity = 1
        // A 25 × 25 grid over the unit square in three interleaved classes: no corner is empty.
        for k in 0..<3 {
            let cells = (0..<625).filter { $0 % 3 == k }
            plot.add(class: "class \(k)", x: cells.map { Double($0 % 25) / 24 }, y: cells.map { Double($0 / 25) / 24 })
        }
        let canvas = try plot.render(), axes = try plot.axes()
        var hidden: [String] = []
        for (k, c) in plot.classes.enumerated() {
            for (x, y) in zip(c.x, c.y) {
                let p = axes.pixel(x, y)
                // The centre pixel of every marker keeps its class colour (a legend over it would
                // blend it towards white, or cover it with text).
                if canvas.pixel(x: Int(p.x), y: Int(p.y)) != RGB.series(k) { hidden.append("(\(x), \(y))") }
            }
        }
        #expect(hidden.isEmpty, "\(hidden.count) of 625 points are covered, e.g. \(hidden.prefix(5))")
    }

    @Test("a line chart with a free corner still puts its legend inside the plot")
    func legendInsideWhenThereIsRoom() throws {
        var chart = LineChart(title: "rising", grid: false)
        chart.add(series: "up", x: [0, 1, 2, 3], y: [0, 1, 2, 3])
        chart.add(series: "also up", x: [0, 1, 2, 3], y: [0.5, 1.5, 2.5, 3.5])
        var single = LineChart(title: "rising", grid: false)
        single.add(series: "", x: [0, 1, 2, 3], y: [0, 1, 2, 3.5])
        // Same plot area as a chart without a legend: nothing was reserved beside it.
        #expect(try chart.axes().plot == single.axes().plot)
    }

    @Test("a series drawn exactly under a later one stays visible along its whole length")
    func coveredSeriesStaysVisible() throws {
        var chart = LineChart(title: "two equal series", grid: false)
        let x = (0...20).map(Double.init), y = x.map { 0.2 * $0 * $0 }
        chart.add(series: "first", x: x, y: y)
        chart.add(series: "second, identical", x: x, y: y)
        let canvas = try chart.render(), axes = try chart.axes()
        let first = RGB.series(0), second = RGB.series(1)
        func near(_ a: RGB, _ b: RGB) -> Bool {
            abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b)) < 60
        }
        // In every column of the middle of the plot, both colours appear within 8 pixels of the curve.
        var columnsWithBoth = 0, columns = 0
        for xi in stride(from: 2.0, through: 18, by: 0.25) {
            let p = axes.pixel(xi, 0.2 * xi * xi)
            columns += 1
            var sawFirst = false, sawSecond = false
            for dy in -8...8 {
                for dx in -1...1 {
                    let c = canvas.pixel(x: Int(p.x) + dx, y: Int(p.y) + dy)
                    if near(c, first) { sawFirst = true }
                    if near(c, second) { sawSecond = true }
                }
            }
            if sawFirst && sawSecond { columnsWithBoth += 1 }
        }
        #expect(columnsWithBoth == columns, "both series visible in \(columnsWithBoth) of \(columns) columns")
    }

    @Test("series that merely cross are drawn at their normal width")
    func crossingSeriesAreNotWidened() throws {
        var chart = LineChart(title: "crossing", grid: false)
        chart.add(series: "up", x: [0, 10], y: [0, 10])
        chart.add(series: "down", x: [0, 10], y: [10, 0])
        let axes = try chart.axes()
        let pieces = chart.series.map { chart.pieces(of: $0, on: axes) }
        let covers = SeriesOverlap.covers(of: pieces, markers: [.none, .none], lineWidth: 2, markerSize: 7,
                                          width: chart.width, height: chart.height)
        #expect(covers.map(\.depth) == [0, 0])
    }

    @Test("only the stretch of a series that lies under a later one is widened")
    func onlyTheCoveredStretchIsWidened() throws {
        var chart = LineChart(title: "partly shared", grid: false)
        chart.add(series: "long", x: [0, 5, 10], y: [0, 5, 10])
        chart.add(series: "short, on top of the first half", x: [0, 5], y: [0, 5])
        let axes = try chart.axes()
        let pieces = chart.series.map { chart.pieces(of: $0, on: axes) }
        let covers = SeriesOverlap.covers(of: pieces, markers: [.none, .none], lineWidth: 2, markerSize: 7,
                                          width: chart.width, height: chart.height)
        #expect(covers[0].depth == 1 && covers[1].depth == 0)
        #expect(covers[0].segments == [[axes.pixel(0, 0), axes.pixel(5, 5)]])
    }
}
