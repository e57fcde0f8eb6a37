extension Axes {
    /// Adds a surface `z = f(x, y)` sampled on a grid, which makes these axes a 3-D plot.
    ///
    /// `z[j][i]` is the height at `(x[i], y[j])`, the same layout as ``contour(x:y:z:levels:filled:colorMap:color:lineWidth:)``,
    /// so one grid can be drawn both ways. Each grid cell is drawn as a four-sided patch coloured
    /// by its mean height and shaded by a light from the upper left; patches are painted from the
    /// farthest to the nearest (the painter's algorithm). Cells with a non-finite corner are left
    /// out. Set ``view`` to look from another direction and ``zLabel`` to name the height.
    ///
    /// ```swift
    /// figure.axes.surface(x: w1, y: w2, z: loss)
    /// figure.axes.zLabel = "loss"
    /// ```
    ///
    /// - Parameters:
    ///   - x: The grid's column coordinates; at least two.
    ///   - y: The grid's row coordinates; at least two.
    ///   - z: The heights, `y.count` rows of `x.count` values.
    ///   - colorMap: The colours from the lowest to the highest patch.
    public func surface(x: [Double], y: [Double], z: [[Double]], colorMap: ColorMap = .viridis) {
        precondition(x.count >= 2 && y.count >= 2, "surface needs at least two x and two y values.")
        precondition(z.count == y.count && z.allSatisfy { $0.count == x.count },
                     "surface needs z[j][i] for every y[j] and x[i]: \(y.count) rows of \(x.count) values, "
                        + "but got \(z.count) rows of \(z.map(\.count).max() ?? 0) values.")
        let finite = z.joined().filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        add(SurfacePlot(x: x, y: y, z: z, colorScale: ColorScale(colorMap: colorMap, range: low...high, levels: nil),
                        order: nextOrder))
    }

    /// Adds a line through the 3-D points `(x[i], y[i], z[i])`, such as an optimiser's path over
    /// a loss surface; it makes these axes a 3-D plot. Lines are drawn slightly in front of
    /// surfaces they lie on, so that a path on a surface stays visible.
    ///
    /// - Parameters:
    ///   - x: The first coordinates.
    ///   - y: The second coordinates; as many as `x`.
    ///   - z: The heights; as many as `x`.
    ///   - label: The name shown in the legend.
    ///   - color: The line colour; by default the next colour of ``Color/cycle``.
    ///   - lineWidth: The line width in points.
    ///   - marker: A symbol drawn at every point, or nil for none.
    ///   - markerSize: The marker's width in points.
    public func plot3D(_ x: [Double], _ y: [Double], _ z: [Double], label: String? = nil, color: Color? = nil,
                       lineWidth: Double = 2, marker: Marker? = nil, markerSize: Double = 6) {
        precondition(x.count == y.count && x.count == z.count,
                     "plot3D needs as many x, y and z values, but got \(x.count), \(y.count) and \(z.count).")
        precondition(lineWidth.isFinite && lineWidth > 0, "plot3D needs a positive lineWidth, but got \(lineWidth).")
        add(Series3D(x: x, y: y, z: z, series: Series(x: x, y: y, label: label, color: resolveColor(color),
                                                       lineWidth: lineWidth, lineStyle: .solid, marker: marker,
                                                       markerSize: markerSize)))
    }
}

/// A surface added with ``Axes/surface(x:y:z:colorMap:)``.
struct SurfacePlot {
    var x: [Double]
    var y: [Double]
    var z: [[Double]]
    var colorScale: ColorScale
    var order: Int
}

/// A 3-D line added with ``Axes/plot3D(_:_:_:label:color:lineWidth:marker:markerSize:)``; its
/// ``series`` carries the style and the legend entry.
struct Series3D {
    var x: [Double]
    var y: [Double]
    var z: [Double]
    var series: Series
}

/// One thing to paint in a 3-D plot, at the depth by which the painter's algorithm orders it.
struct DepthPrimitive {
    enum Shape {
        case patch([Point], Color)
        case segment(Point, Point, Series)
        case marker(Point, Series)
    }

    var depth: Double
    var shape: Shape
}

/// The light of 3-D plots, as matplotlib's default `LightSource(azdeg=225, altdeg=19.47)`:
/// from the upper left of the default view, in box coordinates.
private let lightDirection = Vector3(x: -0.6667, y: -0.6667, z: 0.3333).normalized

