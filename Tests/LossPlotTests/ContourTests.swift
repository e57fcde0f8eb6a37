import Foundation
import Testing
@testable import LossPlot

/// `count` evenly spaced values from `a` to `b`.
func grid(_ a: Double, _ b: Double, _ count: Int) -> [Double] {
    (0..<count).map { a + (b - a) * Double($0) / Double(count - 1) }
}

/// The signed area of a polygon (positive when counter-clockwise in data coordinates).
func signedArea(_ polygon: [MarchingSquares.DataPoint]) -> Double {
    var sum = 0.0
    for (k, p) in polygon.enumerated() {
        let q = polygon[(k + 1) % polygon.count]
        sum += p.x * q.y - q.x * p.y
    }
    return sum / 2
}

@Suite("Marching squares")
struct MarchingSquaresTests {
    /// The cone z = √(x² + y²) on [−2, 2]², whose level sets are circles of radius `level`.
    static let x = grid(-2, 2, 81)
    static let cone = MarchingSquares(x: x, y: x, z: x.map { b in x.map { a in (a * a + b * b).squareRoot() } })

    @Test("A cone's level sets are circles of the level's radius", arguments: [0.5, 1, 1.5])
    func coneLevelSetsAreCircles(radius: Double) throws {
        let lines = Self.cone.isolines(level: radius)
        #expect(lines.count == 1, "one closed curve, not \(lines.count)")
        let line = try #require(lines.first)
        let first = try #require(line.first)
        let last = try #require(line.last)
        #expect(first.x == last.x && first.y == last.y, "the curve is closed")
        // Linear interpolation along grid edges (spacing 0.05) misses the circle by far less than 0.01.
        for p in line {
            #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - radius) < 0.005, "\(p) is off the circle")
        }
        // The curve goes all the way round: its polygon area is close to π r².
        #expect(abs(abs(signedArea(Array(line.dropLast()))) - Double.pi * radius * radius) < 0.01)
    }

    @Test func theRegionAboveALevelHasTheRightArea() {
        // z ≥ 1 on the cone is the square minus the unit disc: 16 − π.
        let polygons = Self.cone.superlevelPolygons(level: 1)
        let area = polygons.map(signedArea).reduce(0, +)
        #expect(abs(area - (16 - Double.pi)) < 0.01, "area \(area)")
        #expect(polygons.allSatisfy { signedArea($0) >= -1e-15 }, "every polygon is counter-clockwise")
        // Whole cells are merged into one rectangle per row and run, so there are few polygons.
        #expect(polygons.count < 1000, "\(polygons.count) polygons")
    }

    @Test func aPlaneHasStraightLevelLines() throws {
        let x = grid(0, 1, 5)
        let plane = MarchingSquares(x: x, y: x, z: x.map { _ in x.map { $0 } })
        let lines = plane.isolines(level: 0.3)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.count == 5 && line.allSatisfy { abs($0.x - 0.3) < 1e-12 })
        let area = plane.superlevelPolygons(level: 0.3).map(signedArea).reduce(0, +)
        #expect(abs(area - 0.7) < 1e-12)
        #expect(plane.isolines(level: 2).isEmpty && plane.superlevelPolygons(level: 2).isEmpty)
    }

    @Test func saddlesAreResolvedByTheCentreValue() {
        // High corners at lower left and upper right.
        let x = [0.0, 1]
        let joined = MarchingSquares(x: x, y: x, z: [[1, 0], [0, 1]])
        // The centre (0.5) is at the level 0.4's high side: the high corners are joined, the
        // region is one hexagon and the two lines cut off the low corners.
        #expect(joined.superlevelPolygons(level: 0.4).count == 1)
        let lines = joined.isolines(level: 0.4)
        #expect(lines.count == 2)
        func near(_ corner: (Double, Double), _ line: [MarchingSquares.DataPoint]) -> Bool {
            line.allSatisfy { (($0.x - corner.0) * ($0.x - corner.0) + ($0.y - corner.1) * ($0.y - corner.1)).squareRoot() < 0.7 }
        }
        #expect(lines.allSatisfy { near((1, 0), $0) || near((0, 1), $0) }, "\(lines)")
        // At level 0.6 the centre is low: two separate triangles around the high corners.
        let split = joined.superlevelPolygons(level: 0.6)
        #expect(split.count == 2)
        let area: Double = split.map(signedArea).reduce(0, +)
        let expected: Double = 2 * 0.5 * 0.4 * 0.4
        #expect(abs(area - expected) < 1e-12)
    }

    @Test func cellsWithMissingValuesAreLeftOut() {
        let x = grid(0, 2, 3)
        var z = x.map { _ in x.map { $0 } }
        z[0][0] = .nan
        let squares = MarchingSquares(x: x, y: x, z: z)
        // The lower-left cell is missing: the region x ≥ 0 covers three of four cells.
        #expect(abs(squares.superlevelPolygons(level: -1).map(signedArea).reduce(0, +) - 3) < 1e-12)
        #expect(squares.isolines(level: 0.5).allSatisfy { line in line.allSatisfy { $0.y >= 1 - 1e-12 } })
    }
}

