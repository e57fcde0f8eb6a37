internal import Foundation

/// The direction a 3-D plot is seen from, in degrees, as matplotlib's `view_init` takes it.
///
/// ```swift
/// figure.axes.view = ViewAngle(elevation: 45, azimuth: -120)
/// ```
public struct ViewAngle: Sendable, Hashable {
    /// How far above the x–y plane the viewer stands: 0 looks from the side, 90 from straight above.
    public var elevation: Double
    /// The viewer's direction around the vertical axis, measured from the +x axis towards +y.
    public var azimuth: Double

    /// Creates a view from an elevation and an azimuth in degrees.
    public init(elevation: Double, azimuth: Double) {
        precondition(elevation.isFinite && azimuth.isFinite,
                     "A view angle needs finite degrees, but got elevation \(elevation) and azimuth \(azimuth).")
        self.elevation = elevation
        self.azimuth = azimuth
    }

    /// matplotlib's default view: elevation 30°, azimuth −60°, so that x runs to the lower
    /// right and y to the upper right.
    public static let standard = ViewAngle(elevation: 30, azimuth: -60)
}

/// A 3-D vector in the normalised box coordinates of a 3-D plot.
struct Vector3: Equatable {
    var x: Double
    var y: Double
    var z: Double

    static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(x: a.x - b.x, y: a.y - b.y, z: a.z - b.z) }
    static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }
    static func * (a: Vector3, s: Double) -> Vector3 { Vector3(x: a.x * s, y: a.y * s, z: a.z * s) }

    func dot(_ other: Vector3) -> Double { x * other.x + y * other.y + z * other.z }

    func cross(_ other: Vector3) -> Vector3 {
        Vector3(x: y * other.z - z * other.y, y: z * other.x - x * other.z, z: x * other.y - y * other.x)
    }

    var length: Double { dot(self).squareRoot() }
    var normalized: Vector3 { length > 0 ? self * (1 / length) : self }
}

/// An orthographic projection of a data box onto the figure.
///
/// Data are first scaled into a box centred on the origin, 1 wide, 1 deep and 0.75 tall
/// (matplotlib's 4 : 4 : 3 box), then seen from the ``ViewAngle``: the viewer looks along
/// `−d` with `d = (cos e cos a, cos e sin a, sin e)`, screen right is `(−sin a, cos a, 0)` and
/// screen up is `d × right`. The depth of a point is its component along `d`: larger is nearer.
struct Projection {
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    var z: ClosedRange<Double>
    /// Half the size of the box along x, y and z.
    var halfSize = Vector3(x: 0.5, y: 0.5, z: 0.375)
    let toViewer: Vector3
    let right: Vector3
    let up: Vector3
    /// Figure points per box unit.
    var scale: Double = 1
    /// Where the centre of the box lands on the figure.
    var center = Point(x: 0, y: 0)

    init(x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>, view: ViewAngle) {
        self.x = x
        self.y = y
        self.z = z
        let e = view.elevation * Double.pi / 180
        let a = view.azimuth * Double.pi / 180
        toViewer = Vector3(x: cos(e) * cos(a), y: cos(e) * sin(a), z: sin(e))
        right = Vector3(x: -sin(a), y: cos(a), z: 0)
        up = toViewer.cross(right)
    }

    /// The data point in box coordinates, each from −halfSize to +halfSize.
    func boxPoint(_ px: Double, _ py: Double, _ pz: Double) -> Vector3 {
        func unit(_ v: Double, _ r: ClosedRange<Double>) -> Double {
            let span = r.upperBound - r.lowerBound
            return span > 0 ? (v - r.lowerBound) / span - 0.5 : 0
        }
        return Vector3(x: 2 * halfSize.x * unit(px, x), y: 2 * halfSize.y * unit(py, y), z: 2 * halfSize.z * unit(pz, z))
    }

    /// Where a box point lands on the figure.
    func point(_ p: Vector3) -> Point {
        Point(x: center.x + scale * p.dot(right), y: center.y - scale * p.dot(up))
    }

    /// How near the viewer a box point is (larger is nearer).
    func depth(_ p: Vector3) -> Double { p.dot(toViewer) }

    /// Where a data point lands on the figure.
    func project(_ px: Double, _ py: Double, _ pz: Double) -> Point { point(boxPoint(px, py, pz)) }

    /// The eight corners of the box, in box coordinates; corner `k` has x at its maximum when
    /// bit 0 of `k` is set, y when bit 1 is, z when bit 2 is.
    var corners: [Vector3] {
        (0..<8).map { k in
            Vector3(x: k & 1 == 0 ? -halfSize.x : halfSize.x,
                    y: k & 2 == 0 ? -halfSize.y : halfSize.y,
                    z: k & 4 == 0 ? -halfSize.z : halfSize.z)
        }
    }

    /// Chooses ``scale`` and ``center`` so that the box, grown by `margin` points on every
    /// side, fits `rect` as large as possible.
    mutating func fit(in rect: Rect, margin: Double) {
        let xs = corners.map { $0.dot(right) }
        let ys = corners.map { $0.dot(up) }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return }
        let available = (width: max(1, rect.width - 2 * margin), height: max(1, rect.height - 2 * margin))
        scale = min(available.width / max(maxX - minX, 1e-9), available.height / max(maxY - minY, 1e-9))
        center = Point(x: rect.midX - scale * (minX + maxX) / 2, y: rect.midY + scale * (minY + maxY) / 2)
    }
}
