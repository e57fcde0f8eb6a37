/// A linear map from a data interval onto a stretch of figure coordinates.
struct LinearScale {
    var lower: Double
    var upper: Double
    /// Where `lower` lands (left edge, or bottom edge for a vertical axis).
    var start: Double
    /// Where `upper` lands (right edge, or top edge for a vertical axis).
    var end: Double

    func callAsFunction(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// Whether `value` lies within the interval, allowing for rounding error.
    func contains(_ value: Double) -> Bool {
        let slack = (upper - lower) * 1e-9
        return value >= lower - slack && value <= upper + slack
    }
}

/// The ticks shown along one axis, with their labels.
struct AxisTicks {
    var values: [Double] = []
    var labels: [String] = []
}

/// Where everything of one ``Axes`` goes inside the rectangle it is given.
struct AxesLayout {
    var plotArea: Rect
    var xScale: LinearScale
    var yScale: LinearScale
    var xTicks: AxisTicks
    var yTicks: AxisTicks

    func point(_ x: Double, _ y: Double) -> Point {
        Point(x: xScale(x), y: yScale(y))
    }
}

/// The data interval an axis shows: the explicit limits if set, otherwise the finite data
/// padded by `margin` of its span on each side. Empty intervals are widened; with no finite
/// data at all the interval is 0...1.
func viewInterval(limits: ClosedRange<Double>?, data: [Double], margin: Double) -> (lower: Double, upper: Double) {
    if let limits { return expandedIfDegenerate(limits.lowerBound, limits.upperBound) }
    var lower = Double.infinity
    var upper = -Double.infinity
    for value in data where value.isFinite {
        lower = min(lower, value)
        upper = max(upper, value)
    }
    guard lower <= upper else { return (0, 1) }
    let expanded = expandedIfDegenerate(lower, upper)
    if expanded.lower != lower || expanded.upper != upper { return expanded }
    let pad = (upper - lower) * margin
    let padded = (lower - pad, upper + pad)
    return padded.0.isFinite && padded.1.isFinite ? padded : (lower, upper)
}

extension Axes {
    /// The x and y values of all points that would be drawn.
    var finiteData: (x: [Double], y: [Double]) {
        var xs: [Double] = []
        var ys: [Double] = []
        for line in series {
            for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite {
                xs.append(x)
                ys.append(y)
            }
        }
        return (xs, ys)
    }

    /// Lays the axes out inside `rect`, measuring text with `canvas`.
    ///
    /// The vertical margins depend only on which texts are present, so the y ticks are
    /// chosen first; their labels' width sets the left margin, which fixes the width
    /// available for the x ticks.
    func layout(in rect: Rect, canvas: CairoCanvas, style: Style) -> AxesLayout {
        let data = finiteData
        let xInterval = viewInterval(limits: xLimits, data: data.x, margin: style.dataMargin)
        let yInterval = viewInterval(limits: yLimits, data: data.y, margin: style.dataMargin)

        canvas.setFont(size: style.tickFontSize)
        let tickTextHeight = canvas.capHeight
        canvas.setFont(size: style.labelFontSize)
        let labelHeight = canvas.lineHeight
        canvas.setFont(size: style.titleFontSize)
        let titleHeight = canvas.lineHeight

        var top = style.outerPad + tickTextHeight / 2
        if title != nil { top = style.outerPad + titleHeight + style.titlePad }
        var bottom = style.outerPad + style.tickLength + style.tickLabelPad + tickTextHeight
        if xLabel != nil { bottom += style.axisLabelPad + labelHeight }
        let plotTop = rect.minY + top
        let plotBottom = max(plotTop + 1, rect.maxY - bottom)

        canvas.setFont(size: style.tickFontSize)
        let yTicks = chooseTicks(yInterval, length: plotBottom - plotTop) { _, spacing in
            spacing >= tickTextHeight + style.tickLabelGap
        }
        let widestYLabel = yTicks.labels.map(canvas.textWidth).max() ?? 0
        var left = style.outerPad + widestYLabel + style.tickLabelPad + style.tickLength
        if yLabel != nil { left += labelHeight + style.axisLabelPad }
        let plotLeft = rect.minX + left

        let fitsX = { (labels: [String], spacing: Double) -> Bool in
            let widest = labels.map(canvas.textWidth).max() ?? 0
            return spacing >= widest + style.tickLabelGap
        }
        // The last x label may stick out past the plot area by half its width.
        var right = style.outerPad
        var xTicks = AxisTicks()
        for _ in 0..<2 {
            let plotRight = max(plotLeft + 1, rect.maxX - right)
            xTicks = chooseTicks(xInterval, length: plotRight - plotLeft, fits: fitsX)
            let overhang = (xTicks.labels.last.map(canvas.textWidth) ?? 0) / 2 + style.outerPad / 2
            let needed = max(style.outerPad, overhang)
            if needed <= right { break }
            right = needed
        }
        let plotRight = max(plotLeft + 1, rect.maxX - right)

        let plotArea = Rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop)
        return AxesLayout(
            plotArea: plotArea,
            xScale: LinearScale(lower: xInterval.lower, upper: xInterval.upper,
                                start: plotArea.minX, end: plotArea.maxX),
            yScale: LinearScale(lower: yInterval.lower, upper: yInterval.upper,
                                start: plotArea.maxY, end: plotArea.minY),
            xTicks: xTicks,
            yTicks: yTicks)
    }
}

/// The ticks inside `interval` for an axis `length` points long: as many as the nice-number
/// algorithm suggests, reduced until `fits(labels, spacing)` says the labels do not collide.
func chooseTicks(_ interval: (lower: Double, upper: Double), length: Double,
                 fits: ([String], Double) -> Bool) -> AxisTicks {
    let scale = LinearScale(lower: interval.lower, upper: interval.upper, start: 0, end: length)
    var result = AxisTicks()
    let initialTarget = min(9, max(2, Int(length / 50)))
    for target in stride(from: initialTarget, through: 2, by: -1) {
        let all = niceTicks(min: interval.lower, max: interval.upper, targetCount: target)
        guard all.count >= 2 else { return result }
        let labels = formatTickLabels(all)
        let visible = all.indices.filter { scale.contains(all[$0]) }
        result = AxisTicks(values: visible.map { all[$0] }, labels: visible.map { labels[$0] })
        let spacing = abs(scale(all[1]) - scale(all[0]))
        if fits(result.labels, spacing) { break }
    }
    return result
}