/// The patches of all surfaces and the segments and markers of all 3-D lines, farthest first.
func depthSortedPrimitives(surfaces: [SurfacePlot], lines: [Series3D], projection: Projection) -> [DepthPrimitive] {
    var primitives: [DepthPrimitive] = []
    // The largest difference in depth across one patch, for the bias of lines below.
    var patchDepthSpan = 0.0
    for surface in surfaces {
        for j in 0..<(surface.y.count - 1) {
            for i in 0..<(surface.x.count - 1) {
                let values = [surface.z[j][i], surface.z[j][i + 1], surface.z[j + 1][i + 1], surface.z[j + 1][i]]
                guard values.allSatisfy(\.isFinite) else { continue }
                let corners = [
                    projection.boxPoint(surface.x[i], surface.y[j], values[0]),
                    projection.boxPoint(surface.x[i + 1], surface.y[j], values[1]),
                    projection.boxPoint(surface.x[i + 1], surface.y[j + 1], values[2]),
                    projection.boxPoint(surface.x[i], surface.y[j + 1], values[3]),
                ]
                let cornerDepths = corners.map(projection.depth)
                let depth = cornerDepths.reduce(0, +) / 4
                patchDepthSpan = max(patchDepthSpan, (cornerDepths.max() ?? 0) - (cornerDepths.min() ?? 0))
                let mean = values.reduce(0, +) / 4
                var normal = (corners[2] - corners[0]).cross(corners[3] - corners[1]).normalized
                if normal.z < 0 { normal = normal * -1 }
                // matplotlib's shading maps the cosine from −1...1 onto a brightness of 0.3...1;
                // a gentler 0.75...1 keeps the colour map's colours recognisable.
                let brightness = 0.875 + 0.125 * normal.dot(lightDirection)
                let rgb = surface.colorScale.colorMap.components(at: surface.colorScale.position(of: mean))
                let color = Color(r: min(1, rgb.r * brightness), g: min(1, rgb.g * brightness),
                                  b: min(1, rgb.b * brightness))
                primitives.append(DepthPrimitive(depth: depth, shape: .patch(corners.map(projection.point), color)))
            }
        }
    }
    // Lines sit on or near the surface. A patch is ordered by the depth of its centre, so a line
    // piece lying on its far half would sort behind it: a bias of more than half a patch's depth
    // span brings lines in front of the patches they touch.
    let bias = 0.6 * patchDepthSpan + 0.005
    for line in lines {
        let points = zip(zip(line.x, line.y), line.z).map { projection.boxPoint($0.0, $0.1, $1) }
        let finite = zip(zip(line.x, line.y), line.z).map { $0.0.isFinite && $0.1.isFinite && $1.isFinite }
        if line.series.lineStyle != nil {
            for k in points.indices.dropLast() where finite[k] && finite[k + 1] {
                // Long segments are cut into short pieces, each ordered by its own depth, so that
                // a segment is hidden only where the surface really is in front of it.
                let a = points[k]
                let b = points[k + 1]
                let pieces = max(1, min(64, Int(((b - a).length / 0.02).rounded(.up))))
                for piece in 0..<pieces {
                    let start = a + (b - a) * (Double(piece) / Double(pieces))
                    let end = a + (b - a) * (Double(piece + 1) / Double(pieces))
                    let depth = (projection.depth(start) + projection.depth(end)) / 2 + bias
                    primitives.append(DepthPrimitive(depth: depth, shape: .segment(
                        projection.point(start), projection.point(end), line.series)))
                }
            }
        }
        if line.series.marker != nil {
            for k in points.indices where finite[k] {
                primitives.append(DepthPrimitive(depth: projection.depth(points[k]) + 2 * bias,
                                                 shape: .marker(projection.point(points[k]), line.series)))
            }
        }
    }
    primitives.sort { $0.depth < $1.depth }
    return primitives
}

/// Paints primitives in order. Each patch is filled and then outlined in its own colour, which
/// closes the hairline seams antialiasing would leave between neighbours.
func paint(_ primitives: [DepthPrimitive], canvas: CairoCanvas) {
    canvas.setDash([])
    for primitive in primitives {
        switch primitive.shape {
        case .patch(let points, let color):
            canvas.addPolygon(points)
            canvas.setColor(color)
            canvas.setLineWidth(0.6)
            canvas.fillPreserve()
            canvas.stroke()
        case .segment(let a, let b, let series):
            canvas.setLineCap(round: true)
            canvas.strokeLine(from: a, to: b, color: series.color, width: series.lineWidth)
            canvas.setLineCap(round: false)
        case .marker(let p, let series):
            series.marker?.draw(at: [p], size: series.markerSize, color: series.color, edgeColor: .white, canvas: canvas)
        }
    }
}
