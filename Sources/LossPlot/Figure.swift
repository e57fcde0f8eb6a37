/// A figure: a white canvas holding a plot, which can be saved as PNG or SVG.
///
/// ```swift
/// let x = stride(from: -2.0, through: 2.0, by: 0.01).map { $0 }
/// let figure = Figure(width: 800, height: 500)
/// figure.axes.title = "Squared error"
/// figure.axes.plot(x, x.map { $0 * $0 }, label: "(ŷ − y)²")
/// try figure.savePNG(to: "squared-error.png")
/// ```
///
/// Sizes are in points. At the default scale of 1 a point is one pixel; `scale: 2` renders a
/// sharper image with twice as many pixels in each direction and the same proportions.
public final class Figure {
    /// The width of the figure in points.
    public let width: Int
    /// The height of the figure in points.
    public let height: Int
    /// The plotting area that fills the figure.
    public let axes: Axes

    /// Sizes and colours of titles, ticks, frames and the legend.
    var style = Style.standard

    /// Creates an empty figure `width` by `height` points in size.
    public init(width: Int = 800, height: Int = 500) {
        precondition(width > 0 && height > 0,
                     "A figure needs a positive width and height, but got \(width)×\(height).")
        self.width = width
        self.height = height
        self.axes = Axes()
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

    /// Where the plot area, scales and ticks of ``axes`` fall, in points, without rendering.
    func axesLayout() throws(PlotError) -> AxesLayout {
        let canvas = try CairoCanvas(surface: CairoSurface(imageWidth: 1, height: 1))
        return axes.layout(in: bounds, canvas: canvas, style: style)
    }

    private var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    private func draw(on surface: CairoSurface, scale: Double) throws(PlotError) {
        let canvas = try CairoCanvas(surface: surface, scale: scale)
        canvas.fill(bounds, with: style.background)
        axes.draw(in: bounds, canvas: canvas, style: style)
        try canvas.checkStatus()
    }
}
