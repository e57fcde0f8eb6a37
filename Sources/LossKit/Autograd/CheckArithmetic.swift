// What `gradientCheck` and `secondOrderGradientCheck` share: the uneven weights that reduce an
// output (or pick a direction), the error measures, and the layout of their reports.

/// `count` values with magnitudes in [0.5, 1.5) and random signs: uneven, so that a mistake in any
/// one element shows, and never near zero.
func unevenSignedValues(count: Int, using generator: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in
        let magnitude = 0.5 + RandomSampling.unit(using: &generator)
        return generator.next() & 1 == 0 ? magnitude : -magnitude
    }
}

/// The largest `|a − b|` and `|a − b| / max(1, |a|, |b|)` over two lists of the same length. A
/// NaN error (a NaN element, or an infinity against a finite number) makes the measure NaN, so
/// that such a gradient fails every tolerance.
func largestErrors(_ first: [Double], _ second: [Double]) -> (absolute: Double, relative: Double) {
    var absolute = 0.0
    var relative = 0.0
    for (a, b) in zip(first, second) {
        let difference = (a - b).magnitude
        let scaled = difference / Swift.max(1, a.magnitude, b.magnitude)
        absolute = difference.isNaN ? .nan : Swift.max(absolute, difference)
        relative = scaled.isNaN ? .nan : Swift.max(relative, scaled)
        if relative.isNaN { break }
    }
    return (absolute, relative)
}

/// The lines of a check's report: the title, then for each input its summary and, when it failed,
/// the two lists compared, labelled and aligned, with numbers in the print format.
func checkReport(
    title: String,
    inputs: [(summary: String, passed: Bool, analytic: [Double], numeric: [Double])],
    analyticLabel: String, numericLabel: String
) -> String {
    let options = PrintOptions.current
    let width = Swift.max(analyticLabel.count, numericLabel.count) + 2
    func line(_ label: String, _ values: [Double]) -> String {
        let head = label + ":"
        return "    " + head + String(repeating: " ", count: width - head.count) + "[" + options.format(values).joined(separator: ", ") + "]"
    }
    var lines = [title]
    for input in inputs {
        lines.append("  " + input.summary)
        if !input.passed {
            lines.append(line(analyticLabel, input.analytic))
            lines.append(line(numericLabel, input.numeric))
        }
    }
    return lines.joined(separator: "\n")
}
