internal import Foundation

/// A "nice" number: 1, 2 or 5 times a power of ten.
///
/// Tick values are computed as integer multiples `k × mantissa × 10^exponent`, dividing by a
/// power of ten for negative exponents, so that 0.1 × 3 comes out as 0.3 and not 0.30000000000000004.
struct NiceStep: Equatable {
    var mantissa: Int
    var exponent: Int

    var value: Double { multiple(1) }

    /// The next nice number up: 1 → 2 → 5 → 10.
    var larger: NiceStep {
        switch mantissa {
        case 1: NiceStep(mantissa: 2, exponent: exponent)
        case 2: NiceStep(mantissa: 5, exponent: exponent)
        default: NiceStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    /// The next nice number down: 10 → 5 → 2 → 1.
    var smaller: NiceStep {
        switch mantissa {
        case 5: NiceStep(mantissa: 2, exponent: exponent)
        case 2: NiceStep(mantissa: 1, exponent: exponent)
        default: NiceStep(mantissa: 5, exponent: exponent - 1)
        }
    }

    /// The `k`-th multiple of the step.
    func multiple(_ k: Int) -> Double {
        let count = Double(k * mantissa)
        return exponent >= 0
            ? count * pow(10, Double(exponent))
            : count / pow(10, Double(-exponent))
    }
}

/// Heckbert's `nicenum`: a 1, 2 or 5 × 10^k number near `x`.
///
/// With `round`, the nearest such number; otherwise the smallest one that is at least `x`.
/// `x` must be positive and finite.
func niceNumber(_ x: Double, round: Bool) -> NiceStep {
    var exponent = Int(log10(x).rounded(.down))
    let fraction = x / NiceStep(mantissa: 1, exponent: exponent).value
    let mantissa: Int
    if round {
        mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
        mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    if mantissa == 10 {
        exponent += 1
        return NiceStep(mantissa: 1, exponent: exponent)
    }
    return NiceStep(mantissa: mantissa, exponent: exponent)
}

/// Widens an empty or nearly empty interval so that it can be drawn and labelled:
/// `[v, v]` becomes `[v - |v|/10, v + |v|/10]`, or `[-1, 1]` around zero.
func expandedIfDegenerate(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
    let magnitude = max(abs(lower), abs(upper))
    guard upper - lower <= magnitude * 1e-12 else { return (lower, upper) }
    let center = lower + (upper - lower) / 2
    let half = center == 0 ? 1 : abs(center) / 10
    return (center - half, center + half)
}

/// Tick positions for an axis showing `min...max`: Heckbert's loose labelling
/// ("Nice numbers for graph labels", Graphics Gems, 1990) with a step chosen like
/// matplotlib's `MaxNLocator`.
///
/// The ticks are equally spaced by a step of 1, 2 or 5 × 10^k: the smallest such step that
/// puts at most `targetCount` ticks inside the range. (Heckbert rounds the span to a nice
/// number first, which can leave as few as three ticks, e.g. 0, 5, 10 for 0...14.) As in
/// Heckbert's loose labelling, the result then reaches out to the first multiple of the step
/// at or below `min` and the first at or above `max`, so it covers the range and has at most
/// `targetCount + 2` ticks. The bounds may come in either order; an empty range is widened
/// first. Returns an empty array when the bounds are not finite or too far apart to represent.
func niceTicks(min: Double, max: Double, targetCount: Int = 6) -> [Double] {
    guard let (step, first, last) = niceTickSteps(min: min, max: max, targetCount: targetCount) else {
        return []
    }
    return (first...last).map(step.multiple)
}

/// The step and the first and last multiples of it that ``niceTicks(min:max:targetCount:)`` returns.
func niceTickSteps(min: Double, max: Double, targetCount: Int) -> (step: NiceStep, first: Int, last: Int)? {
    precondition(targetCount >= 2, "niceTicks needs a target of at least 2 ticks, not \(targetCount).")
    guard min.isFinite, max.isFinite else { return nil }
    let (lower, upper) = expandedIfDegenerate(Swift.min(min, max), Swift.max(min, max))
    let span = upper - lower
    guard span.isFinite, span > 0 else { return nil }
    // A little tolerance, so that 0.3 / 0.1 = 2.9999999999999996 counts as a multiple.
    let tolerance = 1e-9
    func innerCount(_ step: NiceStep) -> Double {
        (upper / step.value + tolerance).rounded(.down) - (lower / step.value - tolerance).rounded(.up) + 1
    }
    // Start just below the step that would give targetCount + 1 intervals, then grow.
    var step = niceNumber(span / Double(targetCount + 1), round: false).smaller
    while innerCount(step) > Double(targetCount) { step = step.larger }
    let first = (lower / step.value + tolerance).rounded(.down)
    let last = (upper / step.value - tolerance).rounded(.up)
    guard abs(first) < 1e15, abs(last) < 1e15, step.value.isFinite, step.value > 0 else { return nil }
    return (step, Int(first), Int(last))
}

/// Labels for equally spaced tick values, as a person would write them.
///
/// All labels of an axis get the same number of decimals, the fewest the step needs
/// (`0.0, 0.5, 1.0` but `0, 5, 10`; `0.00, 0.25, 0.50`); negative numbers get a true minus sign (U+2212, as in
/// `−2`) and zero is never written "−0". When the largest magnitude
/// is at least a million or below 0.0001, labels use compact scientific notation instead,
/// with the fewest mantissa digits each value needs (`0, 5e6, 1e7, 1.5e7`; `2.5e−5`).
func formatTickLabels(_ ticks: [Double]) -> [String] {
    let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : 0
    let largest = ticks.lazy.filter(\.isFinite).map(abs).max() ?? 0
    let scientific = largest >= 1e6 || (largest > 0 && largest < 1e-4)
    return ticks.map { formatTickLabel($0, step: step, scientific: scientific) }
}

/// One tick label; see ``formatTickLabels(_:)``. A `step` of zero means "unknown":
/// the value is then written with up to six significant digits.
func formatTickLabel(_ value: Double, step: Double, scientific: Bool) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "\u{2212}∞" : "∞") }
    let stepExponent = step > 0 && step.isFinite ? lastDigitExponent(step) : nil
    if scientific {
        if value == 0 || (step > 0 && abs(value) < step * 1e-9) { return "0" }
        let exponent = Int((log10(abs(value)) + 1e-12).rounded(.down))
        let decimals = Swift.min(15, Swift.max(0, exponent - (stepExponent ?? (exponent - 5))))
        let text = String(format: "%.\(decimals)e", value)
        let parts = text.split(separator: "e", maxSplits: 1)
        guard parts.count == 2, let power = Int(parts[1]) else { return text }
        return withMinusSigns(removingNegativeZero(trimmingZeros(String(parts[0]))) + "e\(power)")
    }
    let decimals: Int
    if let stepExponent {
        decimals = Swift.min(15, Swift.max(0, -stepExponent))
    } else {
        let exponent = value == 0 ? 0 : Int(log10(abs(value)).rounded(.down))
        decimals = Swift.min(15, Swift.max(0, 5 - exponent))
    }
    var text = String(format: "%.\(decimals)f", value)
    if stepExponent == nil { text = trimmingZeros(text) }
    return withMinusSigns(removingNegativeZero(text))
}

/// The power of ten of the last significant digit of `step`: 0 for 5, -1 for 0.5, -2 for 0.25,
/// 1 for 20. Tolerates the rounding error of a step computed as a difference of ticks.
private func lastDigitExponent(_ step: Double) -> Int {
    var exponent = Int((log10(step) + 1e-9).rounded(.down))
    for _ in 0..<15 {
        let units = exponent >= 0 ? step / pow(10, Double(exponent)) : step * pow(10, Double(-exponent))
        if abs(units - units.rounded()) <= 1e-6 * max(1, units) { break }
        exponent -= 1
    }
    return exponent
}

/// "2.500" becomes "2.5" and "3.0" becomes "3"; numbers without a decimal point are unchanged.
private func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.last == "0" { result.removeLast() }
    if result.last == "." { result.removeLast() }
    return String(result)
}

/// Hyphens become the typographic minus sign U+2212, which is as wide as a digit.
private func withMinusSigns(_ text: String) -> String {
    String(text.map { $0 == "-" ? "\u{2212}" : $0 })
}

/// "-0", "-0.00" and the like lose their minus sign.
private func removingNegativeZero(_ text: String) -> String {
    guard text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) else { return text }
    return String(text.dropFirst())
}
