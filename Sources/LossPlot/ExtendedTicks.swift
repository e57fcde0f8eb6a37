internal import Foundation

/// Tick positions chosen by the extended Wilkinson algorithm.
///
/// Every candidate labelling is a run of `k` values `start·q·10^z, (start + j)·q·10^z, …`, with
/// `q` from the "nice" list `Q = [1, 5, 2, 2.5, 4, 3]` (earlier is nicer) and a skip `j ≥ 1`
/// (showing every `j`-th multiple). Each candidate is scored by four criteria, weighted
/// 0.25, 0.2, 0.5 and 0.05:
///
/// - simplicity `1 − i/(|Q| − 1) − j + v`, where `i` is the position of `q` in `Q` (from 0)
///   and `v` is 1 when zero is one of the labels;
/// - coverage `1 − ½((max − lmax)² + (min − lmin)²) / (0.1·(max − min))²`, how snugly the
///   labels span the data;
/// - density `2 − max(r/ρ, ρ/r)`, comparing the labels per unit `r` with the target `ρ`
///   (`m` labels over the data range);
/// - legibility, 1 when the labels fit next to each other and −∞ when they would overlap
///   (the paper also scores font size, orientation and format, which are fixed here).
///
/// The search enumerates `j`, `q`, `k` and `z` in order and stops each loop as soon as an upper
/// bound of the score can no longer beat the best labelling found, so it inspects only a few
/// hundred candidates (with hard limits for when no candidate is legible).
///
/// - Source: J. Talbot, S. Lin and P. Hanrahan, "An Extension of Wilkinson's Algorithm for
///   Positioning Tick Labels on Axes", IEEE Transactions on Visualization and Computer
///   Graphics 16(6), 2010.
struct ExtendedTicks {
    /// The nice step mantissas, nicest first.
    static let niceNumbers: [Double] = [1, 5, 2, 2.5, 4, 3]
    /// The weights of simplicity, coverage, density and legibility.
    static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    /// One labelling: `count` values from `(first·q)·10^exponent`, each `skip·q·10^exponent` apart.
    struct Labeling: Equatable {
        var first: Int
        var skip: Int
        var niceIndex: Int
        var exponent: Int
        var count: Int

        /// The label values, computed as integers times a power of ten so that they are the
        /// decimals they look like (0.3, not 0.30000000000000004).
        var values: [Double] {
            // q·10 is an integer for every q in Q.
            let tenQ = Int((ExtendedTicks.niceNumbers[niceIndex] * 10).rounded())
            let power = exponent - 1
            return (0..<count).map { i in
                let units = Double((first + i * skip) * tenQ)
                return power >= 0 ? units * pow(10, Double(power)) : units / pow(10, Double(-power))
            }
        }

        var step: Double {
            let value = Double(skip) * ExtendedTicks.niceNumbers[niceIndex]
            return exponent >= 0 ? value * pow(10, Double(exponent)) : value / pow(10, Double(-exponent))
        }
    }

    /// The best labelling of `lower...upper` with about `target` labels.
    ///
    /// - Parameters:
    ///   - lower: The smallest data value to label (the data, not the padded view: coverage
    ///     rewards labels that span exactly the data).
    ///   - upper: The largest data value; must be greater than `lower`.
    ///   - target: The wanted number of labels `m` (at least 2).
    ///   - bounds: If given, only labellings whose values all lie in this interval are considered
    ///     (for axes, whose ticks outside the visible range would not be drawn anyway).
    ///   - integers: Whether only whole-number steps are allowed (for axes that count things,
    ///     such as the rows and columns of a heatmap).
    ///   - legible: Whether the labels of a candidate fit without overlapping; called only for
    ///     candidates that could win.
    /// - Returns: The tick values, or an empty array if the range cannot be labelled.
    static func ticks(lower: Double, upper: Double, target: Int, within bounds: ClosedRange<Double>? = nil,
                      integers: Bool = false, legible: ([Double]) -> Bool = { _ in true }) -> [Double] {
        labeling(lower: lower, upper: upper, target: target, within: bounds, integers: integers,
                 legible: legible)?.values ?? []
    }

