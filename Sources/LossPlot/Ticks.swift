internal import Foundation

/// Widens an empty or nearly empty interval so that it can be drawn and labelled:
/// `[v, v]` becomes `[v - |v|/10, v + |v|/10]`, or `[-1, 1]` around zero.
func expandedIfDegenerate(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
    let magnitude = max(abs(lower), abs(upper))
    guard upper - lower <= magnitude * 1e-12 else { return (lower, upper) }
    let center = lower + (upper - lower) / 2
    let half = center == 0 ? 1 : abs(center) / 10
    return (center - half, center + half)
}

/// Evenly spaced values that span `low...high` in at most `maxIntervals` steps, with the
/// smallest step of the form 1, 2, 2.5 or 5 × 10^k that manages it, as matplotlib's
/// `MaxNLocator(steps=[1, 2, 2.5, 5, 10])` chooses contour levels.
///
/// The first value is the last multiple of the step at or below `low`, the last the first
/// multiple at or above `high`. Values are computed as integers times a power of ten, so that
/// they are the decimals they look like. An empty range is widened first; non-finite bounds
/// give no values.
func spanningLevels(low: Double, high: Double, maxIntervals: Int) -> [Double] {
    precondition(maxIntervals >= 1, "spanningLevels needs at least one interval, not \(maxIntervals).")
    guard low.isFinite, high.isFinite else { return [] }
    let (lower, upper) = expandedIfDegenerate(Swift.min(low, high), Swift.max(low, high))
    let span = upper - lower
    guard span.isFinite, span > 0 else { return [] }
    let exponent = Int(log10(span / Double(maxIntervals)).rounded(.down))
    let tolerance = 1e-9
    for power in (exponent - 2)...(exponent + 2) {
        for tenths in [10, 20, 25, 50] {
            // The step is tenths × 10^(power − 1).
            let scale = power - 1 >= 0 ? pow(10, Double(power - 1)) : 1 / pow(10, Double(1 - power))
            let step = Double(tenths) * scale
            let first = (lower / step + tolerance).rounded(.down)
            let last = (upper / step - tolerance).rounded(.up)
            guard last - first <= Double(maxIntervals), abs(first) < 1e15, abs(last) < 1e15 else { continue }
            return (Int(first)...Int(last)).map { k in
                let units = Double(k * tenths)
                return power - 1 >= 0 ? units * pow(10, Double(power - 1)) : units / pow(10, Double(1 - power))
            }
        }
    }
    return []
}

/// Labels for equally spaced tick values, as a person would write them.
///
/// All labels of an axis get the same number of decimals, the fewest that write every tick
/// exactly (`0.0, 0.5, 1.0` but `0, 5, 10`; `0.00, 0.25, 0.50`; and `1.05, 1.25, 1.45` although
/// their step, 0.2, needs only one); negative numbers get a true minus sign (U+2212, as in
/// `−2`) and zero is never written "−0". When the largest magnitude
/// is at least a million or below 0.0001, labels use compact scientific notation instead,
/// with the fewest mantissa digits each value needs (`0, 5e6, 1e7, 1.5e7`; `2.5e−5`).
func formatTickLabels(_ ticks: [Double]) -> [String] {
    let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : 0
    let largest = ticks.lazy.filter(\.isFinite).map(abs).max() ?? 0
    let scientific = largest >= 1e6 || (largest > 0 && largest < 1e-4)
    let lastDigitStep = labelResolution(ticks, step: step)
    return ticks.map { formatTickLabel($0, step: lastDigitStep, scientific: scientific) }
}

/// The step whose last digit the labels must show: `step` itself, or a power of ten as small as
/// the last digit of the finest tick when a tick has more digits than the step (ticks at 1.05,
/// 1.25, 1.45 are 0.2 apart but need hundredths). At most three digits finer than the step, so
/// ticks that are not round numbers do not get fifteen decimals.
private func labelResolution(_ ticks: [Double], step: Double) -> Double {
    guard step > 0, step.isFinite else { return step }
    let stepExponent = lastDigitExponent(step)
    var finest = stepExponent
    for tick in ticks where tick.isFinite && tick != 0 && abs(tick) >= step * 1e-9 {
        finest = Swift.min(finest, lastDigitExponent(abs(tick)))
    }
    finest = Swift.max(finest, stepExponent - 3)
    return finest == stepExponent ? step : pow(10, Double(finest))
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
