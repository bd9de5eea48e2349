import Plotting
import Foundation
let steps = (0...200).map { Double($0 * 10) }
let train = steps.map { 2.3 * exp(-$0 / 300) + 0.02 + 0.01 * sin($0 / 7) }
let val = steps.map { 2.3 * exp(-$0 / 350) + 0.06 }
var chart = LineChart(title: "Training loss", xLabel: "step", yLabel: "loss", yScale: .log)
chart.add(series: "train", x: steps, y: train)
chart.add(series: "validation", x: Array(steps.enumerated().filter { $0.offset % 20 == 0 }.map(\.element)), y: Array(val.enumerated().filter { $0.offset % 20 == 0 }.map(\.element)), marker: .circle)
try chart.write(to: "/tmp/g/line.png")
var lin = LineChart(title: "sin and cos", xLabel: "x (radians)", yLabel: "f(x)")
let xs = (0...100).map { Double($0) * 0.1 - 3 }
lin.add(series: "sin", x: xs, y: xs.map(sin)); lin.add(series: "cos", x: xs, y: xs.map(cos), marker: .square)
try lin.write(to: "/tmp/g/lin.png")
