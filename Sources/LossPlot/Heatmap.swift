extension Axes {
    /// Adds a heatmap: a grid of cells, each painted with the colour its value has on `colorMap`.
    ///
    /// `values[row][column]` is drawn with row 0 at the bottom, as in ``contour(x:y:z:levels:filled:colorMap:color:lineWidth:)``.
    /// By default cell `(row, column)` is centred on `x = column`, `y = row`, so the axes count
    /// cells; pass `x` and `y` to stretch the grid over other ranges. NaN and infinite values
    /// are left blank. Call ``colorbar(label:)`` to show which colour means what.
    ///
    /// ```swift
    /// figure.axes.heatmap(confusion, colorMap: .magma)
    /// figure.axes.heatmap(loss, x: -2...2, y: -2...2, range: 0...4)
    /// figure.axes.colorbar(label: "loss")
    /// ```
    ///
    /// - Parameters:
    ///   - values: Rows of equal length; at least one value.
    ///   - x: The horizontal span of the whole grid, from the left edge of the first column to
    ///     the right edge of the last.
    ///   - y: The vertical span of the whole grid, from the bottom edge of row 0 to the top
    ///     edge of the last row.
    ///   - colorMap: The colours, from the smallest value to the largest.
    ///   - range: The values mapped to the first and last colours of the map; values outside
    ///     take the end colours. By default the smallest and largest finite values.
    public func heatmap(_ values: [[Double]], x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil,
                        colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil) {
        let columns = values.first?.count ?? 0
        precondition(columns > 0 && values.allSatisfy { $0.count == columns },
                     "heatmap needs rows of equal, non-zero length, but got rows of \(values.map(\.count)) values.")
        let finite = values.joined().filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        let xSpan = x ?? (-0.5)...(Double(columns) - 0.5)
        let ySpan = y ?? (-0.5)...(Double(values.count) - 0.5)
        precondition(xSpan.lowerBound.isFinite && xSpan.upperBound.isFinite && ySpan.lowerBound.isFinite
                        && ySpan.upperBound.isFinite, "heatmap needs finite x and y ranges.")
        add(HeatmapPlot(values: values, x: xSpan, y: ySpan, countsColumns: x == nil, countsRows: y == nil,
                        colorScale: ColorScale(colorMap: colorMap, range: range ?? low...high, levels: nil),
                        order: nextOrder))
    }
}

/// A heatmap added with ``Axes/heatmap(_:x:y:colorMap:range:)``.
struct HeatmapPlot {
    var values: [[Double]]
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    /// Whether the horizontal axis counts columns (no `x` range was given), and so wants whole-number ticks.
    var countsColumns: Bool
    /// Whether the vertical axis counts rows (no `y` range was given).
    var countsRows: Bool
    var colorScale: ColorScale
    var order: Int

    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    /// The cells as 32-bit premultiplied ARGB pixels, top row first (row 0 of the data last).
    func pixels() -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: rows * columns)
        for (row, line) in values.enumerated() {
            let top = rows - 1 - row
            for (column, value) in line.enumerated() where value.isFinite {
                let rgb = colorScale.colorMap.components(at: colorScale.position(of: value))
                pixels[top * columns + column] = packedPixel(rgb)
            }
        }
        return pixels
    }

    /// Draws the heatmap: as one image scaled without smoothing when both axes are linear (fast,
    /// and without seams between cells), otherwise cell by cell.
    func draw(layout: AxesLayout, canvas: CairoCanvas) {
        let xMap = layout.xMapping
        let yMap = layout.yMapping
        if xMap.scale == .linear && yMap.scale == .linear {
            let left = xMap(x.lowerBound)
            let right = xMap(x.upperBound)
            let top = yMap(y.upperBound)
            let bottom = yMap(y.lowerBound)
            canvas.drawImage(pixels: pixels(), width: columns, height: rows,
                             in: Rect(x: left, y: top, width: right - left, height: bottom - top), smooth: false)
            return
        }
        let cellWidth = (x.upperBound - x.lowerBound) / Double(columns)
        let cellHeight = (y.upperBound - y.lowerBound) / Double(rows)
        for (row, line) in values.enumerated() {
            let y0 = yMap(y.lowerBound + Double(row) * cellHeight)
            let y1 = yMap(y.lowerBound + Double(row + 1) * cellHeight)
            for (column, value) in line.enumerated() where value.isFinite {
                let x0 = xMap(x.lowerBound + Double(column) * cellWidth)
                let x1 = xMap(x.lowerBound + Double(column + 1) * cellWidth)
                guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { continue }
                canvas.fill(Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0)),
                            with: colorScale.color(of: value))
            }
        }
    }
}

/// An opaque colour as a 32-bit ARGB pixel for a Cairo image.
func packedPixel(_ rgb: (r: Double, g: Double, b: Double)) -> UInt32 {
    func byte(_ c: Double) -> UInt32 { UInt32((min(max(c, 0), 1) * 255).rounded()) }
    return 0xFF00_0000 | byte(rgb.r) << 16 | byte(rgb.g) << 8 | byte(rgb.b)
}
