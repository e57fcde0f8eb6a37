internal import Foundation

/// The ticks shown along one axis: labelled major ticks and unlabelled minor ones.
struct AxisTicks {
    var values: [Double] = []
    var labels: [String] = []
    var minor: [Double] = []
}

/// Space between the edge of an axes' cell and its plot area, in points.
struct Margins: Equatable {
    var top = 0.0
    var left = 0.0
    var bottom = 0.0
    var right = 0.0
}

/// Where everything of one 2-D ``Axes`` goes inside the rectangle it is given.
struct AxesLayout {
    var plotArea: Rect
    var xMapping: AxisMapping
    var yMapping: AxisMapping
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    /// The margins actually used around the plot area.
    var margins: Margins
    var colorbar: ColorbarLayout?
    /// Where the legend's top-left corner goes when it is drawn outside the plot area (nil: inside).
    var outsideLegendOrigin: Point?

    /// The figure point of the data point `(x, y)`; not finite when a log axis cannot show it.
    func point(_ x: Double, _ y: Double) -> Point {
        Point(x: xMapping(x), y: yMapping(y))
    }
}

/// The data interval an axis shows.
///
/// Explicit limits win (a non-positive lower limit of a log axis is replaced by the smallest
/// positive data value). Otherwise the finite data (positive data on a log axis) are padded by
/// `margin` of their span on each side, measured in log space on a log axis, and then joined
/// with the `sticky` extents of grids such as contours and heatmaps, which are shown without
/// padding. Empty intervals are widened; with no data at all the interval is 0...1 (1...10 on
/// a log axis).
func viewInterval(limits: ClosedRange<Double>?, data: [Double], sticky: [Double] = [], scale: AxisScale = .linear,
                  margin: Double) -> (lower: Double, upper: Double) {
    let usable = { (v: Double) in v.isFinite && (scale == .linear || v > 0) }
    let values = data.filter(usable)
    let fixed = sticky.filter(usable)
    if let limits {
        if scale == .log && limits.lowerBound <= 0 {
            let smallest = (values + fixed).min() ?? 1
            return expandedLogIfDegenerate(smallest, max(smallest, limits.upperBound))
        }
        return scale == .log ? expandedLogIfDegenerate(limits.lowerBound, limits.upperBound)
            : expandedIfDegenerate(limits.lowerBound, limits.upperBound)
    }
    let transform = { (v: Double) in scale == .log ? log10(v) : v }
    let inverse = { (v: Double) in scale == .log ? pow(10, v) : v }
    var lower = Double.infinity
    var upper = -Double.infinity
    if let low = values.min(), let high = values.max() {
        let (a, b) = (transform(low), transform(high))
        let pad = (b - a) * margin
        lower = a - pad
        upper = b + pad
        if !(lower.isFinite && upper.isFinite) { (lower, upper) = (a, b) }
    }
    if let low = fixed.min(), let high = fixed.max() {
        lower = min(lower, transform(low))
        upper = max(upper, transform(high))
    }
    guard lower <= upper else { return scale == .log ? (1, 10) : (0, 1) }
    if scale == .log {
        let widened = upper - lower < 1e-9 ? (lower - 0.5, upper + 0.5) : (lower, upper)
        return (inverse(widened.0), inverse(widened.1))
    }
    return expandedIfDegenerate(lower, upper)
}

/// A log interval with equal ends widened to half a decade either side.
private func expandedLogIfDegenerate(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
    guard lower > 0, upper > 0 else { return (1, 10) }
    if upper / lower < 1 + 1e-9 { return (lower / 10.0.squareRoot(), upper * 10.0.squareRoot()) }
    return (lower, upper)
}

extension Axes {
    /// The x and y values that are padded by the data margin: points, areas and reference lines.
    var paddedData: (x: [Double], y: [Double]) {
        var xs: [Double] = []
        var ys: [Double] = []
        for line in series {
            for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite {
                xs.append(x)
                ys.append(y)
            }
        }
        for area in areas {
            xs += area.x
            ys += area.lower + area.upper
        }
        for line in referenceLines {
            if line.isVertical { xs.append(line.value) } else { ys.append(line.value) }
        }
        return (xs, ys)
    }

    /// The extents of grids, which are shown without padding. With `centres`, the extents of
    /// heatmaps are given by their outer cell centres instead, which is what their ticks label.
    func stickyData(centres: Bool = false) -> (x: [Double], y: [Double]) {
        var xs: [Double] = []
        var ys: [Double] = []
        for plot in contours {
            xs += [plot.grid.x.first, plot.grid.x.last].compactMap { $0 }
            ys += [plot.grid.y.first, plot.grid.y.last].compactMap { $0 }
        }
        for map in heatmaps {
            let halfWidth = centres ? (map.x.upperBound - map.x.lowerBound) / Double(2 * map.columns) : 0
            let halfHeight = centres ? (map.y.upperBound - map.y.lowerBound) / Double(2 * map.rows) : 0
            xs += [map.x.lowerBound + halfWidth, map.x.upperBound - halfWidth]
            ys += [map.y.lowerBound + halfHeight, map.y.upperBound - halfHeight]
        }
        return (xs, ys)
    }

