// Shared helpers for comparing computed numbers with expected ones.

import LossKit

/// Whether `actual` is within `tolerance` of `expected`, measured both absolutely and relative to `expected`:
/// `|actual − expected| ≤ tolerance + tolerance · |expected|`.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance + tolerance * abs(expected)
}

/// Whether two lists have the same length and every pair of elements passes ``isClose(_:_:tolerance:)``.
func allClose(_ actual: [Double], _ expected: [Double], tolerance: Double) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// The largest `|actual − expected|` over two lists of the same length (infinity if the lengths differ).
func largestDifference(_ actual: [Double], _ expected: [Double]) -> Double {
    guard actual.count == expected.count else { return .infinity }
    return zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
}
