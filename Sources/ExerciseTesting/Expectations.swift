import Foundation

/// Fails the check with `message` unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw ExpectationFailure(message()) }
}

/// Fails unless `actual` is within `tolerance` of `expected` (absolute, or relative to
/// `expected` for large values: `|actual − expected| ≤ tolerance · max(1, |expected|)`).
///
/// In a hidden check (see ``CheckContext``) the message says how far off the value is only as
/// a power of ten (“off by more than 1e-03”), never the expected value, so failures cannot be
/// collected into the hidden answers.
///
/// - Parameter what: names the quantity in the failure message (for example “the loss”).
public func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9, _ what: String) throws {
    guard actual.isFinite else {
        let shown = CheckContext.isHidden ? "" : "; expected \(expected)"
        throw ExpectationFailure("\(what) is \(actual)\(shown). Look for a division by zero or a log of 0.")
    }
    let allowed = tolerance * max(1, abs(expected))
    let difference = abs(actual - expected)
    guard difference > allowed else { return }
    if CheckContext.isHidden {
        let relative = difference / max(1, abs(expected))
        let decade = relative.isFinite ? pow(10, (log10(relative)).rounded(.down)) : relative
        throw ExpectationFailure(
            "\(what) is off by more than \(String(format: "%.0e", decade)) (relative; allowed \(String(format: "%.0e", tolerance))).")
    }
    throw ExpectationFailure(
        "\(what) is \(actual); expected \(expected) (difference \(difference), tolerance \(allowed)).")
}

/// Fails unless every element of `actual` is close to the same element of `expected`
/// (see ``expectClose(_:_:tolerance:_:)-(Double,_,_,_)``); the message names the first element that differs.
public func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9, _ what: String) throws {
    guard actual.count == expected.count else {
        throw ExpectationFailure("\(what) has \(actual.count) elements; expected \(expected.count).")
    }
    for index in actual.indices {
        try expectClose(actual[index], expected[index], tolerance: tolerance, "\(what)[\(index)]")
    }
}
