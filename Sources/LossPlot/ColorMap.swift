/// A map from numbers between 0 and 1 to colours, for contours, heatmaps and surfaces.
///
/// The maps are built from published lookup tables and interpolated linearly between entries:
///
/// ```swift
/// let teal = ColorMap.viridis.color(at: 0.5)     // #21908C, the middle of viridis
/// figure.axes.heatmap(values, colorMap: .magma)
/// ```
///
/// `viridis` and `magma` are perceptually uniform and stay readable in grey and for readers with
/// colour-vision deficiency; `coolwarm` is diverging, for values on both sides of a middle such
/// as zero.
public struct ColorMap: Sendable, Hashable, CustomStringConvertible {
    /// The name of the map, such as `"viridis"`.
    public let name: String
    /// The table's red, green, blue triples, evenly spaced from 0 to 1.
    private let table: [Double]

    /// Creates a map that interpolates linearly between `colors`, evenly spaced from 0 to 1.
    ///
    /// - Parameters:
    ///   - name: A name for the map, shown in descriptions.
    ///   - colors: At least two colours; their opacity is ignored.
    public init(name: String, colors: [Color]) {
        precondition(colors.count >= 2, "A colour map needs at least two colours, but got \(colors.count).")
        self.init(name: name, table: colors.flatMap { [$0.r, $0.g, $0.b] })
    }

    private init(name: String, table: [Double]) {
        self.name = name
        self.table = table
    }

    /// Perceptually uniform from dark purple through teal to yellow; the default for
    /// contours, heatmaps and surfaces.
    ///
    /// - Source: S. van der Walt and N. Smith, the 256-entry table published with matplotlib 1.5 (2015).
    public static let viridis = ColorMap(name: "viridis", table: ColorMapData.viridis)

    /// Perceptually uniform from black through purple and red to pale yellow.
    ///
    /// - Source: S. van der Walt and N. Smith, the 256-entry table published with matplotlib 1.5 (2015).
    public static let magma = ColorMap(name: "magma", table: ColorMapData.magma)

    /// Diverging from blue through light grey to red, for values around a meaningful middle.
    ///
    /// - Source: K. Moreland, "Diverging Color Maps for Scientific Visualization", ISVC 2009,
    ///   the published 33-entry table.
    public static let coolwarm = ColorMap(name: "coolwarm", table: ColorMapData.coolwarm)

    /// How many entries the lookup table has.
    public var entryCount: Int { table.count / 3 }

    /// The colour at `position`, from 0 (the first table entry) to 1 (the last).
    ///
    /// Positions between entries are interpolated linearly in RGB; positions outside 0...1
    /// are clamped. NaN gives a transparent colour, so that missing values are not painted.
    public func color(at position: Double) -> Color {
        guard !position.isNaN else { return Color(r: 0, g: 0, b: 0, alpha: 0) }
        let rgb = components(at: position)
        return Color(r: rgb.r, g: rgb.g, b: rgb.b)
    }

    /// The interpolated red, green and blue at `position` (clamped to 0...1), without the
    /// range checks of ``Color``; used when filling many pixels.
    func components(at position: Double) -> (r: Double, g: Double, b: Double) {
        let last = entryCount - 1
        let scaled = min(max(position, 0), 1) * Double(last)
        let index = min(Int(scaled), last - 1)
        let fraction = scaled - Double(index)
        let a = 3 * index
        let b = a + 3
        func mix(_ offset: Int) -> Double {
            let value = table[a + offset] + (table[b + offset] - table[a + offset]) * fraction
            return min(max(value, 0), 1)
        }
        return (mix(0), mix(1), mix(2))
    }

    /// The map's name.
    public var description: String { name }
}

/// Maps data values onto a ``ColorMap``: linearly from `range` onto 0...1, or, when `levels`
/// are given, band by band (every value between two neighbouring levels gets one colour).
struct ColorScale {
    var colorMap: ColorMap
    var range: ClosedRange<Double>
    /// The boundaries of discrete colour bands, ascending, or nil for a continuous scale.
    var levels: [Double]?

    /// The position (0...1) on the colour map of `value`.
    func position(of value: Double) -> Double {
        if let levels, levels.count >= 2 {
            return Self.bandPosition(Self.band(of: value, levels: levels), bandCount: levels.count - 1)
        }
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0.5
    }

    func color(of value: Double) -> Color { colorMap.color(at: position(of: value)) }

    /// The index of the band between `levels[i]` and `levels[i + 1]` holding `value`;
    /// values beyond the outer levels belong to the outer bands.
    static func band(of value: Double, levels: [Double]) -> Int {
        var index = 0
        while index + 2 < levels.count && value >= levels[index + 1] { index += 1 }
        return index
    }

    /// Where band `index` of `bandCount` takes its colour: the first band at 0, the last at 1.
    static func bandPosition(_ index: Int, bandCount: Int) -> Double {
        bandCount > 1 ? Double(index) / Double(bandCount - 1) : 0.5
    }
}