@Suite("Contour levels")
struct ContourLevelsTests {
    @Test func automaticLevelsSpanTheDataForFillsAndStayInsideForLines() {
        let filled = ContourLevels.automatic(8).resolve(low: 1.6, high: 18.4, filled: true)
        #expect(filled == [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20])
        let lines = ContourLevels.automatic(8).resolve(low: 1.6, high: 18.4, filled: false)
        #expect(lines == [2.5, 5, 7.5, 10, 12.5, 15, 17.5])
    }

    @Test func givenLevelsAreSortedAndCleaned() {
        let levels: ContourLevels = [2, 0.5, 1, 1, .nan]
        #expect(levels.resolve(low: 0, high: 3, filled: false) == [0.5, 1, 2])
        #expect(ContourLevels.values([3, 1]).resolve(low: 0, high: 5, filled: true) == [1, 3])
    }

    @Test func logarithmicLevelsAreEvenlySpacedInTheLogarithm() {
        let levels = ContourLevels.logarithmic(4).resolve(low: 0.01, high: 100, filled: true)
        #expect(levels == [0.01, 0.1, 1, 10, 100])
    }

    @Test func bandsTakeEvenlySpacedColours() {
        let scale = ColorScale(colorMap: .viridis, range: 0...3, levels: [0, 1, 2, 3])
        #expect(scale.position(of: 0.5) == 0 && scale.position(of: 1.5) == 0.5 && scale.position(of: 2.9) == 1)
        #expect(scale.position(of: -7) == 0 && scale.position(of: 70) == 1, "outside values take the outer bands")
        let plain = ColorScale(colorMap: .viridis, range: 0...4, levels: nil)
        #expect(plain.position(of: 1) == 0.25)
    }

    @Test func aFilledContourPaintsItsBands() throws {
        let x = grid(-1, 1, 41)
        let figure = Figure(width: 400, height: 300)
        figure.axes.contour(x: x, y: x, z: x.map { b in x.map { a in a * a + b * b } },
                            levels: [0, 0.5, 1, 1.5, 2], filled: true)
        figure.axes.colorbar()
        let layout = try figure.axesLayout()
        let image = try render(figure)
        // The centre is in the lowest band (viridis' first colour), the corners in the highest.
        let centre = layout.point(0, 0)
        #expect(image.pixel(Int(centre.x), Int(centre.y), matches: ColorMap.viridis.color(at: 0), tolerance: 6))
        let corner = layout.point(0.97, 0.97)
        #expect(image.pixel(Int(corner.x), Int(corner.y), matches: ColorMap.viridis.color(at: 1), tolerance: 6))
        // The colorbar shows the levels as ticks.
        #expect(layout.colorbar?.labels == ["0.0", "0.5", "1.0", "1.5", "2.0"])
    }
}
