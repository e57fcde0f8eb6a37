/// The symbol drawn at each point of a series.
///
/// ```swift
/// figure.axes.plot(steps, losses, marker: .circle)
/// figure.axes.scatter(x, y, marker: .triangle, label: "class 1")
/// ```
public enum Marker: Sendable, Hashable, CaseIterable {
    /// A filled disc.
    case circle
    /// A filled square, axis-aligned.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled diamond (a square standing on a corner).
    case diamond
    /// An upright cross, "+", stroked.
    case plus
    /// A diagonal cross, "×", stroked.
    case cross
}

/// How a line is drawn between the points of a series.
public enum LineStyle: Sendable, Hashable, CaseIterable {
    /// An unbroken line.
    case solid
    /// Long dashes.
    case dashed
    /// Round dots.
    case dotted
    /// Alternating dashes and dots.
    case dashDot

    /// The on and off lengths for Cairo: matplotlib's proportions, scaled with the line width.
    func dashPattern(lineWidth: Double) -> [Double] {
        switch self {
        case .solid: []
        case .dashed: [3.7 * lineWidth, 1.6 * lineWidth]
        case .dotted: [1 * lineWidth, 1.65 * lineWidth]
        case .dashDot: [6.4 * lineWidth, 1.6 * lineWidth, 1 * lineWidth, 1.6 * lineWidth]
        }
    }
}

extension Marker {
    /// Whether the marker is a filled shape (rather than strokes).
    var isFilled: Bool {
        switch self {
        case .circle, .square, .triangle, .diamond: true
        case .plus, .cross: false
        }
    }

    /// Adds the marker's outline (filled markers) or strokes (crosses) centred on `center`,
    /// `size` points across, to the canvas's current path.
    func addPath(at center: Point, size: Double, canvas: CairoCanvas) {
        let r = size / 2
        switch self {
        case .circle:
            canvas.addCircle(center: center, radius: r)
        case .square:
            // A square of the same area as the circle looks the same size.
            let half = r * 0.886
            canvas.addRectangle(Rect(x: center.x - half, y: center.y - half, width: 2 * half, height: 2 * half))
        case .triangle:
            let t = r * 1.2
            canvas.addPolygon([
                Point(x: center.x, y: center.y - t),
                Point(x: center.x + t * 0.866, y: center.y + t * 0.5),
                Point(x: center.x - t * 0.866, y: center.y + t * 0.5),
            ])
        case .diamond:
            let d = r * 1.15
            canvas.addPolygon([
                Point(x: center.x, y: center.y - d), Point(x: center.x + d * 0.8, y: center.y),
                Point(x: center.x, y: center.y + d), Point(x: center.x - d * 0.8, y: center.y),
            ])
        case .plus:
            canvas.moveTo(Point(x: center.x - r, y: center.y))
            canvas.lineTo(Point(x: center.x + r, y: center.y))
            canvas.moveTo(Point(x: center.x, y: center.y - r))
            canvas.lineTo(Point(x: center.x, y: center.y + r))
        case .cross:
            let d = r * 0.8
            canvas.moveTo(Point(x: center.x - d, y: center.y - d))
            canvas.lineTo(Point(x: center.x + d, y: center.y + d))
            canvas.moveTo(Point(x: center.x - d, y: center.y + d))
            canvas.lineTo(Point(x: center.x + d, y: center.y - d))
        }
    }

    /// Draws the marker at every point in `centers`: filled shapes are filled with `color` (and
    /// each outlined with `edgeColor` when given), crosses are stroked with `color`.
    func draw(at centers: [Point], size: Double, color: Color, edgeColor: Color?, canvas: CairoCanvas) {
        guard !centers.isEmpty else { return }
        canvas.setDash([])
        if isFilled {
            if let edgeColor {
                // Each marker filled and then outlined, so that overlapping markers stay distinct.
                canvas.setLineWidth(max(0.5, size / 8))
                for center in centers {
                    addPath(at: center, size: size, canvas: canvas)
                    canvas.setColor(color)
                    canvas.fillPreserve()
                    canvas.setColor(edgeColor)
                    canvas.stroke()
                }
            } else {
                for center in centers { addPath(at: center, size: size, canvas: canvas) }
                canvas.setColor(color)
                canvas.fill()
            }
        } else {
            for center in centers { addPath(at: center, size: size, canvas: canvas) }
            canvas.setColor(color)
            canvas.setLineWidth(max(1, size / 5))
            canvas.stroke()
        }
    }
}
