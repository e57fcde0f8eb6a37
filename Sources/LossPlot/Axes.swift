/// One plotting area of a ``Figure``: its data series, axis labels, limits and decorations.
///
/// You do not create axes yourself; draw on the ones a figure owns:
///
/// ```swift
/// let figure = Figure()
/// figure.axes.title = "Squared error"
/// figure.axes.xLabel = "prediction − target"
/// figure.axes.yLabel = "loss"
/// figure.axes.plot(x, x.map { $0 * $0 }, label: "MSE")
/// try figure.savePNG(to: "mse.png")
/// ```
public final class Axes {
    /// The text drawn centred above the plot area, or nil for none.
    public var title: String?
    /// The label drawn below the horizontal axis, or nil for none.
    public var xLabel: String?
    /// The label drawn, rotated, left of the vertical axis, or nil for none.
    public var yLabel: String?

    /// The visible range of the horizontal axis; nil (the default) fits the data with a
    /// 5% margin on each side. An empty range such as `2...2` is widened when drawn.
    public var xLimits: ClosedRange<Double>? {
        didSet { Self.checkLimits(xLimits, axis: "xLimits") }
    }

    /// The visible range of the vertical axis; nil (the default) fits the data with a
    /// 5% margin on each side. An empty range such as `2...2` is widened when drawn.
    public var yLimits: ClosedRange<Double>? {
        didSet { Self.checkLimits(yLimits, axis: "yLimits") }
    }

    /// Whether light grid lines are drawn at the ticks of both axes. On by default.
    public var showGrid: Bool = true

    /// The series in the order they were plotted, which is also the drawing order.
    private(set) var series: [LineSeries] = []
    /// How many series have taken their colour from ``Color/cycle``.
    private var cycleIndex = 0

    init() {}

    /// Adds a line through the points `(x[i], y[i])`.
    ///
    /// Points where either coordinate is NaN or infinite are skipped, and the line is broken
    /// there rather than joined across the gap; a point with no neighbours is drawn as a dot.
    ///
    /// - Parameters:
    ///   - x: The horizontal coordinates.
    ///   - y: The vertical coordinates; there must be as many as there are `x` values.
    ///   - label: The name shown for this series in the legend. The legend appears as soon
    ///     as one series has a label.
    ///   - color: The line colour; by default the next colour of ``Color/cycle``.
    ///   - lineWidth: The line width in points (pixels at scale 1).
    ///   - dashed: Whether to draw the line dashed instead of solid.
    public func plot(_ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil,
                     lineWidth: Double = 2, dashed: Bool = false) {
        precondition(x.count == y.count,
                     "plot needs as many x values as y values, but got \(x.count) x values and \(y.count) y values.")
        precondition(lineWidth.isFinite && lineWidth > 0,
                     "plot needs a positive lineWidth, but got \(lineWidth).")
        let resolvedColor: Color
        if let color {
            resolvedColor = color
        } else {
            resolvedColor = Color.cycled(cycleIndex)
            cycleIndex += 1
        }
        series.append(LineSeries(x: x, y: y, label: label, color: resolvedColor,
                                 lineWidth: lineWidth, dashed: dashed))
    }

    private static func checkLimits(_ limits: ClosedRange<Double>?, axis: String) {
        guard let limits else { return }
        precondition(limits.lowerBound.isFinite && limits.upperBound.isFinite,
                     "\(axis) must have finite bounds, but got \(limits).")
    }
}

/// One line added with ``Axes/plot(_:_:label:color:lineWidth:dashed:)``.
struct LineSeries {
    var x: [Double]
    var y: [Double]
    var label: String?
    var color: Color
    var lineWidth: Double
    var dashed: Bool

    /// The dash pattern for Cairo: matplotlib's proportions, scaled with the line width.
    var dashPattern: [Double] {
        dashed ? [3.7 * lineWidth, 1.6 * lineWidth] : []
    }

    /// Runs of consecutive points with finite coordinates; non-finite points split runs.
    var finiteRuns: [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for (px, py) in zip(x, y) {
            if px.isFinite && py.isFinite {
                current.append((px, py))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
