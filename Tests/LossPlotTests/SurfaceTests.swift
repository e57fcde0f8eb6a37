import Testing
@testable import LossPlot

@Suite("Surfaces and projection")
struct SurfaceTests {
    @Test func theDefaultViewLooksFromPlusXMinusYAndAbove() {
        let projection = Projection(x: 0...1, y: 0...1, z: 0...1, view: .standard)
        let corners = projection.corners
        let depths = corners.map(projection.depth)
        // Corner 5 is (x max, y min, z max): nearest. Corner 2 is (x min, y max, z min): farthest.
        #expect(depths.indices.max { depths[$0] < depths[$1] } == 5)
        #expect(depths.indices.min { depths[$0] < depths[$1] } == 2)
        // x runs to the lower right on the figure, y to the upper right, z straight up.
        let origin = projection.project(0, 0, 0)
        let alongX = projection.project(1, 0, 0)
        let alongY = projection.project(0, 1, 0)
        let alongZ = projection.project(0, 0, 1)
        #expect(alongX.x > origin.x && alongX.y > origin.y)
        #expect(alongY.x > origin.x && alongY.y < origin.y)
        #expect(abs(alongZ.x - origin.x) < 1e-12 && alongZ.y < origin.y)
    }

    @Test func patchesArePaintedFarthestFirst() {
        let x = [0.0, 1, 2, 3]
        let flat = SurfacePlot(x: x, y: x, z: x.map { _ in x.map { _ in 0 } },
                               colorScale: ColorScale(colorMap: .viridis, range: 0...1, levels: nil), order: 0)
        let projection = Projection(x: 0...3, y: 0...3, z: -1...1, view: .standard)
        let primitives = depthSortedPrimitives(surfaces: [flat], lines: [], projection: projection)
        #expect(primitives.count == 9)
        #expect(zip(primitives, primitives.dropFirst()).allSatisfy { $0.depth <= $1.depth })
        // The first patch painted is the cell at (x min, y max), the last the one at (x max, y min).
        func centre(_ primitive: DepthPrimitive) -> Point? {
            guard case .patch(let points, _) = primitive.shape else { return nil }
            return Point(x: points.map(\.x).reduce(0, +) / 4, y: points.map(\.y).reduce(0, +) / 4)
        }
        let far = projection.project(0.5, 2.5, 0)
        let near = projection.project(2.5, 0.5, 0)
        if let first = primitives.first.flatMap(centre), let last = primitives.last.flatMap(centre) {
            #expect(abs(first.x - far.x) < 1e-9 && abs(first.y - far.y) < 1e-9)
            #expect(abs(last.x - near.x) < 1e-9 && abs(last.y - near.y) < 1e-9)
        } else {
            Issue.record("expected patches")
        }
    }

    @Test func theNearestCellIsPaintedLast() throws {
        // A raised corner at the near side: its cell is painted last, over the cells behind it.
        let x = [0.0, 1, 2]
        var z = x.map { _ in x.map { _ in 0.0 } }
        z[0][2] = 5  // (x max, y min): the nearest corner in the default view
        let surface = SurfacePlot(x: x, y: x, z: z, colorScale: ColorScale(colorMap: .viridis, range: 0...5, levels: nil),
                                  order: 0)
        let projection = Projection(x: 0...2, y: 0...2, z: 0...5, view: .standard)
        let primitives = depthSortedPrimitives(surfaces: [surface], lines: [], projection: projection)
        let depths = primitives.map(\.depth)
        #expect(depths == depths.sorted())
        guard case .patch(_, let lastColor) = try #require(primitives.last).shape else {
            Issue.record("expected a patch")
            return
        }
        // The cell with the raised corner has the highest mean, so the brightest viridis colour of the four.
        #expect(lastColor.g > 0.2, "\(lastColor)")
    }

    @Test func linesOnASurfaceArePaintedAfterThePatchesUnderThem() {
        let x = grid(0, 1, 21)
        let surface = SurfacePlot(x: x, y: x, z: x.map { _ in x.map { _ in 0 } },
                                  colorScale: ColorScale(colorMap: .viridis, range: 0...1, levels: nil), order: 0)
        let line = Series3D(x: [0.52, 0.52], y: [0.01, 0.99], z: [0, 0],
                            series: Series(x: [], y: [], label: nil, color: .vermillion, lineWidth: 2,
                                           lineStyle: .solid, marker: nil, markerSize: 6))
        for view in [ViewAngle.standard, ViewAngle(elevation: 60, azimuth: 30), ViewAngle(elevation: 15, azimuth: -150)] {
            let projection = Projection(x: 0...1, y: 0...1, z: -1...1, view: view)
            let primitives = depthSortedPrimitives(surfaces: [surface], lines: [line], projection: projection)
            var pieces = 0
            for (index, primitive) in primitives.enumerated() {
                guard case .segment(let a, let b, _) = primitive.shape else { continue }
                pieces += 1
                let middle = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                // The patch under the piece's middle must come earlier.
                let under = primitives.firstIndex { candidate in
                    guard case .patch(let quad, _) = candidate.shape else { return false }
                    return contains(quad, middle)
                }
                #expect(under.map { $0 < index } == true, "view \(view): a piece is painted under its patch")
            }
            #expect(pieces > 10, "long segments are cut into pieces")
        }
    }

    /// Whether a convex quadrilateral contains a point.
    private func contains(_ quad: [Point], _ p: Point) -> Bool {
        var sign = 0.0
        for k in 0..<quad.count {
            let a = quad[k]
            let b = quad[(k + 1) % quad.count]
            let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            if cross != 0 {
                if sign != 0 && (cross > 0) != (sign > 0) { return false }
                sign = cross
            }
        }
        return true
    }

    @Test func aSurfaceRendersIn3D() throws {
        let x = grid(-1, 1, 20)
        let figure = Figure(width: 400, height: 300)
        figure.axes.surface(x: x, y: x, z: x.map { b in x.map { a in a * a + b * b } })
        #expect(figure.axes.is3D)
        let image = try render(figure)
        // Some viridis colour shows up, somewhere in the middle of the figure.
        var coloured = 0
        for y in stride(from: 60, to: 240, by: 4) {
            for x in stride(from: 80, to: 320, by: 4) {
                let p = image.pixel(x, y)
                if abs(p.r - p.g) > 30 || abs(p.g - p.b) > 30 { coloured += 1 }
            }
        }
        #expect(coloured > 300, "\(coloured)")
    }
}
