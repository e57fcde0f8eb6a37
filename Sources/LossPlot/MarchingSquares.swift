/// Level sets of a function sampled on a rectangular grid, by marching squares.
///
/// The grid holds `z[j][i]`, the value at `(x[i], y[j])`; `x` and `y` must be increasing.
/// Each cell is treated on its own: along its edges the value is interpolated linearly, and a
/// level crosses an edge where one end is at or above the level and the other below it. A cell
/// whose corners alternate above and below (a saddle) is resolved by the mean of its four
/// corners: when that is above the level the two high corners are joined through the middle,
/// otherwise the two low ones are. Lines and filled regions use the same rule, so filled bands
/// meet the contour lines exactly. Cells with a non-finite corner are left out.
///
/// - Source: W. E. Lorensen and H. E. Cline, "Marching Cubes: A High Resolution 3D Surface
///   Construction Algorithm", SIGGRAPH 1987, in its two-dimensional form.
struct MarchingSquares {
    let x: [Double]
    let y: [Double]
    let z: [[Double]]

    /// A point in data coordinates.
    typealias DataPoint = (x: Double, y: Double)

    init(x: [Double], y: [Double], z: [[Double]]) {
        precondition(z.count == y.count && z.allSatisfy { $0.count == x.count },
                     "A contour grid needs z[j][i] for every y[j] and x[i]: \(y.count) rows of \(x.count) values.")
        self.x = x
        self.y = y
        self.z = z
    }

    private var columns: Int { x.count - 1 }
    private var rows: Int { y.count - 1 }

    /// The corners of cell `(i, j)` counter-clockwise from the lower left, with their values.
    private func corners(_ i: Int, _ j: Int) -> [(point: DataPoint, value: Double)] {
        [((x[i], y[j]), z[j][i]), ((x[i + 1], y[j]), z[j][i + 1]),
         ((x[i + 1], y[j + 1]), z[j + 1][i + 1]), ((x[i], y[j + 1]), z[j + 1][i])]
    }

    /// A key naming one grid edge: the bottom, right, top or left (`side` 0...3) edge of cell `(i, j)`.
    private func edgeKey(_ i: Int, _ j: Int, side: Int) -> Int {
        let width = x.count
        switch side {
        case 0: return 2 * (j * width + i)
        case 1: return 2 * (j * width + i + 1) + 1
        case 2: return 2 * ((j + 1) * width + i)
        default: return 2 * (j * width + i) + 1
        }
    }

    /// Where the level crosses the edge from `a` to `b`.
    private func crossing(_ a: (point: DataPoint, value: Double), _ b: (point: DataPoint, value: Double),
                          level: Double) -> DataPoint {
        let t = (level - a.value) / (b.value - a.value)
        return (a.point.x + t * (b.point.x - a.point.x), a.point.y + t * (b.point.y - a.point.y))
    }

    /// For one cell, the pairs of sides whose crossings are joined by a segment of the level set.
    private func sidePairs(_ c: [(point: DataPoint, value: Double)], level: Double) -> [(Int, Int)] {
        let inside = c.map { $0.value >= level }
        let crossed = (0..<4).filter { inside[$0] != inside[($0 + 1) % 4] }
        if crossed.count == 2 { return [(crossed[0], crossed[1])] }
        guard crossed.count == 4 else { return [] }
        // A saddle: cut off the two corners that are not joined through the middle. Corner k
        // lies between sides k - 1 and k.
        let centreInside = (c[0].value + c[1].value + c[2].value + c[3].value) / 4 >= level
        return (0..<4).filter { inside[$0] != centreInside }.map { (($0 + 3) % 4, $0) }
    }

