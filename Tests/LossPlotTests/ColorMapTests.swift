import Testing
@testable import LossPlot

@Suite("Colour maps")
struct ColorMapTests {
    /// Entries of the published tables, copied from them (not from ColorMapData.swift).
    static let published: [(ColorMap, position: Double, rgb: (Double, Double, Double))] = [
        (.viridis, 0, (0.267004, 0.004874, 0.329415)),
        (.viridis, 64.0 / 255, (0.229739, 0.322361, 0.545706)),
        (.viridis, 128.0 / 255, (0.127568, 0.566949, 0.550556)),
        (.viridis, 1, (0.993248, 0.906157, 0.143936)),
        (.magma, 0, (0.001462, 0.000466, 0.013866)),
        (.magma, 64.0 / 255, (0.316654, 0.07169, 0.48538)),
        (.magma, 128.0 / 255, (0.716387, 0.214982, 0.47529)),
        (.magma, 1, (0.987053, 0.991438, 0.749504)),
        // Moreland's CoolWarmFloat33: entries 0, 8, 16 (the grey middle) and 32.
        (.coolwarm, 0, (0.2298057, 0.298717966, 0.753683153)),
        (.coolwarm, 0.25, (0.552953156, 0.688929332, 0.995375608)),
        (.coolwarm, 0.5, (0.865395197, 0.86541021, 0.865395561)),
        (.coolwarm, 1, (0.705673158, 0.01555616, 0.150232812)),
    ]

    @Test func endpointsAndMidpointsMatchThePublishedTables() {
        for (map, position, rgb) in Self.published {
            let color = map.color(at: position)
            #expect(abs(color.r - rgb.0) < 1e-6 && abs(color.g - rgb.1) < 1e-6 && abs(color.b - rgb.2) < 1e-6,
                    "\(map) at \(position): \(color.r), \(color.g), \(color.b)")
        }
        #expect(ColorMap.viridis.entryCount == 256 && ColorMap.magma.entryCount == 256)
        #expect(ColorMap.coolwarm.entryCount == 33)
    }

    @Test func positionsBetweenEntriesAreInterpolated() {
        // Halfway between coolwarm's entries 16 and 17.
        let color = ColorMap.coolwarm.color(at: 16.5 / 32)
        #expect(abs(color.r - (0.865395197 + 0.897787179) / 2) < 1e-9)
        #expect(abs(color.b - (0.865395561 + 0.820880546) / 2) < 1e-9)
        let ramp = ColorMap(name: "ramp", colors: [.black, .white])
        #expect(abs(ramp.color(at: 0.3).g - 0.3) < 1e-12)
    }

    @Test func positionsOutsideAreClampedAndNaNIsTransparent() {
        #expect(ColorMap.viridis.color(at: -3) == ColorMap.viridis.color(at: 0))
        #expect(ColorMap.viridis.color(at: 7) == ColorMap.viridis.color(at: 1))
        #expect(ColorMap.magma.color(at: .nan).alpha == 0)
        // Halfway between entries 127 (#21908D) and 128 (#21918C).
        #expect(ColorMap.viridis.color(at: 0.5).description == "#21908C")
    }
}
