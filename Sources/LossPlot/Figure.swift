/// A figure: a white canvas holding one plot or a grid of them, saved as PNG or SVG.
///
/// ```swift
/// let x = stride(from: -2.0, through: 2.0, by: 0.01).map { $0 }
/// let figure = Figure(width: 800, height: 500)
/// figure.axes.title = "Squared error"
/// figure.axes.plot(x, x.map { $0 * $0 }, label: "(ŷ − y)²")
/// try figure.savePNG(to: "squared-error.png")
/// ```
///
/// A grid of subplots, filled row by row:
///
/// ```swift
/// let figure = Figure(width: 1200, height: 450, rows: 1, columns: 2)
/// figure.axes(row: 0, column: 0).plot(x, loss, label: "Huber")
/// figure.axes(row: 0, column: 1).plot(x, gradient, label: "∂L/∂ŷ")
/// ```
///
/// Sizes are in points. At the default scale of 1 a point is one pixel; `scale: 2` renders a
/// sharper image with twice as many pixels in each direction and the same proportions.
public final class Figure {
    /// The width of the figure in points.
    public let width: Int
    /// The height of the figure in points.
    public let height: Int
    /// How many rows of subplots the figure has.
    public let rows: Int
    /// How many columns of subplots the figure has.
    public let columns: Int
    /// Every subplot, row by row from the top left: `subplots[row * columns + column]`.
    public let subplots: [Axes]
    /// A title centred above all subplots, or nil for none. (Each ``Axes`` has its own title too.)
    public var title: String?

    /// Sizes and colours of titles, ticks, frames and the legend.
    var style = Style.standard

    /// Creates an empty figure `width` by `height` points in size, with a grid of `rows` by
    /// `columns` subplots of equal size.
    public init(width: Int = 800, height: Int = 500, rows: Int = 1, columns: Int = 1) {
        precondition(width > 0 && height > 0,
                     "A figure needs a positive width and height, but got \(width)×\(height).")
        precondition(rows >= 1 && columns >= 1,
                     "A figure needs at least one row and one column of subplots, but got \(rows)×\(columns).")
        self.width = width
        self.height = height
        self.rows = rows
        self.columns = columns
        self.subplots = (0..<(rows * columns)).map { _ in Axes() }
    }

    /// The first subplot (top left): the only one of a figure with a single plot.
    public var axes: Axes { subplots[0] }

    /// The subplot in row `row` and column `column`, both counted from 0 at the top left.
    public func axes(row: Int, column: Int) -> Axes {
        precondition((0..<rows).contains(row) && (0..<columns).contains(column),
                     "This figure has \(rows)×\(columns) subplots; there is none at row \(row), column \(column).")
        return subplots[row * columns + column]
    }

    /// Renders the figure and writes it to a PNG file at `path`, replacing any existing file.
    ///
    /// - Parameter scale: Pixels per point; 2 gives a sharper image for high-resolution screens.
    /// - Throws: ``PlotError`` if the image cannot be created or the file cannot be written,
    ///   for example because its folder does not exist.
    public func savePNG(to path: String, scale: Double = 1) throws {
        try renderImage(scale: scale).writePNG(to: path)
    }

    /// Renders the figure and returns the bytes of a PNG file, without touching the disk.
    ///
    /// - Parameter scale: Pixels per point; 2 gives a sharper image for high-resolution screens.
    /// - Throws: ``PlotError`` if the image cannot be created or encoded.
    public func pngData(scale: Double = 1) throws -> [UInt8] {
        try renderImage(scale: scale).pngBytes()
    }

    /// Renders the figure as a scalable SVG document and writes it to `path`.
    ///
    /// - Throws: ``PlotError`` if the file cannot be written, for example because its folder
    ///   does not exist.
    public func saveSVG(to path: String) throws {
        let surface = try CairoSurface(svgPath: path, width: Double(width), height: Double(height))
        try draw(on: surface, scale: 1)
        try surface.finish()
    }

    /// Draws the figure into a new image surface with `scale` pixels per point.
    func renderImage(scale: Double) throws(PlotError) -> CairoSurface {
        precondition(scale.isFinite && scale > 0, "The scale must be a positive number, but got \(scale).")
        let pixelWidth = (Double(width) * scale).rounded()
        let pixelHeight = (Double(height) * scale).rounded()
        let limit = Double(CairoSurface.maximumSide)
        guard pixelWidth <= limit, pixelHeight <= limit else {
            throw PlotError.imageTooLarge(width: pixelWidth, height: pixelHeight)
        }
        let surface = try CairoSurface(imageWidth: max(1, Int(pixelWidth)), height: max(1, Int(pixelHeight)))
        try draw(on: surface, scale: scale)
        return surface
    }

    /// Where the plot area, scales and ticks of a 2-D subplot fall, in points, without rendering.
    func axesLayout(row: Int = 0, column: Int = 0) throws(PlotError) -> AxesLayout {
        let canvas = try CairoCanvas(surface: CairoSurface(imageWidth: 1, height: 1))
        let index = row * columns + column
        let minimum = alignedMargins(canvas: canvas)
        return subplots[index].layout(in: cellRects(canvas: canvas)[index], canvas: canvas, style: style,
                                      minimum: minimum[index])
    }

    var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    private func draw(on surface: CairoSurface, scale: Double) throws(PlotError) {
        let canvas = try CairoCanvas(surface: surface, scale: scale)
        canvas.fill(bounds, with: style.background)
        let cells = cellRects(canvas: canvas)
        let minimum = alignedMargins(canvas: canvas)
        for (index, axes) in subplots.enumerated() {
            axes.draw(in: cells[index], canvas: canvas, style: style, minimum: minimum[index])
        }
        if let title {
            canvas.setFont(size: style.figureTitleFontSize)
            canvas.drawText(title, at: Point(x: bounds.midX, y: style.outerPad), horizontal: .center,
                            vertical: .top, color: style.textColor)
        }
        try canvas.checkStatus()
    }
}