    /// Lays the axes out inside `rect`, measuring text with `canvas`, keeping at least the
    /// `minimum` margins (used to line up the plot areas of a grid of subplots).
    ///
    /// The vertical margins depend only on which texts are present, so the y ticks are chosen
    /// first; their labels' width sets the left margin, which fixes the width available for the
    /// x ticks.
    ///
    /// The legend goes outside, on the right, when its position is ``LegendPosition/outside``, or
    /// ``LegendPosition/best`` and every place inside the plot area would cover data.
    func layout(in rect: Rect, canvas: CairoCanvas, style: Style, minimum: Margins = Margins()) -> AxesLayout {
        guard let size = legendSize(canvas: canvas, style: style) else {
            return layout(in: rect, canvas: canvas, style: style, minimum: minimum, outsideLegendWidth: nil)
        }
        if legendPosition == .best {
            let inside = layout(in: rect, canvas: canvas, style: style, minimum: minimum, outsideLegendWidth: nil)
            let inset = LegendMetrics(fontSize: style.legendFontSize).inset
            let obstacles = legendObstacles(inside, canvas: canvas, style: style)
            let best = bestLegendRect(size: size, in: inside.plotArea, inset: inset, obstacles: obstacles)
            if obstacles.badness(of: best) == 0 { return inside }
        } else if legendPosition != .outside {
            return layout(in: rect, canvas: canvas, style: style, minimum: minimum, outsideLegendWidth: nil)
        }
        return layout(in: rect, canvas: canvas, style: style, minimum: minimum, outsideLegendWidth: size.width)
    }

    /// The layout with a legend of width `outsideLegendWidth` outside the plot area on the right,
    /// or none there when it is nil.
    private func layout(in rect: Rect, canvas: CairoCanvas, style: Style, minimum: Margins,
                        outsideLegendWidth: Double?) -> AxesLayout {
        let padded = paddedData
        let sticky = stickyData()
        let centres = stickyData(centres: true)
        let xInterval = viewInterval(limits: xLimits, data: padded.x, sticky: sticky.x, scale: xScale,
                                     margin: style.dataMargin)
        let yInterval = viewInterval(limits: yLimits, data: padded.y, sticky: sticky.y, scale: yScale,
                                     margin: style.dataMargin)
        // Ticks are chosen to label the data; the padded view only bounds where they may go.
        let xData = viewInterval(limits: xLimits, data: padded.x, sticky: centres.x, scale: xScale, margin: 0)
        let yData = viewInterval(limits: yLimits, data: padded.y, sticky: centres.y, scale: yScale, margin: 0)
        let counting = (x: heatmaps.contains(where: \.countsColumns), y: heatmaps.contains(where: \.countsRows))

        canvas.setFont(size: style.tickFontSize)
        let tickTextHeight = canvas.capHeight
        canvas.setFont(size: style.labelFontSize)
        let labelHeight = canvas.lineHeight
        canvas.setFont(size: style.titleFontSize)
        let titleHeight = canvas.lineHeight

        var margins = Margins()
        margins.top = title == nil ? style.outerPad + tickTextHeight / 2 : style.outerPad + titleHeight + style.titlePad
        margins.bottom = style.outerPad + style.tickLength + style.tickLabelPad + tickTextHeight
        if xLabel != nil { margins.bottom += style.axisLabelPad + labelHeight }
        margins.top = max(margins.top, minimum.top)
        margins.bottom = max(margins.bottom, minimum.bottom)
        let plotTop = rect.minY + margins.top
        let plotBottom = max(plotTop + 1, rect.maxY - margins.bottom)
        let plotHeight = plotBottom - plotTop

        canvas.setFont(size: style.tickFontSize)
        let yTicks = axisTicks(yInterval, data: yData, integers: counting.y, scale: yScale, length: plotHeight, vertical: true, canvas: canvas, style: style)
        let widestYLabel = yTicks.labels.map(canvas.textWidth).max() ?? 0
        margins.left = style.outerPad + widestYLabel + style.tickLabelPad + style.tickLength
        if yLabel != nil { margins.left += labelHeight + style.axisLabelPad }

        var colorbarWidth = 0.0
        var colorbarPlan: (width: Double, barWidth: Double, positions: [Double], labels: [String])?
        if let request = colorbarRequest, let scale = lastColorScale {
            let plan = ColorbarLayout.plan(scale: scale, label: request.label, height: plotHeight,
                                           canvas: canvas, style: style)
            colorbarPlan = plan
            colorbarWidth = plan.width
        }

        // Room for a legend outside the plot area, to the right of any colorbar.
        let legendInset = LegendMetrics(fontSize: style.legendFontSize).inset
        let legendWidth = outsideLegendWidth.map { $0 + legendInset } ?? 0
        // The first and last x labels may stick out past the plot area by half their width.
        margins.right = style.outerPad + colorbarWidth + legendWidth
        var xTicks = AxisTicks()
        for _ in 0..<3 {
            margins.left = max(margins.left, minimum.left)
            margins.right = max(margins.right, minimum.right)
            let plotLeft = rect.minX + margins.left
            let plotRight = max(plotLeft + 1, rect.maxX - margins.right)
            let xMap = AxisMapping(scale: xScale, lower: xInterval.lower, upper: xInterval.upper,
                                   start: plotLeft, end: plotRight)
            canvas.setFont(size: style.tickFontSize)
            xTicks = axisTicks(xInterval, data: xData, integers: counting.x, scale: xScale, length: plotRight - plotLeft, vertical: false,
                               canvas: canvas, style: style)
            var neededRight = style.outerPad + colorbarWidth + legendWidth
            var neededLeft = margins.left
            if let last = xTicks.values.last, let label = xTicks.labels.last {
                let overhang = xMap(last) + canvas.textWidth(label) / 2 - plotRight
                neededRight = max(neededRight, overhang + style.outerPad / 2)
            }
            if let first = xTicks.values.first, let label = xTicks.labels.first {
                let overhang = plotLeft - (xMap(first) - canvas.textWidth(label) / 2)
                neededLeft = max(neededLeft, overhang + style.outerPad / 2)
            }
            if neededRight <= margins.right + 0.5 && neededLeft <= margins.left + 0.5 { break }
            margins.right = max(margins.right, neededRight)
            margins.left = max(margins.left, neededLeft)
        }
        let plotLeft = rect.minX + margins.left
        let plotRight = max(plotLeft + 1, rect.maxX - margins.right)
        let plotArea = Rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotHeight)
        var colorbar: ColorbarLayout?
        if let plan = colorbarPlan, let scale = lastColorScale {
            colorbar = ColorbarLayout(bar: Rect(x: plotArea.maxX + style.colorbarPad, y: plotArea.minY,
                                                width: plan.barWidth, height: plotArea.height),
                                      scale: scale, positions: plan.positions, labels: plan.labels,
                                      label: colorbarRequest?.label)
        }
        return AxesLayout(
            plotArea: plotArea,
            xMapping: AxisMapping(scale: xScale, lower: xInterval.lower, upper: xInterval.upper,
                                  start: plotArea.minX, end: plotArea.maxX),
            yMapping: AxisMapping(scale: yScale, lower: yInterval.lower, upper: yInterval.upper,
                                  start: plotArea.maxY, end: plotArea.minY),
            xTicks: xTicks, yTicks: yTicks, margins: margins, colorbar: colorbar,
            outsideLegendOrigin: outsideLegendWidth == nil ? nil
                : Point(x: plotArea.maxX + colorbarWidth + legendInset, y: plotArea.minY))
    }
}

