/// A point in figure coordinates: points from the top-left corner, y growing downwards.
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in figure coordinates.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// The rectangle grown by `amount` on every side (shrunk when negative).
    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}

/// Clips the segment from `a` to `b` to `rect` (Liang–Barsky).
///
/// Returns the visible part, or nil when the segment misses the rectangle. Used so that
/// points far outside the view never reach Cairo, whose fixed-point coordinates overflow.
func clipSegment(_ a: Point, _ b: Point, to rect: Rect) -> (Point, Point)? {
    let dx = b.x - a.x
    let dy = b.y - a.y
    var t0 = 0.0
    var t1 = 1.0
    let edges: [(p: Double, q: Double)] = [
        (-dx, a.x - rect.minX), (dx, rect.maxX - a.x),
        (-dy, a.y - rect.minY), (dy, rect.maxY - a.y),
    ]
    for (p, q) in edges {
        if p == 0 {
            if q < 0 { return nil }
            continue
        }
        let t = q / p
        if p < 0 {
            if t > t1 { return nil }
            t0 = max(t0, t)
        } else {
            if t < t0 { return nil }
            t1 = min(t1, t)
        }
    }
    let start = t0 == 0 ? a : Point(x: a.x + t0 * dx, y: a.y + t0 * dy)
    let end = t1 == 1 ? b : Point(x: a.x + t1 * dx, y: a.y + t1 * dy)
    return (start, end)
}

/// Clips a polygon to `rect` (Sutherland–Hodgman); the result may be empty.
func clipPolygon(_ polygon: [Point], to rect: Rect) -> [Point] {
    var output = polygon
    let edges: [(inside: (Point) -> Bool, cross: (Point, Point) -> Point)] = [
        ({ $0.x >= rect.minX }, { a, b in interpolate(a, b, t: (rect.minX - a.x) / (b.x - a.x)) }),
        ({ $0.x <= rect.maxX }, { a, b in interpolate(a, b, t: (rect.maxX - a.x) / (b.x - a.x)) }),
        ({ $0.y >= rect.minY }, { a, b in interpolate(a, b, t: (rect.minY - a.y) / (b.y - a.y)) }),
        ({ $0.y <= rect.maxY }, { a, b in interpolate(a, b, t: (rect.maxY - a.y) / (b.y - a.y)) }),
    ]
    for edge in edges {
        let input = output
        output = []
        guard let last = input.last else { break }
        var previous = last
        for current in input {
            if edge.inside(current) {
                if !edge.inside(previous) { output.append(edge.cross(previous, current)) }
                output.append(current)
            } else if edge.inside(previous) {
                output.append(edge.cross(previous, current))
            }
            previous = current
        }
    }
    return output
}

/// The point a fraction `t` of the way from `a` to `b`.
func interpolate(_ a: Point, _ b: Point, t: Double) -> Point {
    Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
}

extension Rect {
    /// Whether the point lies inside or on the edge of the rectangle.
    func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Whether the two rectangles overlap (touching edges do not count).
    func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// The area the two rectangles share.
    func overlapArea(with other: Rect) -> Double {
        let w = min(maxX, other.maxX) - max(minX, other.minX)
        let h = min(maxY, other.maxY) - max(minY, other.minY)
        return w > 0 && h > 0 ? w * h : 0
    }
}

extension Rect {
    /// The smallest rectangle holding both.
    func union(_ other: Rect) -> Rect {
        let left = min(minX, other.minX)
        let top = min(minY, other.minY)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}
