import Foundation
import Testing
import TestSupport
@testable import Plotting

@Suite("Charts")
struct ChartTests {
    /// The axes mapping worked out from the plot rectangle and limits, independently of `Axes.pixel`.
    func expectedPixel(_ axes: Axes, _ x: Double, _ y: Double) -> (Double, Double) {
        func f(_ v: Double, _ r: ClosedRange<Double>, _ s: AxisScale) -> Double {
            s == .log ? (log(v) - log(r.lowerBound)) / (log(r.upperBound) - log(r.lowerBound))
                      : (v - r.lowerBound) / (r.upperBound - r.lowerBound)
        }
        return (axes.plot.x + f(x, axes.xLimits, axes.xScale) * axes.plot.width,
                axes.plot.maxY - f(y, axes.yLimits, axes.yScale) * axes.plot.height)
    }

    @Test("a line chart's segment passes through the pixels the axes mapping gives",
          arguments: [AxisScale.linear, .log])
    func lineThroughPoints(yScale: AxisScale) throws {
        var chart = LineChart(title: "Test", xLabel: "x", yLabel: "y", yScale: yScale, grid: false)
        let red = RGB(214, 39, 40)
        chart.add(series: "a", x: [1, 9], y: [2, 50], color: red)
        let path = scratchFolder() + "/line.png"
        try chart.write(to: path)
        let image = try PNGImage.read(path)
        let axes = try chart.axes()
        #expect(image.width == 800 && image.height == 500)
        #expect(image.pixel(x: 2, y: 2) == .white && image.pixel(x: 799, y: 499) == .white)
        let (x0, y0) = expectedPixel(axes, 1, 2), (x1, y1) = expectedPixel(axes, 9, 50)
        // On screen the segment is straight between the two mapped end points (for y log too, as
        // points along it are interpolated in pixel space); sample it away from the legend.
        for t in stride(from: 0.05, through: 0.6, by: 0.05) {
            let px = x0 + (x1 - x0) * t, py = y0 + (y1 - y0) * t
            let c = image.pixel(x: Int(px), y: Int(py))
            #expect(Int(c.r) > 180 && c.g < 110 && c.b < 110, "pixel (\(Int(px)), \(Int(py))) is \(c)")
        }
        // Far from the line, inside the plot: background.
        let (fx, fy) = expectedPixel(axes, 8, yScale == .log ? 2.5 : 5)
        #expect(image.pixel(x: Int(fx), y: Int(fy)) == .white)
    }

    @Test("the legend keeps off the data")
    func legendAvoidsData() throws {
        var chart = LineChart(title: "rising", grid: false)
        chart.add(series: "up", x: [0, 1, 2, 3], y: [0, 1, 2, 3])
        chart.add(series: "also up", x: [0, 1, 2, 3], y: [0.5, 1.5, 2.5, 3.5])
        // Data runs from lower left to upper right: the legend must go to the upper left.
        let axes = try chart.axes()
        let legend = Legend(entries: [LegendEntry(label: "up", color: .black, line: true, marker: .none)])
        let box = legend.placement(in: axes.plot, avoiding: [axes.pixel(3, 3.5), axes.pixel(0, 0)]).box
        #expect(box.x < axes.plot.x + axes.plot.width / 2 && box.y < axes.plot.y + axes.plot.height / 2)
    }

    @Test("tick labels put ink under each x tick and left of each y tick")
    func tickLabelsInk() throws {
        var chart = LineChart(title: "t", grid: false)
        chart.add(series: "", x: [0, 10], y: [0, 1])
        let c = try chart.render(), axes = try chart.axes()
        func hasInk(_ r: Rect) -> Bool {
            for y in Int(r.y)..<Int(r.maxY) { for x in Int(r.x)..<Int(r.maxX) where c.pixel(x: x, y: y).luminance < 0.6 { return true } }
            return false
        }
        for t in axes.xTicks where t.label != nil {
            let x = axes.pixelX(t.value)
            #expect(hasInk(Rect(x: x - 3, y: axes.plot.maxY + 10, width: 6, height: 14)), "no label under x tick \(t.value)")
        }
        for t in axes.yTicks where t.label != nil {
            let y = axes.pixelY(t.value)
            #expect(hasInk(Rect(x: axes.plot.x - 20, y: y - 3, width: 10, height: 6)), "no label beside y tick \(t.value)")
        }
        // Between the x tick labels, under the axis, the background shows.
        let ticks = axes.xTicks.filter { $0.label != nil }
        let mid = (axes.pixelX(ticks[0].value) + axes.pixelX(ticks[1].value)) / 2
        #expect(!hasInk(Rect(x: mid - 2, y: axes.plot.maxY + 8, width: 4, height: 14)))
    }