/// The ticks of one axis `length` points long showing `interval`, with labels that do not
/// overlap: by the extended Wilkinson algorithm on a linear axis (labelling the `data` range,
/// with every tick inside the interval, whole numbers only if `integers`), by decades on a log
/// axis. The current font of `canvas` must be the tick font.
func axisTicks(_ interval: (lower: Double, upper: Double), data: (lower: Double, upper: Double),
               integers: Bool = false, scale: AxisScale,
               length: Double, vertical: Bool, canvas: CairoCanvas, style: Style) -> AxisTicks {
    let textHeight = canvas.capHeight
    let mapping = AxisMapping(scale: scale, lower: interval.lower, upper: interval.upper, start: 0, end: length)
    /// Whether labels at these values keep at least the tick label gap between neighbours.
    let fits = { (values: [Double], labels: [String]) -> Bool in
        guard values.count >= 2 else { return true }
        let widths = vertical ? [] : labels.map(canvas.textWidth)
        for k in 1..<values.count {
            let spacing = abs(mapping(values[k]) - mapping(values[k - 1]))
            let needed = vertical ? textHeight + style.tickLabelGap / 2
                : (widths[k] + widths[k - 1]) / 2 + style.tickLabelGap
            if spacing < needed { return false }
        }
        return true
    }
    if scale == .log {
        return logTicks(lower: interval.lower, upper: interval.upper, fits: fits)
    }
    let spacing = vertical ? style.tickSpacingY : style.tickSpacingX
    let target = max(2, min(vertical ? style.maximumTicksY : style.maximumTicksX, Int((length / spacing).rounded()) + 1))
    let view = interval.lower...interval.upper
    let dataSpan = data.upper - data.lower
    // Data much narrower than the view (a point among padding) is labelled over the whole view.
    let labelled = dataSpan > (interval.upper - interval.lower) * 0.2 ? data : interval
    var values = ExtendedTicks.ticks(lower: labelled.lower, upper: labelled.upper, target: target,
                                     within: view, integers: integers) { fits($0, formatTickLabels($0)) }
    if values.isEmpty {
        // Not even two labels fit: show one, which cannot overlap anything.
        values = Array(ExtendedTicks.ticks(lower: interval.lower, upper: interval.upper, target: 2,
                                           within: view).prefix(1))
    }
    return AxisTicks(values: values, labels: formatTickLabels(values))
}
