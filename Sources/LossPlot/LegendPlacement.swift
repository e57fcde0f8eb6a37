/// What a legend should avoid covering, in figure coordinates.
struct LegendObstacles {
    /// Data points (vertices of lines, markers).
    var points: [Point] = []
    /// Line segments between consecutive points, and reference lines.
    var segments: [(Point, Point)] = []
    /// Texts such as annotations and reference-line labels.
    var boxes: [Rect] = []

    /// How badly a legend at `rect` would cover the data: one for every point inside, one for
    /// every segment crossing it, and five for every text it overlaps.
    func badness(of rect: Rect) -> Int {
        var score = 0
        for p in points where rect.contains(p) { score += 1 }
        for (a, b) in segments {
            // A cheap rejection before the exact test.
            if max(a.x, b.x) < rect.minX || min(a.x, b.x) > rect.maxX
                || max(a.y, b.y) < rect.minY || min(a.y, b.y) > rect.maxY { continue }
            if clipSegment(a, b, to: rect) != nil { score += 1 }
        }
        for box in boxes where box.intersects(rect) { score += 5 }
        return score
    }
}

/// The candidate positions of ``LegendPosition/best``, in matplotlib's order of preference.
let legendCandidates: [LegendPosition] = [
    .upperRight, .upperLeft, .lowerLeft, .lowerRight, .right, .left, .lowerCenter, .upperCenter, .center,
]

/// The legend's box at a fixed `position` inside `area`, `inset` points from its edges.
func legendRect(_ position: LegendPosition, size: (width: Double, height: Double), in area: Rect,
                inset: Double) -> Rect {
    let left = area.minX + inset
    let right = area.maxX - inset - size.width
    let centerX = area.midX - size.width / 2
    let top = area.minY + inset
    let bottom = area.maxY - inset - size.height
    let centerY = area.midY - size.height / 2
    let origin: (Double, Double)
    switch position {
    case .best, .upperRight, .hidden: origin = (right, top)
    case .outside: origin = (area.maxX + inset, area.minY)
    case .upperLeft: origin = (left, top)
    case .lowerLeft: origin = (left, bottom)
    case .lowerRight: origin = (right, bottom)
    case .right: origin = (right, centerY)
    case .left: origin = (left, centerY)
    case .lowerCenter: origin = (centerX, bottom)
    case .upperCenter: origin = (centerX, top)
    case .center: origin = (centerX, centerY)
    }
    return Rect(x: origin.0, y: origin.1, width: size.width, height: size.height)
}

/// The candidate position where the legend covers the least, earlier candidates winning ties.
func bestLegendPosition(size: (width: Double, height: Double), in area: Rect, inset: Double,
                        obstacles: LegendObstacles) -> LegendPosition {
    var best = LegendPosition.upperRight
    var bestScore = Int.max
    for candidate in legendCandidates {
        let score = obstacles.badness(of: legendRect(candidate, size: size, in: area, inset: inset))
        if score < bestScore {
            best = candidate
            bestScore = score
            if score == 0 { break }
        }
    }
    return best
}

/// The box of the legend at its best position; see ``bestLegendPosition(size:in:inset:obstacles:)``.
func bestLegendRect(size: (width: Double, height: Double), in area: Rect, inset: Double,
                    obstacles: LegendObstacles) -> Rect {
    legendRect(bestLegendPosition(size: size, in: area, inset: inset, obstacles: obstacles),
               size: size, in: area, inset: inset)
}

extension Axes {
    /// The points, segments and texts of these 2-D axes that a legend should not cover.
    func legendObstacles(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) -> LegendObstacles {
        var obstacles = LegendObstacles()
        for line in series {
            for run in line.finiteRuns(layout.point) {
                obstacles.points += run
                if line.lineStyle != nil {
                    for (a, b) in zip(run, run.dropFirst()) { obstacles.segments.append((a, b)) }
                }
            }
        }
        for area in areas {
            for polygon in area.polygons(layout.point) {
                for (a, b) in zip(polygon, polygon.dropFirst()) { obstacles.segments.append((a, b)) }
            }
        }
        for line in referenceLines {
            if let segment = line.segment(layout) { obstacles.segments.append(segment) }
            if let placement = line.labelPlacement(layout, canvas: canvas, style: style) {
                obstacles.boxes.append(placement.box)
            }
        }
        for annotation in annotations {
            if let (_, box) = annotation.textBox(layout, canvas: canvas) { obstacles.boxes.append(box) }
        }
        return obstacles
    }
}
