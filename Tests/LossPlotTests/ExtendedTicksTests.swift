import Foundation
import Testing
@testable import LossPlot

@Suite("Extended Wilkinson ticks")
struct ExtendedTicksTests {
    static let ranges: [(Double, Double)] = [
        (0, 1), (-0.2, 4.2), (-3.7, 12.2), (-5, -1), (0, 14), (-2.2, 2.2), (1, 9),
        (1e-9, 3e-9), (0.001, 0.0013), (100, 100.5), (-1e12, 5e13), (3e200, 7e200),
        (-0.003, 0.0001), (0.99, 1.01), (1e6, 1e6 + 3), (-1e-300, 1e-300),
    ]

    @Test("Labels are evenly spaced multiples of q × 10^z with q from Q", arguments: ranges)
    func evenlySpacedNiceMultiples(range: (Double, Double)) throws {
        let (lower, upper) = range
        for target in 2...10 {
            let labeling = try #require(ExtendedTicks.labeling(lower: lower, upper: upper, target: target),
                                        "\(range), target \(target)")
            let values = labeling.values
            #expect(values.count >= 2 && values.count <= 3 * target, "\(range), \(target): \(values)")
            let step = labeling.step
            for (a, b) in zip(values, values.dropFirst()) {
                #expect(abs((b - a) - step) <= step * 1e-9, "uneven steps in \(values)")
            }
            let q = ExtendedTicks.niceNumbers[labeling.niceIndex]
            #expect([1.0, 5, 2, 2.5, 4, 3].contains(q))
            // Each label is a multiple of q × 10^z.
            let unit = q * pow(10, Double(labeling.exponent))
            for value in values {
                let multiple = value / unit
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(value) is not a multiple of \(unit)")
            }
            // Labels stay close to the data: the coverage term forbids wild overshoot.
            #expect(values[0] > lower - (upper - lower) && values[values.count - 1] < upper + (upper - lower))
        }
    }

    @Test("Labels stay within given bounds", arguments: ranges)
    func withinBounds(range: (Double, Double)) {
        let (lower, upper) = range
        let values = ExtendedTicks.ticks(lower: lower, upper: upper, target: 5, within: lower...upper)
        let slack = (upper - lower) * 1e-9
        #expect(values.count >= 2, "\(range): \(values)")
        #expect(values.allSatisfy { $0 >= lower - slack && $0 <= upper + slack }, "\(range): \(values)")
    }

    @Test func knownLabelings() {
        // Worked out by hand from the paper's scoring: 0, 25, …, 100 (q = 2.5) scores 0.85,
        // beating 0, 20, …, 100 (0.775) and 0, 50, 100 (0.45) for a target of five labels.
        #expect(ExtendedTicks.ticks(lower: 0, upper: 100, target: 5) == [0, 25, 50, 75, 100])
        #expect(ExtendedTicks.ticks(lower: 0, upper: 1, target: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ExtendedTicks.ticks(lower: 0, upper: 10, target: 3) == [0, 5, 10])
        #expect(ExtendedTicks.ticks(lower: -1, upper: 1, target: 5) == [-1, -0.5, 0, 0.5, 1])
        // Zero is a favoured label (the simplicity bonus).
        #expect(ExtendedTicks.ticks(lower: -3.1, upper: 6.9, target: 4).contains(0))
    }

    @Test func valuesAreExactDecimals() {
        #expect(ExtendedTicks.ticks(lower: 0, upper: 0.5, target: 6).contains(0.3))
        #expect(ExtendedTicks.ticks(lower: 0, upper: 0.7e-6, target: 8).contains(0.3e-6))
    }

    @Test func theLegibilityTestRejectsCrowdedLabelings() {
        let crowded = ExtendedTicks.ticks(lower: 0, upper: 100, target: 10)
        #expect(crowded.count > 4)
        let sparse = ExtendedTicks.ticks(lower: 0, upper: 100, target: 10) { $0.count <= 3 }
        #expect(sparse.count >= 2 && sparse.count <= 3, "\(sparse)")
    }

    @Test func unlabelableRanges() {
        #expect(ExtendedTicks.ticks(lower: 1, upper: 1, target: 5).isEmpty)
        #expect(ExtendedTicks.ticks(lower: .nan, upper: 1, target: 5).isEmpty)
        #expect(ExtendedTicks.ticks(lower: 0, upper: .infinity, target: 5).isEmpty)
        #expect(ExtendedTicks.ticks(lower: 2, upper: 1, target: 5).isEmpty)
    }

    @Test func scoringTermsMatchThePaper() {
        // Simplicity: 1 − i/(|Q| − 1) − j + v.
        #expect(ExtendedTicks.simplicity(index: 0, skip: 1, lower: 0, upper: 10, step: 1) == 1)
        #expect(abs(ExtendedTicks.simplicity(index: 3, skip: 1, lower: 2.5, upper: 10, step: 2.5) + 0.6) < 1e-12)
        #expect(abs(ExtendedTicks.simplicity(index: 3, skip: 1, lower: 0, upper: 10, step: 2.5) - 0.4) < 1e-12)
        // Coverage is 1 for labels spanning exactly the data.
        #expect(ExtendedTicks.coverage(lower: 0, upper: 10, labelLower: 0, labelUpper: 10) == 1)
        #expect(abs(ExtendedTicks.coverage(lower: 0, upper: 10, labelLower: -1, labelUpper: 10) - 0.5) < 1e-12)
        // Density is 1 when there are as many labels as wanted.
        #expect(ExtendedTicks.density(count: 5, target: 5, lower: 0, upper: 4, labelLower: 0, labelUpper: 4) == 1)
        #expect(ExtendedTicks.densityMax(count: 3, target: 5) == 1)
        #expect(ExtendedTicks.densityMax(count: 9, target: 5) == 0)
    }
}

