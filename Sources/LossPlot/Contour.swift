internal import Foundation

/// Which values a contour plot draws its level lines (or band edges) at.
///
/// ```swift
/// figure.axes.contour(x: w1, y: w2, z: loss)                          // about 8 nice levels
/// figure.axes.contour(x: w1, y: w2, z: loss, levels: .automatic(15))
/// figure.axes.contour(x: w1, y: w2, z: loss, levels: [0.1, 0.5, 1, 2])
/// figure.axes.contour(x: w1, y: w2, z: loss, levels: .logarithmic(10))  // losses over decades
/// ```
public struct ContourLevels: Sendable, Hashable, ExpressibleByArrayLiteral {
    enum Kind: Sendable, Hashable {
        case automatic(Int)
        case logarithmic(Int)
        case values([Double])
    }

    let kind: Kind

    /// At most `count` bands between evenly spaced levels at nice numbers (1, 2, 2.5 or 5 × 10^k
    /// apart) spanning the data, as matplotlib's `MaxNLocator` chooses them.
    public static func automatic(_ count: Int = 8) -> ContourLevels {
        precondition(count >= 1, "A contour plot needs at least one level, but got \(count).")
        return ContourLevels(kind: .automatic(count))
    }

    /// About `count` levels evenly spaced in the logarithm between the smallest and the largest
    /// positive value, rounded to two significant digits: for losses that span several decades.
    public static func logarithmic(_ count: Int = 8) -> ContourLevels {
        precondition(count >= 1, "A contour plot needs at least one level, but got \(count).")
        return ContourLevels(kind: .logarithmic(count))
    }

    /// Exactly these levels, in any order; duplicates and non-finite values are dropped.
    public static func values(_ levels: [Double]) -> ContourLevels {
        ContourLevels(kind: .values(levels))
    }

    /// Exactly the levels listed, as in `levels: [0.1, 0.5, 1]`.
    public init(arrayLiteral elements: Double...) {
        kind = .values(elements)
    }

    private init(kind: Kind) {
        self.kind = kind
    }

    /// The levels for data from `low` to `high`, ascending. For filled contours the automatic
    /// levels reach just past the data so that every value falls in a band; for lines only
    /// levels strictly inside the data are kept (or the lowest value, if none is).
    func resolve(low: Double, high: Double, filled: Bool) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        var levels: [Double]
        switch kind {
        case .values(let given):
            levels = Array(Set(given.filter(\.isFinite))).sorted()
            return levels
        case .automatic(let count):
            levels = spanningLevels(low: low, high: high, maxIntervals: count)
        case .logarithmic(let count):
            let positiveLow = low > 0 ? low : high * 1e-6
            guard high > 0, positiveLow < high else { return spanningLevels(low: low, high: high, maxIntervals: count) }
            let a = log10(positiveLow)
            let b = log10(high)
            levels = (0...count).map { k in roundedToTwoDigits(pow(10, a + (b - a) * Double(k) / Double(count))) }
            levels = Array(Set(levels)).sorted()
        }
        if filled { return levels }
        let inside = levels.filter { $0 > low && $0 < high }
        return inside.isEmpty ? [low] : inside
    }
}

/// `value` rounded to two significant digits (0.01234 becomes 0.012).
private func roundedToTwoDigits(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return value }
    let exponent = Int(log10(value).rounded(.down)) - 1
    let scaled = (value / decadeValue(exponent)).rounded()
    return exponent >= 0 ? scaled * decadeValue(exponent) : scaled / decadeValue(-exponent)
}