    /// The best labelling; see ``ticks(lower:upper:target:within:integers:legible:)``.
    static func labeling(lower: Double, upper: Double, target: Int, within bounds: ClosedRange<Double>? = nil,
                         integers: Bool = false, legible: ([Double]) -> Bool = { _ in true }) -> Labeling? {
        precondition(target >= 2, "The extended tick algorithm needs a target of at least 2 labels, not \(target).")
        let span = upper - lower
        guard lower.isFinite, upper.isFinite, span.isFinite, span > 0,
              span > 1e-10 * max(abs(lower), abs(upper)) else { return nil }
        let w = weights
        let q = niceNumbers
        var best = -Double.infinity
        var result: Labeling?
        let slack = span * 1e-9
        // The bounds below prune the search once a labelling has been found. Should every
        // candidate be rejected as illegible, these limits end it: skips beyond 10, counts beyond
        // three times the target and steps spanning ten times the data never win anyway.
        let maximumCount = max(12, 3 * target)
        var rejected = 0

        var j = 1
        jLoop: while j <= 10 {
            for (index, qValue) in q.enumerated() {
                let simplicityBound = simplicityMax(index: index, skip: j)
                if w.simplicity * simplicityBound + w.coverage + w.density + w.legibility < best { break jLoop }
                var k = 2
                while k <= maximumCount {
                    let densityBound = densityMax(count: k, target: target)
                    if w.simplicity * simplicityBound + w.coverage + w.density * densityBound + w.legibility < best {
                        break
                    }
                    let delta = span / Double(k + 1) / Double(j) / qValue
                    var z = Int(log10(delta).rounded(.up))
                    while z < 400 {
                        let step = Double(j) * qValue * pow(10, Double(z))
                        guard step.isFinite, step > 0, step * Double(k - 1) <= 10 * span else { break }
                        // A whole-number step: q·10^z with z ≥ 1, or z = 0 and q itself whole.
                        if integers && (z < 0 || (z == 0 && qValue != qValue.rounded())) {
                            z += 1
                            continue
                        }
                        let coverageBound = coverageMax(lower: lower, upper: upper, span: step * Double(k - 1))
                        if w.simplicity * simplicityBound + w.coverage * coverageBound
                            + w.density * densityBound + w.legibility < best { break }
                        let minStart = (upper / step).rounded(.down) * Double(j) - Double((k - 1) * j)
                        let maxStart = (lower / step).rounded(.up) * Double(j)
                        if minStart > maxStart || abs(minStart) > 1e12 || abs(maxStart) > 1e12 {
                            z += 1
                            continue
                        }
                        for start in Int(minStart)...Int(maxStart) {
                            let labelLower = Double(start) * (step / Double(j))
                            let labelUpper = labelLower + step * Double(k - 1)
                            if let bounds, labelLower < bounds.lowerBound - slack
                                || labelUpper > bounds.upperBound + slack { continue }
                            let s = simplicity(index: index, skip: j, lower: labelLower, upper: labelUpper, step: step)
                            let c = coverage(lower: lower, upper: upper, labelLower: labelLower, labelUpper: labelUpper)
                            let g = density(count: k, target: target, lower: lower, upper: upper,
                                            labelLower: labelLower, labelUpper: labelUpper)
                            let score = w.simplicity * s + w.coverage * c + w.density * g + w.legibility
                            guard score > best else { continue }
                            let candidate = Labeling(first: start, skip: j, niceIndex: index, exponent: z, count: k)
                            guard legible(candidate.values) else {
                                rejected += 1
                                if rejected > 500 { break jLoop }
                                continue
                            }
                            best = score
                            result = candidate
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        return result
    }

    static func simplicity(index: Int, skip: Int, lower: Double, upper: Double, step: Double) -> Double {
        let n = Double(niceNumbers.count)
        let remainder = abs(lower.truncatingRemainder(dividingBy: step))
        let tolerance = 1e-10 * step
        let hasZero = lower <= 0 && upper >= 0 && (remainder < tolerance || step - remainder < tolerance)
        return 1 - Double(index) / (n - 1) - Double(skip) + (hasZero ? 1 : 0)
    }

    static func simplicityMax(index: Int, skip: Int) -> Double {
        1 - Double(index) / Double(niceNumbers.count - 1) - Double(skip) + 1
    }

    // The terms below are computed from ratios of distances to the data range, so that they
    // neither underflow nor overflow for ranges near the limits of Double (1e-300, 1e300).

    static func coverage(lower: Double, upper: Double, labelLower: Double, labelUpper: Double) -> Double {
        let range = upper - lower
        let top = (upper - labelUpper) / range
        let bottom = (lower - labelLower) / range
        return 1 - 0.5 * (top * top + bottom * bottom) / 0.01
    }

    static func coverageMax(lower: Double, upper: Double, span: Double) -> Double {
        let range = upper - lower
        guard span > range else { return 1 }
        let half = (span - range) / 2 / range
        return 1 - 0.5 * (2 * half * half) / 0.01
    }

    static func density(count: Int, target: Int, lower: Double, upper: Double,
                        labelLower: Double, labelUpper: Double) -> Double {
        // r / ρ: labels per unit over the labels' span, against the target over the whole span.
        let ratio = Double(count - 1) / Double(target - 1)
            * ((max(labelUpper, upper) - min(lower, labelLower)) / (labelUpper - labelLower))
        return 2 - max(ratio, 1 / ratio)
    }

    static func densityMax(count: Int, target: Int) -> Double {
        count >= target ? 2 - Double(count - 1) / Double(target - 1) : 1
    }
}