    /// The segments of the level set `z = level`, joined into polylines. Closed curves repeat
    /// their first point at the end.
    func isolines(level: Double) -> [[DataPoint]] {
        guard columns >= 1, rows >= 1 else { return [] }
        var points: [Int: DataPoint] = [:]
        var links: [Int: [Int]] = [:]
        for j in 0..<rows {
            for i in 0..<columns {
                let c = corners(i, j)
                guard c.allSatisfy({ $0.value.isFinite }) else { continue }
                for (a, b) in sidePairs(c, level: level) {
                    let keyA = edgeKey(i, j, side: a)
                    let keyB = edgeKey(i, j, side: b)
                    points[keyA] = crossing(c[a], c[(a + 1) % 4], level: level)
                    points[keyB] = crossing(c[b], c[(b + 1) % 4], level: level)
                    links[keyA, default: []].append(keyB)
                    links[keyB, default: []].append(keyA)
                }
            }
        }
        var visited = Set<Int>()
        var lines: [[DataPoint]] = []
        func trace(from start: Int) {
            var line: [DataPoint] = []
            var previous: Int?
            var current: Int? = start
            while let key = current, !visited.contains(key) {
                visited.insert(key)
                if let p = points[key] { line.append(p) }
                let next = links[key, default: []].first { $0 != previous && !visited.contains($0) }
                    ?? links[key, default: []].first { $0 == start && $0 != previous && line.count > 2 }
                previous = key
                current = next
            }
            if current == start, let first = line.first { line.append(first) }
            if line.count >= 2 { lines.append(line) }
        }
        // Open curves start at an end (a key with one link); what is left are loops.
        for key in links.keys.sorted() where links[key]?.count == 1 && !visited.contains(key) { trace(from: key) }
        for key in links.keys.sorted() where !visited.contains(key) { trace(from: key) }
        return lines
    }

    /// Polygons that together cover the region where `z ≥ level`, all counter-clockwise in
    /// data coordinates. Runs of cells lying wholly in the region are merged into one rectangle
    /// per row, which keeps the paths short.
    func superlevelPolygons(level: Double) -> [[DataPoint]] {
        guard columns >= 1, rows >= 1 else { return [] }
        var polygons: [[DataPoint]] = []
        for j in 0..<rows {
            var runStart: Int?
            func closeRun(at end: Int) {
                guard let start = runStart else { return }
                polygons.append([(x[start], y[j]), (x[end], y[j]), (x[end], y[j + 1]), (x[start], y[j + 1])])
                runStart = nil
            }
            for i in 0..<columns {
                let c = corners(i, j)
                guard c.allSatisfy({ $0.value.isFinite }) else {
                    closeRun(at: i)
                    continue
                }
                let inside = c.map { $0.value >= level }
                if inside.allSatisfy({ $0 }) {
                    if runStart == nil { runStart = i }
                    continue
                }
                closeRun(at: i)
                guard inside.contains(true) else { continue }
                polygons.append(contentsOf: cellPolygons(c, inside: inside, level: level))
            }
            closeRun(at: columns)
        }
        return polygons
    }

    /// The part of one partly covered cell where `z ≥ level`.
    private func cellPolygons(_ c: [(point: DataPoint, value: Double)], inside: [Bool],
                              level: Double) -> [[DataPoint]] {
        let isSaddle = inside[0] == inside[2] && inside[1] == inside[3] && inside[0] != inside[1]
        let centreInside = (c[0].value + c[1].value + c[2].value + c[3].value) / 4 >= level
        if isSaddle && !centreInside {
            // Two separate corners: a triangle around each.
            return (0..<4).filter { inside[$0] }.map { k in
                let before = (k + 3) % 4
                return [crossing(c[before], c[k], level: level), c[k].point,
                        crossing(c[k], c[(k + 1) % 4], level: level)]
            }
        }
        // Walk around the cell, keeping corners inside and crossings between.
        var polygon: [DataPoint] = []
        for k in 0..<4 {
            let next = (k + 1) % 4
            if inside[k] { polygon.append(c[k].point) }
            if inside[k] != inside[next] { polygon.append(crossing(c[k], c[next], level: level)) }
        }
        return [polygon]
    }
}
