internal import Foundation

/// How data values are spaced along an axis.
///
/// ```swift
/// figure.axes.yScale = .log      // training losses that fall over several decades
/// ```
///
/// On a logarithmic axis only positive values can be shown. The rule for the others is the
/// one for NaN: a point whose coordinate on a log axis is zero or negative is skipped, a line
/// is broken there instead of joined across, and such values play no part in the automatic
/// limits. Limits set by hand must then be positive; a non-positive lower limit is ignored in
/// favour of the smallest positive data value.
public enum AxisScale: Sendable, Hashable {
    /// Equal distances for equal differences (the default).
    case linear
    /// Equal distances for equal ratios, base 10: 1, 10 and 100 are evenly spaced.
    case log
}

/// The data interval an axis shows and the stretch of figure coordinates it is drawn onto.
///
/// For a log axis, positions are linear in `log10(value)`; non-positive values map to a
/// non-finite position, which every renderer treats as a missing point.
struct AxisMapping {
    var scale: AxisScale
    /// The data value at `start`.
    var lower: Double
    /// The data value at `end`.
    var upper: Double
    /// Where `lower` lands (left edge, or bottom edge for a vertical axis).
    var start: Double
    /// Where `upper` lands (right edge, or top edge for a vertical axis).
    var end: Double

    init(scale: AxisScale = .linear, lower: Double, upper: Double, start: Double, end: Double) {
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// The value in the space where the axis is linear: itself, or its base-10 logarithm.
    @inline(__always)
    func transformed(_ value: Double) -> Double {
        switch scale {
        case .linear: value
        case .log: value > 0 ? log10(value) : .nan
        }
    }

    /// The figure coordinate of `value`; not finite for values a log axis cannot show.
    func callAsFunction(_ value: Double) -> Double {
        let t0 = transformed(lower)
        let t1 = transformed(upper)
        return start + (transformed(value) - t0) / (t1 - t0) * (end - start)
    }

    /// The data value at figure coordinate `position` (the inverse of calling the mapping).
    func value(at position: Double) -> Double {
        let t0 = transformed(lower)
        let t1 = transformed(upper)
        let t = t0 + (position - start) / (end - start) * (t1 - t0)
        return scale == .log ? pow(10, t) : t
    }

    /// Whether `value` lies within the interval, allowing for rounding error.
    func contains(_ value: Double) -> Bool {
        let t = transformed(value)
        let t0 = transformed(lower)
        let t1 = transformed(upper)
        let slack = (t1 - t0) * 1e-9
        return t >= t0 - slack && t <= t1 + slack
    }
}

/// Ticks for a base-10 log axis showing `lower...upper` (both positive).
///
/// Major ticks sit on the decades 10^k and are labelled `10ᵏ` with superscript digits; when the
/// labels would not fit, only every second, third, fifth, … decade is labelled. Minor ticks
/// sit on 2–9 × 10^k when every decade is labelled, and on the unlabelled decades otherwise.
/// When the range holds fewer than two decades, the multiples 1–9 × 10^k are the major ticks,
/// labelled as plain decimals and thinned to 1, 2, 3, 5, 7 × 10^k (and so on) until they fit.
///
/// - Parameter fits: Whether labels at the given values fit next to each other along the axis.
func logTicks(lower: Double, upper: Double, fits: ([Double], [String]) -> Bool) -> AxisTicks {
    guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return AxisTicks() }
    let lowDecade = Int((log10(lower) - 1e-9).rounded(.up))
    let highDecade = Int((log10(upper) + 1e-9).rounded(.down))
    func inside(_ v: Double) -> Bool { v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) }

    if highDecade - lowDecade + 1 >= 2 {
        let decades = Array(lowDecade...highDecade)
        for every in [1, 2, 3, 5, 10, 20, 50, 100] {
            let chosen = decades.filter { $0 % every == 0 }
            let values = chosen.map { decadeValue($0) }
            let labels = chosen.map(powerOfTenLabel)
            guard fits(values, labels) || chosen.count <= 2 || every == 100 else { continue }
            var minor: [Double] = []
            if every == 1 {
                for decade in (lowDecade - 1)...highDecade {
                    for m in 2...9 {
                        let v = Double(m) * decadeValue(decade)
                        if inside(v) { minor.append(v) }
                    }
                }
            } else {
                minor = decades.filter { $0 % every != 0 }.map { decadeValue($0) }
            }
            return AxisTicks(values: values, labels: labels, minor: minor)
        }
    }
    // Less than two decades: label the multiples 1–9 × 10^k, keeping as many as fit.
    var all: [Double] = []
    for decade in (lowDecade - 1)...(highDecade + 1) {
        for m in 1...9 {
            let v = Double(m) * decadeValue(decade)
            if inside(v) { all.append(v) }
        }
    }
    for keep in [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 5, 7], [1, 2, 5], [1, 3], [1]] {
        let values = all.filter { keep.contains(leadingDigit($0)) }
        let labels = values.map { formatTickLabel($0, step: 0, scientific: $0 >= 1e6 || $0 < 1e-4) }
        if fits(values, labels) || keep == [1] {
            let minor = all.filter { !keep.contains(leadingDigit($0)) }
            return AxisTicks(values: values, labels: labels, minor: minor)
        }
    }
    return AxisTicks()
}

/// 10^k, computed so that negative powers are the decimals they look like (0.001, not 0.0010000000000000002).
func decadeValue(_ k: Int) -> Double {
    k >= 0 ? pow(10, Double(k)) : 1 / pow(10, Double(-k))
}

/// The first significant digit of a positive number.
private func leadingDigit(_ value: Double) -> Int {
    let exponent = (log10(value) + 1e-9).rounded(.down)
    return Int((value / pow(10, exponent) + 1e-6).rounded(.down))
}

/// "10⁻³", "10⁰", "10²": the label of a decade tick, with superscript digits and minus sign.
func powerOfTenLabel(_ exponent: Int) -> String {
    let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
}
