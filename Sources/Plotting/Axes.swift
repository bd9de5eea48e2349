import CMath

/// The plot area of a chart and the mapping from data values to pixels.
public struct Axes: Sendable, Equatable {
    /// The plot area in pixels (data is clipped to it).
    public let plot: Rect
    /// Scale of the x axis.
    public let xScale: AxisScale
    /// Scale of the y axis.
    public let yScale: AxisScale
    /// Data values at the left and right edges of the plot area.
    public let xLimits: ClosedRange<Double>
    /// Data values at the bottom and top edges of the plot area.
    public let yLimits: ClosedRange<Double>
    /// Ticks along x and y.
    let xTicks: [Tick], yTicks: [Tick]

    /// The horizontal pixel position of data value `x`.
    public func pixelX(_ x: Double) -> Double {
        plot.x + Axes.fraction(x, xLimits, xScale) * plot.width
    }

    /// The vertical pixel position of data value `y`.
    public func pixelY(_ y: Double) -> Double {
        plot.maxY - Axes.fraction(y, yLimits, yScale) * plot.height
    }

    /// The pixel position of the data point (x, y).
    public func pixel(_ x: Double, _ y: Double) -> Point { Point(pixelX(x), pixelY(y)) }

    /// Where `v` lies between the limits: 0 at the lower limit, 1 at the upper.
    static func fraction(_ v: Double, _ limits: ClosedRange<Double>, _ scale: AxisScale) -> Double {
        switch scale {
        case .linear: return (v - limits.lowerBound) / (limits.upperBound - limits.lowerBound)
        case .log: return (log10(v) - log10(limits.lowerBound)) / (log10(limits.upperBound) - log10(limits.lowerBound))
        }
    }

    /// Whether `v` can be drawn on an axis of this scale.
    static func isDrawable(_ v: Double, _ scale: AxisScale) -> Bool {
        v.isFinite && (scale == .linear || v > 0)
    }

    /// Axis limits around the data values: 5% margin each side (in log space on log axes).
    static func limits(_ values: [Double], _ scale: AxisScale) -> ClosedRange<Double> {
        let usable = values.filter { isDrawable($0, scale) }
        guard let lo = usable.min(), let hi = usable.max() else { return scale == .log ? 1...10 : 0...1 }
        switch scale {
        case .linear:
            if lo == hi { let d = lo == 0 ? 1 : abs(lo) * 0.1; return (lo - d)...(hi + d) }
            let pad = (hi - lo) * 0.05
            return (lo - pad)...(hi + pad)
        case .log:
            let a = log10(lo), b = log10(hi)
            if a == b { return pow(10, a - 0.5)...pow(10, b + 0.5) }
            let pad = (b - a) * 0.05
            return pow(10, a - pad)...pow(10, b + pad)
        }
    }
}

/// The text around a cartesian plot: title and axis labels.
struct AxesText: Sendable {
    var title: String
    var xLabel: String
    var yLabel: String
}

extension Axes {
    /// Lays out a figure of `width × height` pixels: ticks for the data, margins that fit the
    /// labels, and the plot area that remains; `reservedRight` pixels right of the plot are kept
    /// free (for a legend beside it).
    static func layout(width: Int, height: Int, text: AxesText, xValues: [Double], yValues: [Double],
                       xScale: AxisScale, yScale: AxisScale, reservedRight: Double = 0) -> Axes {
        let xLimits = limits(xValues, xScale), yLimits = limits(yValues, yScale)
        let tickFont = Font.tick, labelFont = Font.label, titleFont = Font.title
        let top = text.title.isEmpty ? 20 : (14 + titleFont.capHeight + 22).rounded()
        let bottom = (5 + 8 + tickFont.capHeight + (text.xLabel.isEmpty ? 0 : 16 + labelFont.capHeight) + 14).rounded()
        let plotHeight = Double(height) - top - bottom
        let yTicks = ticks(yLimits, yScale, maxCount: max(2, Int(plotHeight / 42)), length: plotHeight) { _ in tickFont.capHeight + 14 }
        let yLabelWidth = yTicks.compactMap(\.label).map { labelWidth($0, tickFont) }.max() ?? 0
        let left = (12 + (text.yLabel.isEmpty ? 0 : labelFont.capHeight + 14) + yLabelWidth + 8 + 5).rounded()
        var right = reservedRight > 0 ? reservedRight + 12 : 24.0
        let plotWidthGuess = Double(width) - left - right
        let xTicks = ticks(xLimits, xScale, maxCount: max(2, Int(plotWidthGuess / 60)), length: plotWidthGuess) {
            labelWidth($0, tickFont) + 14
        }
        if let last = xTicks.last(where: { $0.label != nil }), let label = last.label {
            let position = fraction(last.value, xLimits, xScale) * plotWidthGuess
            right = max(right, (labelWidth(label, tickFont) / 2 - (plotWidthGuess - position) + 8).rounded(.up))
        }
        let plot = Rect(x: left, y: top, width: Double(width) - left - right, height: plotHeight)
        return Axes(plot: plot, xScale: xScale, yScale: yScale, xLimits: xLimits, yLimits: yLimits,
                    xTicks: xTicks, yTicks: yTicks)
    }

    /// The ticks inside `limits`, with as many labels as fit along `length` pixels given each label's footprint.
    static func ticks(_ limits: ClosedRange<Double>, _ scale: AxisScale, maxCount: Int, length: Double,
                      footprint: (TickLabel) -> Double) -> [Tick] {
        var count = maxCount
        while true {
            let ticks: [Tick]
            switch scale {
            case .linear: ticks = TickMaker.linear(limits.lowerBound, limits.upperBound, maxCount: count)
            case .log: ticks = TickMaker.log(limits.lowerBound, limits.upperBound, maxLabels: count)
            }
            let labelled = ticks.filter { $0.label != nil }
            var fits = true
            for (a, b) in zip(labelled, labelled.dropFirst()) {
                let gap = (fraction(b.value, limits, scale) - fraction(a.value, limits, scale)) * length
                if gap < (footprint(a.label!) + footprint(b.label!)) / 2 { fits = false }
            }
            if fits || count <= 2 { return ticks }
            count -= 1
        }
    }

    /// The exponent font of power-of-ten labels.
    static func exponentFont(_ font: Font) -> Font { Font(size: font.size * 0.75) }

    /// Width in pixels of a tick label.
    static func labelWidth(_ label: TickLabel, _ font: Font) -> Double {
        font.width(of: label.text) + (label.exponent.map { exponentFont(font).width(of: $0) } ?? 0)
    }
}
