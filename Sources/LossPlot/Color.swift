/// An RGBA colour with components between 0 and 1.
///
/// The default colour cycle is the Okabe–Ito palette, which stays distinguishable for
/// readers with the common forms of colour-vision deficiency:
///
/// ```swift
/// figure.axes.plot(x, y, color: .vermillion)
/// figure.axes.plot(x, z, color: Color(hex: 0x336699))
/// ```
public struct Color: Sendable, Hashable, CustomStringConvertible {
    /// The red component, from 0 to 1.
    public var r: Double
    /// The green component, from 0 to 1.
    public var g: Double
    /// The blue component, from 0 to 1.
    public var b: Double
    /// The opacity, from 0 (transparent) to 1 (opaque).
    public var alpha: Double

    /// Creates a colour from red, green and blue components and an opacity, each from 0 to 1.
    public init(r: Double, g: Double, b: Double, alpha: Double = 1) {
        for (name, value) in [("r", r), ("g", g), ("b", b), ("alpha", alpha)] {
            precondition((0...1).contains(value),
                         "Color component \(name) is \(value), but it must lie between 0 and 1.")
        }
        self.r = r
        self.g = g
        self.b = b
        self.alpha = alpha
    }

    /// Creates a colour from a 24-bit hexadecimal RGB value such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        precondition(hex <= 0xFFFFFF, "Color(hex:) takes a 24-bit RGB value such as 0x0072B2, not \(hex).")
        self.init(r: Double((hex >> 16) & 0xFF) / 255,
                  g: Double((hex >> 8) & 0xFF) / 255,
                  b: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// The same colour with a different opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(r: r, g: g, b: b, alpha: alpha)
    }

    /// The same hue, 30% darker: for text drawn in the colour of a light line.
    var darkened: Color {
        Color(r: r * 0.7, g: g * 0.7, b: b * 0.7, alpha: alpha)
    }

    /// The colour as `#RRGGBB`, followed by the opacity when it is not 1.
    public var description: String {
        func hex(_ c: Double) -> String {
            let byte = Int((c * 255).rounded())
            return (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        let rgb = "#" + hex(r) + hex(g) + hex(b)
        return alpha == 1 ? rgb : "\(rgb) (alpha \(alpha))"
    }
}

extension Color {
    /// Okabe–Ito blue, `#0072B2`: the first colour of the default cycle.
    public static let blue = Color(hex: 0x0072B2)
    /// Okabe–Ito orange, `#E69F00`.
    public static let orange = Color(hex: 0xE69F00)
    /// Okabe–Ito bluish green, `#009E73`.
    public static let bluishGreen = Color(hex: 0x009E73)
    /// Okabe–Ito vermillion, `#D55E00`.
    public static let vermillion = Color(hex: 0xD55E00)
    /// Okabe–Ito reddish purple, `#CC79A7`.
    public static let reddishPurple = Color(hex: 0xCC79A7)
    /// Okabe–Ito sky blue, `#56B4E9`.
    public static let skyBlue = Color(hex: 0x56B4E9)
    /// Okabe–Ito yellow, `#F0E442`.
    public static let yellow = Color(hex: 0xF0E442)
    /// Black, `#000000`.
    public static let black = Color(hex: 0x000000)
    /// White, `#FFFFFF`.
    public static let white = Color(hex: 0xFFFFFF)
    /// A neutral mid grey, `#808080`.
    public static let gray = Color(hex: 0x808080)

    /// The colours given, in order, to series plotted without an explicit colour
    /// (the Okabe–Ito palette); after the last one the cycle starts again.
    public static let cycle: [Color] = [
        .blue, .orange, .bluishGreen, .vermillion, .reddishPurple, .skyBlue, .yellow, .black,
    ]

    /// The colour of the cycle at position `index`, wrapping around at the end.
    static func cycled(_ index: Int) -> Color {
        cycle[((index % cycle.count) + cycle.count) % cycle.count]
    }
}