@Suite("Log-scale ticks")
struct LogTicksTests {
    private let alwaysFits: ([Double], [String]) -> Bool = { _, _ in true }

    @Test func decadesAreLabelledWithSuperscriptPowers() {
        let ticks = logTicks(lower: 1e-3, upper: 10, fits: alwaysFits)
        #expect(ticks.values == [0.001, 0.01, 0.1, 1, 10])
        #expect(ticks.labels == ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"])
        // Minor ticks at 2–9 × 10^k inside the range.
        #expect(ticks.minor.count == 4 * 8)
        #expect(ticks.minor.contains { abs($0 - 0.002) < 1e-15 } && ticks.minor.contains { abs($0 - 9) < 1e-12 })
        #expect(!ticks.minor.contains { $0 > 10 || $0 < 1e-3 })
    }

    @Test func rangesBetweenDecadesGetTheDecadesInside() {
        let ticks = logTicks(lower: 0.004, upper: 2.6, fits: alwaysFits)
        #expect(ticks.values == [0.01, 0.1, 1])
        #expect(ticks.minor.contains { abs($0 - 0.005) < 1e-15 } && ticks.minor.contains { abs($0 - 2) < 1e-12 })
    }

    @Test func crowdedDecadesAreThinned() {
        // Pretend only labels at least three decades apart fit.
        let ticks = logTicks(lower: 1e-12, upper: 1e12) { values, _ in
            zip(values, values.dropFirst()).allSatisfy { log10($1 / $0) >= 3 - 1e-9 }
        }
        #expect(ticks.values.count >= 2)
        #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { log10($1 / $0) >= 3 - 1e-9 })
        #expect(ticks.values.contains(1))
        #expect(!ticks.minor.isEmpty, "the unlabelled decades become minor ticks")
    }

    @Test func lessThanTwoDecadesLabelsTheMultiples() {
        let ticks = logTicks(lower: 2, upper: 40, fits: alwaysFits)
        #expect(ticks.values.first == 2 && ticks.values.contains(10) && ticks.values.last == 40)
        #expect(ticks.labels.contains("10") && ticks.labels.contains("3"))
        let thinned = logTicks(lower: 2, upper: 40) { values, _ in values.count <= 4 }
        #expect(thinned.values.count <= 4 && thinned.values.contains(10), "\(thinned.values)")
    }

    @Test func superscriptLabels() {
        #expect(powerOfTenLabel(0) == "10⁰")
        #expect(powerOfTenLabel(-12) == "10⁻¹²")
        #expect(decadeValue(-3) == 0.001)
    }

    @Test func logMappingSkipsNonPositiveValues() {
        let mapping = AxisMapping(scale: .log, lower: 1, upper: 100, start: 0, end: 200)
        #expect(abs(mapping(10) - 100) < 1e-9)
        #expect(!mapping(0).isFinite && !mapping(-5).isFinite)
        #expect(abs(mapping.value(at: 100) - 10) < 1e-9)
        // The automatic range ignores non-positive data and pads in log space.
        let interval = viewInterval(limits: nil, data: [-1, 0, 1, 100], scale: .log, margin: 0.05)
        #expect(abs(log10(interval.lower) + 0.1) < 1e-9 && abs(log10(interval.upper) - 2.1) < 1e-9)
        // A non-positive lower limit is replaced by the smallest positive value.
        let limited = viewInterval(limits: -5...1000, data: [0.5, 3], scale: .log, margin: 0.05)
        #expect(limited.lower == 0.5 && limited.upper == 1000)
    }
}
