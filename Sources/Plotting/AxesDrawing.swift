/// Drawing the frame of a cartesian plot: grid, spines, ticks, tick labels, axis labels and title.
extension Axes {
    /// Length of the tick marks, outside the plot area.
    static let tickLength = 5.0

    /// Draws grid lines under the data.
    func drawGrid(on canvas: inout Canvas) {
        for t in xTicks where t.label != nil {
            canvas.fill(Rect(x: pixelX(t.value).rounded(.down), y: plot.y, width: 1, height: plot.height), color: .grid)
        }
        for t in yTicks where t.label != nil {
            canvas.fill(Rect(x: plot.x, y: pixelY(t.value).rounded(.down), width: plot.width, height: 1), color: .grid)
        }
    }

    /// Draws spines, ticks, labels and title around the plot area (after the data).
    func drawFrame(on canvas: inout Canvas, text: AxesText) {
        canvas.clip = nil
        let p = plot, ink = RGB.ink
        canvas.fill(Rect(x: p.x - 1, y: p.y - 1, width: p.width + 2, height: 1), color: ink)
        canvas.fill(Rect(x: p.x - 1, y: p.maxY, width: p.width + 2, height: 1), color: ink)
        canvas.fill(Rect(x: p.x - 1, y: p.y, width: 1, height: p.height), color: ink)
        canvas.fill(Rect(x: p.maxX, y: p.y, width: 1, height: p.height), color: ink)
        let font = Font.tick
        for t in xTicks {
            let x = pixelX(t.value).rounded(.down)
            let length = t.label == nil ? Axes.tickLength * 0.6 : Axes.tickLength
            canvas.fill(Rect(x: x, y: p.maxY + 1, width: 1, height: length), color: ink)
            if let label = t.label {
                Axes.draw(label, at: Point(x + 0.5, p.maxY + 1 + Axes.tickLength + 5), font: font,
                          horizontal: 0.5, vertical: 10, on: &canvas)
            }
        }
        for t in yTicks {
            let y = pixelY(t.value).rounded(.down)
            let length = t.label == nil ? Axes.tickLength * 0.6 : Axes.tickLength
            canvas.fill(Rect(x: p.x - 1 - length, y: y, width: length, height: 1), color: ink)
            if let label = t.label {
                Axes.draw(label, at: Point(p.x - 1 - Axes.tickLength - 5, y + 0.5), font: font,
                          horizontal: 1, vertical: 5, on: &canvas)
            }
        }
        let labelFont = Font.label
        if !text.xLabel.isEmpty {
            let y = p.maxY + 1 + Axes.tickLength + 8 + font.capHeight + 14
            canvas.draw(text: text.xLabel, at: Point(p.x + p.width / 2, y), font: labelFont, anchor: .topCenter)
        }
        if !text.yLabel.isEmpty {
            canvas.draw(text: text.yLabel, at: Point(12, p.y + p.height / 2), font: labelFont,
                        anchor: .topCenter, rotation: .vertical)
        }
        if !text.title.isEmpty {
            canvas.draw(text: text.title, at: Point(p.x + p.width / 2, 14), font: .title, anchor: .topCenter)
        }
    }

    /// Draws a tick label (with a raised exponent for powers of ten) anchored like `TextAnchor`.
    static func draw(_ label: TickLabel, at point: Point, font: Font, horizontal: Double, vertical: Double,
                     on canvas: inout Canvas) {
        let left = point.x - labelWidth(label, font) * horizontal
        let anchor = TextAnchor(horizontal: 0, vertical: vertical)
        canvas.draw(text: label.text, at: Point(left, point.y), font: font, anchor: anchor)
        if let exponent = label.exponent {
            let baseline = point.y + vertical * font.unit
            let small = exponentFont(font)
            canvas.draw(text: exponent, at: Point(left + font.width(of: label.text), baseline - font.capHeight * 0.55),
                        font: small, anchor: .baselineLeft)
        }
    }
}