    @Test("a heatmap's brightest cell is the largest value, and the colour bar ends are the map's ends",
          arguments: [ColorMap.viridis, .grey])
    func heatmap(map: ColorMap) throws {
        let values: [[Double]] = [[0.1, 0.3, 0.2], [0.0, 0.4, 0.95], [0.5, 0.6, 0.25]]
        let hm = Heatmap(title: "h", values: values, rowLabels: ["<s>", "2", "-"], columnLabels: ["a", "b", "c"], colorMap: map)
        let path = scratchFolder() + "/heatmap.png"
        try hm.write(to: path)
        let image = try PNGImage.read(path), l = try hm.layout()
        #expect(image.width == l.width && image.height == l.height)
        var best = (x: 0, y: 0, lum: -1.0)
        for y in Int(l.grid.y)..<Int(l.grid.maxY) {
            for x in Int(l.grid.x)..<Int(l.grid.maxX) where image.pixel(x: x, y: y).luminance > best.lum {
                best = (x, y, image.pixel(x: x, y: y).luminance)
            }
        }
        #expect(l.cell(row: 1, column: 2).contains(Point(Double(best.x) + 0.5, Double(best.y) + 0.5)))
        let bar = l.colorBar
        let top = image.pixel(x: Int(bar.x + bar.width / 2), y: Int(bar.y))
        let bottom = image.pixel(x: Int(bar.x + bar.width / 2), y: Int(bar.maxY) - 1)
        let ends = map == .viridis ? (RGB(hex: 0xfde725), RGB(hex: 0x440154)) : (RGB.white, RGB.black)
        #expect(top == ends.0 && bottom == ends.1)
    }

    @Test("heatmap input errors name the problem")
    func heatmapErrors() {
        #expect(throws: PlotError.self) { try Heatmap(values: [[1, 2], [3]]).render() }
        #expect(throws: PlotError.self) { try Heatmap(values: [[1, 2]], rowLabels: ["a", "b"]).render() }
        #expect(throws: PlotError.self) { try Heatmap(values: []).render() }
        var chart = LineChart()
        chart.add(series: "s", x: [1, 2, 3], y: [1, 2])
        #expect(throws: PlotError.invalidInput(operation: "LineChart ''", reason: "series 's' has 3 x values but 2 y values")) {
            try chart.render()
        }
    }

    @Test("an image grid scales pixels up as sharp blocks")
    func imageGrid() throws {
        let image = (0..<16).map { Double($0) / 15 }        // 4×4 ramp, 0 to 1
        let grid = ImageGrid(title: "g", rows: [ImageRow(caption: "in", images: [image, image.reversed()], width: 4, height: 4)],
                             scale: 5)
        let c = try grid.render(), l = try grid.layout()
        for (i, img) in [image, Array(image.reversed())].enumerated() {
            let o = l.origins[0][i]
            for py in 0..<20 {
                for px in 0..<20 {
                    let v = UInt8((img[(py / 5) * 4 + px / 5] * 255).rounded())
                    #expect(c.pixel(x: Int(o.x) + px, y: Int(o.y) + py) == RGB(v, v, v))
                }
            }
        }
        #expect(throws: PlotError.self) { try ImageGrid(rows: [ImageRow(images: [[0, 1]], width: 4, height: 4)]).render() }
    }

    @Test("a scatter point is drawn in its class colour where the mapping puts it")
    func scatter() throws {
        var sc = ScatterPlot(title: "s", xLabel: "x", yLabel: "y")
        sc.add(class: "0", x: [0, 1, 2], y: [0, 1, 0])
        sc.add(class: "1", x: [3, 4], y: [3, 2])
        sc.opacity = 1
        let c = try sc.render(), axes = try sc.axes()
        let (x, y) = expectedPixel(axes, 1, 1), (x2, y2) = expectedPixel(axes, 4, 2)
        #expect(c.pixel(x: Int(x), y: Int(y)) == RGB.series(0))
        #expect(c.pixel(x: Int(x2), y: Int(y2)) == RGB.series(1))
    }

    @Test("the same chart gives byte-identical files")
    func deterministic() throws {
        func make() -> LineChart {
            var chart = LineChart(title: "Loss", xLabel: "step", yLabel: "loss", yScale: .log)
            chart.add(series: "train", x: (0..<100).map(Double.init), y: (0..<100).map { exp(-Double($0) / 30) + 0.01 })
            chart.add(series: "val", x: [0, 50, 99], y: [1, 0.3, 0.1], marker: .circle)
            return chart
        }
        let folder = scratchFolder()
        try make().write(to: folder + "/a.png")
        try make().write(to: folder + "/b.png")
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.png"))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.png"))
        #expect(a == b && a.count > 1000)
        let hm = Heatmap(values: [[1, 2], [3, 4]], annotate: true)
        try hm.write(to: folder + "/c.png"); try hm.write(to: folder + "/d.png")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/c.png")) == Data(contentsOf: URL(fileURLWithPath: folder + "/d.png")))
    }

    @Test("a figure can be written to a file URL")
    func writeURL() throws {
        let url = URL(fileURLWithPath: scratchFolder() + "/sub/grid.png")
        try ImageGrid(rows: [ImageRow(images: [[0, 1, 1, 0]], width: 2, height: 2)], scale: 3).write(to: url)
        let image = try PNGImage.read(url.path)
        #expect(image.pixel(x: 16, y: 16) == .black && image.pixel(x: 19, y: 16) == .white)
    }
}
