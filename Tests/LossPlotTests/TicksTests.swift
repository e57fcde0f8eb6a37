import Foundation
import Testing
@testable import LossPlot

@Suite("Contour levels spanning the data")
struct SpanningLevelsTests {
    static let ranges: [(Double, Double)] = [
        (0, 1), (-0.2, 4.2), (-3.7, 12.2), (-5, -1), (0, 14), (-2.2, 2.2),
        (1e-9, 3e-9), (0.001, 0.0013), (100, 100.5), (-1e12, 5e13), (3e200, 7e200),
        (-0.003, 0.0001), (0.99, 1.01), (1e6, 1e6 + 3),
    ]

    @Test("Levels cover the range with an even 1, 2, 2.5 or 5 × 10^k step", arguments: ranges)
    func coverAndNiceStep(range: (Double, Double)) {
        let (lower, upper) = range
        let slack = (upper - lower) * 1e-9
        for intervals in 2...12 {
            let levels = spanningLevels(low: lower, high: upper, maxIntervals: intervals)
            #expect(levels.count >= 2 && levels.count - 1 <= intervals, "\(range), \(intervals): \(levels)")
            guard let first = levels.first, let last = levels.last, levels.count >= 2 else { continue }
            #expect(first <= lower + slack && last >= upper - slack, "\(range) not covered by \(levels)")
            let step = levels[1] - levels[0]
            for (a, b) in zip(levels, levels.dropFirst()) {
                #expect(abs((b - a) - step) <= step * 1e-6, "uneven steps in \(levels)")
            }
            let mantissa = step / pow(10, log10(step).rounded(.down))
            #expect([1.0, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) is not nice")
        }
    }

    @Test func typicalRangesGiveMatplotlibsLevels() {
        // matplotlib: MaxNLocator(8, steps=[1, 2, 2.5, 5, 10]).tick_values(1.6, 18.4)
        #expect(spanningLevels(low: 1.6, high: 18.4, maxIntervals: 8) == [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20])
        #expect(spanningLevels(low: 0, high: 1, maxIntervals: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(spanningLevels(low: -3.3, high: 3.3, maxIntervals: 8) == [-4, -3, -2, -1, 0, 1, 2, 3, 4])
    }

    @Test func valuesAreExactDecimals() {
        // 3 × 0.1 would be 0.30000000000000004.
        #expect(spanningLevels(low: 0, high: 0.5, maxIntervals: 5).contains(0.3))
        #expect(spanningLevels(low: 0, high: 5e-7, maxIntervals: 5).contains(3e-7))
    }

    @Test func emptyAndNonFiniteRanges() {
        for value in [0.0, 3, -7.5, 1e-12, 4e9] {
            let levels = spanningLevels(low: value, high: value, maxIntervals: 6)
            #expect((levels.first ?? .infinity) < value && (levels.last ?? -.infinity) > value, "\(value): \(levels)")
        }
        #expect(spanningLevels(low: .nan, high: 1, maxIntervals: 5).isEmpty)
        #expect(spanningLevels(low: 0, high: .infinity, maxIntervals: 5).isEmpty)
    }
}

@Suite("Tick labels")
struct TickLabelTests {
    @Test func allLabelsShareTheFewestDecimalsTheStepNeeds() {
        #expect(formatTickLabels([0, 0.5, 1, 1.5]) == ["0.0", "0.5", "1.0", "1.5"])
        #expect(formatTickLabels([0, 5, 10, 15]) == ["0", "5", "10", "15"])
        #expect(formatTickLabels([0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"])
        #expect(formatTickLabels([0, 20, 40]) == ["0", "20", "40"])
        #expect(formatTickLabels([0.001, 0.0012, 0.0014]) == ["0.0010", "0.0012", "0.0014"])
        #expect(formatTickLabels([100000, 200000, 300000]) == ["100000", "200000", "300000"])
        #expect(formatTickLabels(ExtendedTicks.ticks(lower: 0, upper: 0.5, target: 6))
                == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"])
    }

    @Test func negativeNumbersUseAMinusSignAndZeroHasNone() {
        #expect(formatTickLabels([-2, -1, 0, 1, 2]) == ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
        #expect(formatTickLabels([-0.0, 1, 2]) == ["0", "1", "2"])
        #expect(formatTickLabel(-1e-17, step: 0.1, scientific: false) == "0.0")
        #expect(formatTickLabel(-1e-17, step: 1e6, scientific: true) == "0")
        let labels = formatTickLabels(ExtendedTicks.ticks(lower: -1, upper: 1, target: 5))
        #expect(labels.contains("0.0") && !labels.contains("\u{2212}0.0"), "\(labels)")
    }

    @Test func veryLargeAndVerySmallMagnitudesUseScientificNotation() {
        #expect(formatTickLabels([0, 5e6, 1e7, 1.5e7]) == ["0", "5e6", "1e7", "1.5e7"])
        #expect(formatTickLabels([-1e6, 0, 1e6]) == ["\u{2212}1e6", "0", "1e6"])
        #expect(formatTickLabels([1e-5, 2e-5, 3e-5]) == ["1e\u{2212}5", "2e\u{2212}5", "3e\u{2212}5"])
        #expect(formatTickLabels([0, 2.5e-5, 5e-5]) == ["0", "2.5e\u{2212}5", "5e\u{2212}5"])
        #expect(formatTickLabels([3e200, 4e200]) == ["3e200", "4e200"])
    }

    @Test func ticksOffTheStepsGridKeepTheirOwnDigits() {
        // Ticks 0.2 apart that start at 1.05 (chapter 7's task weights): one decimal would print
        // "1.1, 1.2, 1.4, 1.6", four labels that are not where their ticks are.
        #expect(formatTickLabels([1.05, 1.25, 1.45, 1.65]) == ["1.05", "1.25", "1.45", "1.65"])
        #expect(formatTickLabels([0.15, 0.35, 0.55]) == ["0.15", "0.35", "0.55"])
        #expect(formatTickLabels([-1.05, 0.95, 2.95]) == ["\u{2212}1.05", "0.95", "2.95"])
        #expect(formatTickLabels([105, 125, 145]) == ["105", "125", "145"])
        #expect(formatTickLabels([1.5e-5, 3.5e-5, 5.5e-5]) == ["1.5e\u{2212}5", "3.5e\u{2212}5", "5.5e\u{2212}5"])
        // Every label, read back as a number, is its tick.
        let ticks = ExtendedTicks.ticks(lower: 1.04, upper: 1.66, target: 4)
        for (tick, label) in zip(ticks, formatTickLabels(ticks)) {
            let value = Double(label.replacingOccurrences(of: "\u{2212}", with: "-")) ?? .nan
            #expect(abs(value - tick) < 1e-9, "tick \(tick) labelled \(label)")
        }
    }

    @Test func aLoneValueGetsUpToSixSignificantDigits() {
        #expect(formatTickLabels([2.5]) == ["2.5"])
        #expect(formatTickLabels([1.0 / 3]) == ["0.333333"])
        #expect(formatTickLabels([1234.5]) == ["1234.5"])
    }

    @Test func contourLevelLabels() {
        #expect(levelLabels([0, 2.5, 5]) == ["0.0", "2.5", "5.0"])
        #expect(levelLabels([0.01, 0.1, 1, 10]) == ["0.01", "0.1", "1", "10"])
    }
}
