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