extension Axes {
    /// Adds a contour plot of `z` over the grid of `x` and `y`: lines along which `z` is constant,
    /// or, with `filled`, bands between those lines painted with a colour map.
    ///
    /// `z[j][i]` is the value at `(x[i], y[j])`: one row of `z` per `y` value, as matplotlib's
    /// `contour(X, Y, Z)` has it. Cells with a NaN or infinite corner are left blank. Filled bands
    /// take evenly spaced colours from the map, the lowest band its first colour and the highest
    /// its last; values beyond the outer levels take the colour of the nearest band. Call
    /// ``colorbar(label:)`` to show which colour means what.
    ///
    /// ```swift
    /// figure.axes.contour(x: w, y: b, z: loss, filled: true)
    /// figure.axes.contour(x: w, y: b, z: loss, color: .white)   // lines over the bands
    /// ```
    ///
    /// - Parameters:
    ///   - x: The grid's column coordinates, increasing; at least two.
    ///   - y: The grid's row coordinates, increasing; at least two.
    ///   - z: The values, `y.count` rows of `x.count` values.
    ///   - levels: Where the lines go, or the edges of the bands; about 8 nice levels by default.
    ///   - filled: Whether to fill the bands between levels instead of drawing lines.
    ///   - colorMap: The colours of the levels or bands.
    ///   - color: One colour for all lines instead of the colour map (lines only).
    ///   - lineWidth: The width of the lines in points.
    public func contour(x: [Double], y: [Double], z: [[Double]], levels: ContourLevels = .automatic(),
                        filled: Bool = false, colorMap: ColorMap = .viridis, color: Color? = nil,
                        lineWidth: Double = 1.5) {
        precondition(x.count >= 2 && y.count >= 2, "contour needs at least two x and two y values.")
        precondition(z.count == y.count && z.allSatisfy { $0.count == x.count },
                     "contour needs z[j][i] for every y[j] and x[i]: \(y.count) rows of \(x.count) values, "
                        + "but got \(z.count) rows of \(z.map(\.count).max() ?? 0) values.")
        precondition(zip(x, x.dropFirst()).allSatisfy { $0 < $1 } && zip(y, y.dropFirst()).allSatisfy { $0 < $1 },
                     "contour needs increasing x and y values.")
        let finite = z.joined().filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        let resolved = levels.resolve(low: low, high: high, filled: filled)
        let scale = ColorScale(colorMap: colorMap,
                               range: (resolved.first ?? low)...(max(resolved.last ?? high, resolved.first ?? low)),
                               levels: filled ? resolved : nil)
        add(ContourPlot(grid: MarchingSquares(x: x, y: y, z: z), levels: resolved, filled: filled,
                        color: color, lineWidth: lineWidth, colorScale: scale, order: nextOrder))
    }
}

/// A contour plot added with ``Axes/contour(x:y:z:levels:filled:colorMap:color:lineWidth:)``.
struct ContourPlot {
    var grid: MarchingSquares
    /// The levels, ascending.
    var levels: [Double]
    var filled: Bool
    /// One colour for all lines, or nil to colour them by level.
    var color: Color?
    var lineWidth: Double
    var colorScale: ColorScale
    /// When this plot was added relative to other colour-mapped plots.
    var order: Int

    /// The colour of the line at level `index`.
    func lineColor(_ index: Int) -> Color {
        color ?? colorScale.colorMap.color(at: ColorScale.bandPosition(index, bandCount: levels.count))
    }

    /// Draws the bands (filled) or lines, mapping data to figure coordinates with `map`.
    ///
    /// Bands are painted from the bottom up, each one as the whole region above its lower
    /// level, so that neighbouring bands overlap instead of leaving antialiased seams.
    func draw(map: (Double, Double) -> Point, canvas: CairoCanvas) {
        if filled {
            let bandCount = max(1, levels.count - 1)
            for band in 0..<bandCount {
                // The lowest band covers every cell with data, whatever its value.
                let level = band == 0 ? -Double.infinity : levels[band]
                let polygons = grid.superlevelPolygons(level: level)
                var any = false
                for polygon in polygons {
                    let points = polygon.map { map($0.x, $0.y) }
                    guard points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
                    canvas.addPolygon(points)
                    any = true
                }
                guard any else { continue }
                canvas.setColor(colorScale.colorMap.color(at: ColorScale.bandPosition(band, bandCount: bandCount)))
                canvas.fill()
            }
            return
        }
        canvas.setDash([])
        canvas.setLineWidth(lineWidth)
        for (index, level) in levels.enumerated() {
            for line in grid.isolines(level: level) {
                let points = line.map { map($0.x, $0.y) }
                canvas.addPolyline(points)
            }
            canvas.setColor(lineColor(index))
            canvas.stroke()
        }
    }
}
