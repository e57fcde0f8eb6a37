/// The parts of a 3-D plot's box: which faces are at the back, and the edges that carry the axes.
struct Box3D {
    var projection: Projection
    /// For x, y and z: the data value of the back face (seen from the inside) and of the front one.
    var back: (x: Double, y: Double, z: Double)
    var front: (x: Double, y: Double, z: Double)
    /// The x and y of the vertical edge that carries the z axis.
    var zEdge: (x: Double, y: Double)

    init(projection: Projection) {
        self.projection = projection
        let d = projection.toViewer
        let (x, y, z) = (projection.x, projection.y, projection.z)
        back = (d.x > 0 ? x.lowerBound : x.upperBound, d.y > 0 ? y.lowerBound : y.upperBound,
                d.z > 0 ? z.lowerBound : z.upperBound)
        front = (d.x > 0 ? x.upperBound : x.lowerBound, d.y > 0 ? y.upperBound : y.lowerBound,
                 d.z > 0 ? z.upperBound : z.lowerBound)
        // Of the two vertical edges that are neither at the back nor at the front, the left one.
        let a = (x: back.x, y: front.y)
        let b = (x: front.x, y: back.y)
        let pa = projection.project(a.x, a.y, back.z)
        let pb = projection.project(b.x, b.y, back.z)
        zEdge = pa.x <= pb.x ? a : b
    }

    /// The three back panes as polygons on the figure, with their data corners.
    var panes: [[(Double, Double, Double)]] {
        let (x, y, z) = (projection.x, projection.y, projection.z)
        return [
            [(back.x, y.lowerBound, z.lowerBound), (back.x, y.upperBound, z.lowerBound),
             (back.x, y.upperBound, z.upperBound), (back.x, y.lowerBound, z.upperBound)],
            [(x.lowerBound, back.y, z.lowerBound), (x.upperBound, back.y, z.lowerBound),
             (x.upperBound, back.y, z.upperBound), (x.lowerBound, back.y, z.upperBound)],
            [(x.lowerBound, y.lowerBound, back.z), (x.upperBound, y.lowerBound, back.z),
             (x.upperBound, y.upperBound, back.z), (x.lowerBound, y.upperBound, back.z)],
        ]
    }

    /// The data point on axis `axis` (0 = x, 1 = y, 2 = z) at `value`, on the edge carrying it.
    func axisPoint(_ axis: Int, _ value: Double) -> (Double, Double, Double) {
        switch axis {
        case 0: (value, front.y, back.z)
        case 1: (front.x, value, back.z)
        default: (zEdge.x, zEdge.y, value)
        }
    }

    /// The range of axis `axis`.
    func range(_ axis: Int) -> ClosedRange<Double> {
        axis == 0 ? projection.x : axis == 1 ? projection.y : projection.z
    }

    /// Where a data point lands on the figure.
    func point(_ p: (Double, Double, Double)) -> Point { projection.project(p.0, p.1, p.2) }

    /// The unit vector on the figure pointing away from the box across the edge of `axis`.
    func outward(_ axis: Int) -> (x: Double, y: Double) {
        let r = range(axis)
        let a = point(axisPoint(axis, r.lowerBound))
        let b = point(axisPoint(axis, r.upperBound))
        var n = (x: -(b.y - a.y), y: b.x - a.x)
        let length = (n.x * n.x + n.y * n.y).squareRoot()
        guard length > 0 else { return (0, 1) }
        n = (n.x / length, n.y / length)
        let centre = projection.center
        let middle = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        if n.x * (middle.x - centre.x) + n.y * (middle.y - centre.y) < 0 { n = (-n.x, -n.y) }
        return n
    }
}
