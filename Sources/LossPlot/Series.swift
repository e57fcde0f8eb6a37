extension Axes {
    /// Adds a line through the points `(x[i], y[i])`, optionally with a marker at each point.
    ///
    /// Points where either coordinate is NaN or infinite (or not positive on a log axis) are
    /// skipped, and the line is broken there rather than joined across the gap; a point with no
    /// neighbours is drawn as a dot.
    ///
    /// ```swift
    /// figure.axes.plot(steps, trainLoss, label: "train")
    /// figure.axes.plot(steps, testLoss, label: "test", lineStyle: .dashed)
    /// figure.axes.plot(path.map(\.x), path.map(\.y), color: .white, marker: .circle)
    /// ```
    ///
    /// - Parameters:
    ///   - x: The horizontal coordinates.
    ///   - y: The vertical coordinates; there must be as many as there are `x` values.
    ///   - label: The name shown for this series in the legend. The legend appears as soon
    ///     as one series has a label.
    ///   - color: The line colour; by default the next colour of ``Color/cycle``.
    ///   - lineWidth: The line width in points (pixels at scale 1).
    ///   - lineStyle: Solid (the default), dashed, dotted or dash-dotted.
    ///   - marker: A symbol drawn at every point, or nil (the default) for none.
    ///   - markerSize: The marker's width in points.
    public func plot(_ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil,
                     lineWidth: Double = 2, lineStyle: LineStyle = .solid,
                     marker: Marker? = nil, markerSize: Double = 7) {
        precondition(x.count == y.count,
                     "plot needs as many x values as y values, but got \(x.count) x values and \(y.count) y values.")
        precondition(lineWidth.isFinite && lineWidth > 0, "plot needs a positive lineWidth, but got \(lineWidth).")
        precondition(markerSize.isFinite && markerSize > 0, "plot needs a positive markerSize, but got \(markerSize).")
        add(Series(x: x, y: y, label: label, color: resolveColor(color), lineWidth: lineWidth,
                   lineStyle: lineStyle, marker: marker, markerSize: markerSize))
    }

    /// Adds a marker at each point `(x[i], y[i])`, without a connecting line.
    ///
    /// Points with a NaN or infinite coordinate (or a non-positive one on a log axis) are skipped.
    ///
    /// - Parameters:
    ///   - x: The horizontal coordinates.
    ///   - y: The vertical coordinates; there must be as many as there are `x` values.
    ///   - label: The name shown for these points in the legend.
    ///   - color: The marker colour; by default the next colour of ``Color/cycle``.
    ///   - marker: The symbol; a filled circle by default.
    ///   - size: The marker's width in points.
    public func scatter(_ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil,
                        marker: Marker = .circle, size: Double = 7) {
        precondition(x.count == y.count,
                     "scatter needs as many x values as y values, but got \(x.count) x values and \(y.count) y values.")
        precondition(size.isFinite && size > 0, "scatter needs a positive size, but got \(size).")
        add(Series(x: x, y: y, label: label, color: resolveColor(color), lineWidth: 0,
                   lineStyle: nil, marker: marker, markerSize: size))
    }

    /// Fills the area between two curves over the same `x` values, such as a band of one
    /// standard deviation around a mean, or one layer of a stacked plot.
    ///
    /// ```swift
    /// figure.axes.fillBetween(steps, mean.map { $0 - sd }, mean.map { $0 + sd }, opacity: 0.25)
    /// ```
    ///
    /// - Parameters:
    ///   - x: The horizontal coordinates, in order.
    ///   - lower: The bottom curve; as many values as `x`.
    ///   - upper: The top curve; as many values as `x`.
    ///   - label: The name shown for the area in the legend.
    ///   - color: The fill colour; by default the next colour of ``Color/cycle``.
    ///   - opacity: From 0 (invisible) to 1 (opaque); 0.3 lets lines and the grid show through.
    public func fillBetween(_ x: [Double], _ lower: [Double], _ upper: [Double], label: String? = nil,
                            color: Color? = nil, opacity: Double = 0.3) {
        precondition(x.count == lower.count && x.count == upper.count,
                     "fillBetween needs as many lower and upper values as x values, but got \(x.count) x, "
                        + "\(lower.count) lower and \(upper.count) upper values.")
        precondition((0...1).contains(opacity), "fillBetween needs an opacity between 0 and 1, but got \(opacity).")
        add(FilledArea(x: x, lower: lower, upper: upper, label: label,
                       color: resolveColor(color).withAlpha(opacity)))
    }
}

/// A line, a scatter plot, or a line with markers.
struct Series {
    var x: [Double]
    var y: [Double]
    var label: String?
    var color: Color
    var lineWidth: Double
    /// How the points are joined, or nil for a scatter plot.
    var lineStyle: LineStyle?
    var marker: Marker?
    var markerSize: Double

    /// The dash pattern for Cairo (empty for solid lines).
    var dashPattern: [Double] { lineStyle?.dashPattern(lineWidth: lineWidth) ?? [] }

    /// Runs of consecutive points that `map` sends to finite figure coordinates; the others
    /// split runs.
    func finiteRuns(_ map: (Double, Double) -> Point) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for (px, py) in zip(x, y) {
            let p = map(px, py)
            if p.x.isFinite && p.y.isFinite {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

/// The area between two curves, added with ``Axes/fillBetween(_:_:_:label:color:opacity:)``.
struct FilledArea {
    var x: [Double]
    var lower: [Double]
    var upper: [Double]
    var label: String?
    /// The fill colour, opacity included.
    var color: Color

    /// Polygons, one for each run of points where `x`, `lower` and `upper` are all shown:
    /// along the upper curve and back along the lower one.
    func polygons(_ map: (Double, Double) -> Point) -> [[Point]] {
        var result: [[Point]] = []
        var top: [Point] = []
        var bottom: [Point] = []
        func flush() {
            if top.count >= 2 { result.append(top + bottom.reversed()) }
            top = []
            bottom = []
        }
        for i in x.indices {
            let a = map(x[i], upper[i])
            let b = map(x[i], lower[i])
            if a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
                top.append(a)
                bottom.append(b)
            } else {
                flush()
            }
        }
        flush()
        return result
    }
}
