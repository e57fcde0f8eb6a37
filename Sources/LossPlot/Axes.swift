/// One plotting area of a ``Figure``: its data, axis labels, limits and decorations.
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
///
/// Whatever order they are added in, the parts are drawn back to front as heatmaps, filled
/// contours, contour lines, filled areas, reference lines, lines and markers, then text. Axes
/// that hold a ``surface(x:y:z:colorMap:)`` are drawn in 3-D and show only their surfaces and
/// 3-D lines.
public final class Axes {
    /// The text drawn centred above the plot area, or nil for none.
    public var title: String?
    /// The label drawn below the horizontal axis, or nil for none.
    public var xLabel: String?
    /// The label drawn, rotated, left of the vertical axis, or nil for none.
    public var yLabel: String?
    /// The label of the vertical axis of a 3-D plot, or nil for none.
    public var zLabel: String?

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

    /// How values are spaced along the horizontal axis: ``AxisScale/linear`` (the default)
    /// or ``AxisScale/log``, which skips non-positive values.
    public var xScale: AxisScale = .linear
    /// How values are spaced along the vertical axis: ``AxisScale/linear`` (the default)
    /// or ``AxisScale/log``, which skips non-positive values.
    public var yScale: AxisScale = .linear

    /// Whether light grid lines are drawn at the ticks of both axes. On by default.
    public var showGrid: Bool = true

    /// Where the legend goes; by default the corner or edge where it covers no data, or, when
    /// every such place would cover some, outside the plot area on its right.
    /// The legend appears as soon as one series has a label.
    public var legendPosition: LegendPosition = .best

    /// The direction a 3-D plot is seen from.
    public var view: ViewAngle = .standard

    /// Lines and scatter plots, in the order they were added.
    private(set) var series: [Series] = []
    /// Areas between two curves.
    private(set) var areas: [FilledArea] = []
    /// Contour plots, filled or not.
    private(set) var contours: [ContourPlot] = []
    /// Heatmaps.
    private(set) var heatmaps: [HeatmapPlot] = []
    /// Surfaces, which make these axes 3-D.
    private(set) var surfaces: [SurfacePlot] = []
    /// Lines through 3-D space, drawn with the surfaces.
    private(set) var lines3D: [Series3D] = []
    /// Vertical and horizontal lines across the plot area.
    private(set) var referenceLines: [ReferenceLine] = []
    /// Text placed in data coordinates, with or without an arrow.
    private(set) var annotations: [Annotation] = []
    /// The colorbar asked for with ``colorbar(label:)``, if any.
    private(set) var colorbarRequest: ColorbarRequest?
    /// How series plotted without an explicit colour have taken theirs from ``Color/cycle``.
    private var cycleIndex = 0

    init() {}

    /// Whether the axes draw in 3-D, which they do once they hold a surface or a 3-D line.
    var is3D: Bool { !surfaces.isEmpty || !lines3D.isEmpty }

    /// The next colour of the cycle, or `color` when one is given.
    func resolveColor(_ color: Color?) -> Color {
        if let color { return color }
        defer { cycleIndex += 1 }
        return Color.cycled(cycleIndex)
    }

    func add(_ item: Series) { series.append(item) }
    func add(_ item: FilledArea) { areas.append(item) }
    func add(_ item: ContourPlot) { contours.append(item) }
    func add(_ item: HeatmapPlot) { heatmaps.append(item) }
    func add(_ item: SurfacePlot) { surfaces.append(item) }
    func add(_ item: Series3D) { lines3D.append(item) }
    func add(_ item: ReferenceLine) { referenceLines.append(item) }
    func add(_ item: Annotation) { annotations.append(item) }
    func setColorbar(_ request: ColorbarRequest) { colorbarRequest = request }

    /// The colour scale of the last contour (coloured by its map), heatmap or surface added, for the colorbar.
    var lastColorScale: ColorScale? {
        // Items of different kinds are compared by the order they were added in.
        // Contour lines of one fixed colour do not use their colour map.
        let candidates: [(Int, ColorScale)] = contours.filter { $0.color == nil }.map { ($0.order, $0.colorScale) }
            + heatmaps.map { ($0.order, $0.colorScale) } + surfaces.map { ($0.order, $0.colorScale) }
        return candidates.max { $0.0 < $1.0 }?.1
    }

    /// A number that grows with every mapped item added, to tell which came last.
    var nextOrder: Int { contours.count + heatmaps.count + surfaces.count }

    private static func checkLimits(_ limits: ClosedRange<Double>?, axis: String) {
        guard let limits else { return }
        precondition(limits.lowerBound.isFinite && limits.upperBound.isFinite,
                     "\(axis) must have finite bounds, but got \(limits).")
    }
}

/// Where a legend is placed: inside the plot area, or outside it on the right.
public enum LegendPosition: Sendable, Hashable, CaseIterable {
    /// The first candidate position below where the legend covers no data point, line segment
    /// or text, in the order upper right, upper left, lower left, lower right, right, left,
    /// lower centre, upper centre, centre; when every one of them covers some data,
    /// ``outside``.
    case best
    /// The upper-right corner.
    case upperRight
    /// The upper-left corner.
    case upperLeft
    /// The lower-left corner.
    case lowerLeft
    /// The lower-right corner.
    case lowerRight
    /// The middle of the right edge.
    case right
    /// The middle of the left edge.
    case left
    /// The middle of the bottom edge.
    case lowerCenter
    /// The middle of the top edge.
    case upperCenter
    /// The centre of the plot area.
    case center
    /// To the right of the plot area, outside it, level with its top (matplotlib's
    /// `bbox_to_anchor=(1.02, 1), loc="upper left"`): the plot area narrows to make room, and
    /// the legend never covers data.
    case outside
    /// No legend, even when series have labels.
    case hidden
}
