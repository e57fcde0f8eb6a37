extension Axes {
    /// Shows a colorbar right of the plot: the colours of the last contour, heatmap or surface
    /// added to these axes, with ticks that say which value each colour stands for.
    ///
    /// For filled contours the bar shows one block per band, evenly sized, with the levels as
    /// ticks; otherwise it shows the colour map continuously over the data's range.
    ///
    /// - Parameter label: The name of the mapped quantity, drawn along the bar, or nil for none.
    public func colorbar(label: String? = nil) {
        setColorbar(ColorbarRequest(label: label))
    }
}

/// A colorbar asked for with ``Axes/colorbar(label:)``.
struct ColorbarRequest {
    var label: String?
}

/// Where a colorbar goes and what it shows.
struct ColorbarLayout {
    /// The coloured bar itself.
    var bar: Rect
    var scale: ColorScale
    /// Tick positions as fractions of the bar's height from the bottom, with their labels.
    var positions: [Double]
    var labels: [String]
    var label: String?

    /// The horizontal space a colorbar beside a plot area of `height` points needs, and its
    /// ticks: the gap, the bar, the tick labels and the rotated label.
    static func plan(scale: ColorScale, label: String?, height: Double, canvas: CairoCanvas,
                     style: Style) -> (width: Double, barWidth: Double, positions: [Double], labels: [String]) {
        canvas.setFont(size: style.tickFontSize)
        let textHeight = canvas.capHeight
        let ticks = colorbarTicks(scale: scale, height: height, minimumSpacing: textHeight + style.tickLabelGap / 2)
        let widest = ticks.labels.map(canvas.textWidth).max() ?? 0
        let barWidth = min(style.colorbarMaxWidth, max(8, height / 20))
        var width = style.colorbarPad + barWidth + style.tickLength + style.tickLabelPad + widest
        if label != nil {
            canvas.setFont(size: style.labelFontSize)
            width += style.axisLabelPad + canvas.lineHeight
        }
        return (width, barWidth, ticks.positions, ticks.labels)
    }

    /// Tick positions (fractions of the bar from the bottom) and labels, at least
    /// `minimumSpacing` points apart on a bar `height` points tall.
    static func colorbarTicks(scale: ColorScale, height: Double,
                              minimumSpacing: Double) -> (positions: [Double], labels: [String]) {
        if let levels = scale.levels, levels.count >= 2 {
            let bands = Double(levels.count - 1)
            var every = 1
            while every < levels.count && height / bands * Double(every) < minimumSpacing { every += 1 }
            let chosen = levels.indices.filter { $0 % every == 0 }
            let values = chosen.map { levels[$0] }
            return (chosen.map { Double($0) / bands }, levelLabels(values))
        }
        let low = scale.range.lowerBound
        let high = scale.range.upperBound
        guard high > low else { return ([0.5], formatTickLabels([low])) }
        let target = max(2, min(8, Int(height / 60) + 1))
        let values = ExtendedTicks.ticks(lower: low, upper: high, target: target, within: low...high) { values in
            guard values.count >= 2 else { return true }
            return height * (values[1] - values[0]) / (high - low) >= minimumSpacing
        }
        return (values.map { (($0 - low) / (high - low)) }, formatTickLabels(values))
    }

    /// Draws the bar, its frame, ticks and labels.
    func draw(canvas: CairoCanvas, style: Style) {
        if let levels = scale.levels, levels.count >= 2 {
            let bands = levels.count - 1
            for band in 0..<bands {
                let top = bar.maxY - bar.height * Double(band + 1) / Double(bands)
                canvas.fill(Rect(x: bar.minX, y: top, width: bar.width, height: bar.height / Double(bands)),
                            with: scale.colorMap.color(at: ColorScale.bandPosition(band, bandCount: bands)))
            }
        } else {
            let steps = 256
            let pixels = (0..<steps).map { row in
                packedPixel(scale.colorMap.components(at: 1 - Double(row) / Double(steps - 1)))
            }
            canvas.drawImage(pixels: pixels, width: 1, height: steps, in: bar, smooth: false)
        }
        let frame = Rect(x: canvas.snap(bar.minX, lineWidth: style.frameWidth),
                         y: canvas.snap(bar.minY, lineWidth: style.frameWidth),
                         width: (bar.width).rounded(), height: (bar.height).rounded())
        canvas.setColor(style.frameColor)
        canvas.setLineWidth(style.frameWidth)
        canvas.addRectangle(frame)
        canvas.stroke()

        canvas.setFont(size: style.tickFontSize)
        let tickStart = frame.maxX
        var widest = 0.0
        for (position, text) in zip(positions, labels) {
            let y = canvas.snap(bar.maxY - position * bar.height, lineWidth: style.tickWidth)
            canvas.strokeLine(from: Point(x: tickStart, y: y), to: Point(x: tickStart + style.tickLength, y: y),
                              color: style.frameColor, width: style.tickWidth)
            canvas.drawText(text, at: Point(x: tickStart + style.tickLength + style.tickLabelPad, y: y),
                            horizontal: .left, vertical: .center, color: style.textColor)
            widest = max(widest, canvas.textWidth(text))
        }
        if let label {
            canvas.setFont(size: style.labelFontSize)
            let x = tickStart + style.tickLength + style.tickLabelPad + widest + style.axisLabelPad
            canvas.drawText(label, at: Point(x: x, y: bar.midY), horizontal: .center, vertical: .top,
                            angle: Double.pi / 2, color: style.textColor)
        }
    }
}

/// Labels for contour levels: as evenly spaced ticks when they are, otherwise each value with
/// up to six significant digits.
func levelLabels(_ values: [Double]) -> [String] {
    guard values.count >= 2 else { return values.map { formatTickLabel($0, step: 0, scientific: false) } }
    let step = values[1] - values[0]
    let even = zip(values, values.dropFirst()).allSatisfy { abs(($1 - $0) - step) <= abs(step) * 1e-6 }
    if even { return formatTickLabels(values) }
    let largest = values.map(abs).max() ?? 0
    let scientific = largest >= 1e6 || (largest > 0 && largest < 1e-4)
    return values.map { formatTickLabel($0, step: 0, scientific: scientific) }
}
