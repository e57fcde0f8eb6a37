import Foundation
import Testing
@testable import LossPlot

@Suite("Nice tick positions")
struct NiceTicksTests {
    static let ranges: [(Double, Double)] = [
        (0, 1), (-0.2, 4.2), (-3.7, 12.2), (-5, -1), (0, 14), (-2.2, 2.2),
        (1e-9, 3e-9), (0.001, 0.0013), (100, 100.5), (-1e12, 5e13), (3e200, 7e200),
        (-0.003, 0.0001), (0.99, 1.01), (1e6, 1e6 + 3),
    ]

    @Test("Ticks cover the range with an even 1, 2 or 5 × 10^k step", arguments: ranges)
    func coverAndNiceStep(range: (Double, Double)) {
        let (lower, upper) = range
        let slack = (upper - lower) * 1e-9
        for target in 3...9 {
            let ticks = niceTicks(min: lower, max: upper, targetCount: target)
            #expect(ticks.count >= 2, "\(range), target \(target): \(ticks)")
            guard let first = ticks.first, let last = ticks.last, ticks.count >= 2 else { continue }
            #expect(first <= lower + slack && last >= upper - slack, "\(range) not covered by \(ticks)")

            let step = ticks[1] - ticks[0]
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                #expect(abs((b - a) - step) <= step * 1e-6, "uneven steps in \(ticks)")
            }
            let mantissa = step / pow(10, (log10(step)).rounded(.down))
            #expect([1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) is not nice")

            // At most `target` inside the range, plus one loose tick at each end.
            let inside = ticks.filter { $0 >= lower - slack && $0 <= upper + slack }
            #expect(inside.count <= target, "\(range), target \(target): \(inside.count) inside")
            #expect(ticks.count <= target + 2)
            if target >= 5 { #expect(inside.count >= 2, "\(range), target \(target): \(ticks)") }
        }
    }

    @Test func typicalRangesGiveTheExpectedTicks() {
        #expect(niceTicks(min: 0, max: 1, targetCount: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(niceTicks(min: 0, max: 14, targetCount: 8) == [0, 2, 4, 6, 8, 10, 12, 14])
        #expect(niceTicks(min: -2.2, max: 2.2, targetCount: 9)
                == [-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5])
        #expect(niceTicks(min: -3.3, max: 3.3, targetCount: 7) == [-4, -3, -2, -1, 0, 1, 2, 3, 4])
    }

    @Test func valuesAreExactDecimals() {
        // 3 × 0.1 would be 0.30000000000000004.
        #expect(niceTicks(min: 0, max: 0.5, targetCount: 6).contains(0.3))
        #expect(niceTicks(min: 0, max: 5e-7, targetCount: 6).contains(3e-7))
    }

    @Test func argumentOrderDoesNotMatter() {
        #expect(niceTicks(min: 10, max: -3) == niceTicks(min: -3, max: 10))
    }

    @Test func emptyRangesAreWidened() {
        for value in [0.0, 3, -7.5, 1e-12, 4e9] {
            let ticks = niceTicks(min: value, max: value)
            #expect(ticks.count >= 3, "\(value): \(ticks)")
            #expect((ticks.first ?? .infinity) < value && (ticks.last ?? -.infinity) > value)
        }
    }

    @Test func nonFiniteBoundsGiveNoTicks() {
        #expect(niceTicks(min: .nan, max: 1).isEmpty)
        #expect(niceTicks(min: 0, max: .infinity).isEmpty)
        #expect(niceTicks(min: -.greatestFiniteMagnitude, max: .greatestFiniteMagnitude).isEmpty)
    }

    @Test func niceNumberRoundsAndCeils() {
        #expect(niceNumber(1.4, round: true).value == 1)
        #expect(niceNumber(2.9, round: true).value == 2)
        #expect(niceNumber(6.9, round: true).value == 5)
        #expect(niceNumber(7.1, round: true).value == 10)
        #expect(niceNumber(0.0031, round: false).value == 0.005)
        #expect(niceNumber(1.01, round: false).value == 2)
        #expect(niceNumber(20, round: false).value == 20)
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
        #expect(formatTickLabels(niceTicks(min: 0, max: 0.5, targetCount: 6))
                == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"])
    }

    @Test func negativeNumbersUseAMinusSignAndZeroHasNone() {
        #expect(formatTickLabels([-2, -1, 0, 1, 2]) == ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
        #expect(formatTickLabels([-0.0, 1, 2]) == ["0", "1", "2"])
        #expect(formatTickLabel(-1e-17, step: 0.1, scientific: false) == "0.0")
        #expect(formatTickLabel(-1e-17, step: 1e6, scientific: true) == "0")
        let labels = formatTickLabels(niceTicks(min: -1, max: 1))
        #expect(labels.contains("0.0") && !labels.contains("\u{2212}0.0"), "\(labels)")
    }

    @Test func veryLargeAndVerySmallMagnitudesUseScientificNotation() {
        #expect(formatTickLabels([0, 5e6, 1e7, 1.5e7]) == ["0", "5e6", "1e7", "1.5e7"])
        #expect(formatTickLabels([-1e6, 0, 1e6]) == ["\u{2212}1e6", "0", "1e6"])
        #expect(formatTickLabels([1e-5, 2e-5, 3e-5]) == ["1e\u{2212}5", "2e\u{2212}5", "3e\u{2212}5"])
        #expect(formatTickLabels([0, 2.5e-5, 5e-5]) == ["0", "2.5e\u{2212}5", "5e\u{2212}5"])
        #expect(formatTickLabels([3e200, 4e200]) == ["3e200", "4e200"])
    }

    @Test func aLoneValueGetsUpToSixSignificantDigits() {
        #expect(formatTickLabels([2.5]) == ["2.5"])
        #expect(formatTickLabels([1.0 / 3]) == ["0.333333"])
        #expect(formatTickLabels([1234.5]) == ["1234.5"])
    }
}
