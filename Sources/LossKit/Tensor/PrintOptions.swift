// How numbers print: four decimals by default, like PyTorch's `torch.set_printoptions`, so that
// a learner reads 0.6714, not 0.6713697636783833. Tensors, tables, cell values (`Out[n]`) and
// LossKit's own reports all use it; `setPrintOptions(precision:)` changes it for the rest of
// the program.

import Foundation
import Synchronization

/// How tensors, tables and reported numbers are printed.
///
/// A group of numbers printed together (a tensor, a table column) shares one format, chosen as
/// PyTorch chooses it:
/// - when every finite value is a whole number, they print as whole numbers (`2.0`, `-7.0`);
/// - otherwise with ``precision`` digits after the point (`0.6714`), unless the nonzero
///   magnitudes span more than a factor of 1000, or one is at least 10⁸ or below 10⁻⁴: then in
///   scientific notation with ``precision`` digits after the point (`1.1893e-15`).
///
/// ```swift
/// setPrintOptions(precision: 2)
/// print(Tensor([0.12345, 2.5]))   // tensor([0.12, 2.50])
/// ```
public struct PrintOptions: Sendable, Equatable {
    /// When numbers are written in scientific notation.
    public enum Notation: Sendable, Equatable {
        /// Scientific when the values' magnitudes need it (the rule above).
        case automatic
        /// Always fixed-point decimals.
        case fixed
        /// Always scientific notation.
        case scientific
    }

    /// Digits after the decimal point (PyTorch's `precision`); at least 0, at most 17.
    public var precision: Int
    /// When to use scientific notation.
    public var notation: Notation

    /// Four decimals, scientific notation when the magnitudes need it: PyTorch's defaults.
    public static let standard = PrintOptions(precision: 4, notation: .automatic)

    /// Options with `precision` digits after the point and the given notation.
    public init(precision: Int = 4, notation: Notation = .automatic) {
        checkPrecondition(
            (0...17).contains(precision),
            "Print precision must be between 0 and 17 digits after the point, not \(precision).")
        self.precision = precision
        self.notation = notation
    }

    /// The options in force: ``standard`` until ``setPrintOptions(precision:notation:)`` changes them.
    public static var current: PrintOptions { currentPrintOptions.withLock { $0 } }

    /// `values` written in one shared format (see ``PrintOptions``); NaN and infinities print
    /// as `nan`, `inf` and `-inf`.
    public func format(_ values: [Double]) -> [String] {
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(abs)
        let wholeNumbers = values.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
        let largest = magnitudes.max() ?? 0
        let smallest = magnitudes.min() ?? 0
        let scientific: Bool
        switch notation {
        case .fixed: scientific = false
        case .scientific: scientific = true
        case .automatic:
            scientific = !magnitudes.isEmpty
                && (largest >= 1e8 || (!wholeNumbers && (largest / smallest > 1000 || smallest < 1e-4)))
        }
        return values.map { value in
            guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
            if scientific { return String(format: "%.\(precision)e", value) }
            if wholeNumbers && notation == .automatic { return "\(value)" }
            return String(format: "%.\(precision)f", value)
        }
    }

    /// One number in the format ``format(_:)`` would give it alone.
    public func format(_ value: Double) -> String {
        format([value])[0]
    }
}

/// The options ``PrintOptions/current`` returns.
private let currentPrintOptions = Mutex(PrintOptions.standard)

/// Changes how tensors, tables and reported numbers print from here on, like PyTorch's
/// `torch.set_printoptions`.
///
/// ```swift
/// setPrintOptions(precision: 8)   // more digits, to see a difference in the 7th decimal
/// setPrintOptions(precision: 4)   // back to the default
/// ```
///
/// - Parameters:
///   - precision: Digits after the decimal point (0 to 17); `nil` keeps the current value.
///   - notation: When to use scientific notation; `nil` keeps the current choice.
public func setPrintOptions(precision: Int? = nil, notation: PrintOptions.Notation? = nil) {
    let current = PrintOptions.current
    let options = PrintOptions(precision: precision ?? current.precision, notation: notation ?? current.notation)
    currentPrintOptions.withLock { $0 = options }
}

extension DefaultStringInterpolation {
    /// Writes `value` with `precision` digits after the point, like Python's `f"{value:.4f}"`,
    /// switching to scientific notation only for magnitudes below 10⁻⁴ or from 10⁸ on:
    /// `"\(loss.item, precision: 4)"`.
    public mutating func appendInterpolation(_ value: Double, precision: Int) {
        appendLiteral(PrintOptions(precision: precision).formatAlone(value))
    }

    /// Writes `values` in brackets, each with `precision` digits after the point in one shared
    /// format (see ``PrintOptions``): `"\(losses, precision: 3)"` gives `[0.512, 0.250]`.
    public mutating func appendInterpolation(_ values: [Double], precision: Int) {
        appendLiteral("[" + PrintOptions(precision: precision).format(values).joined(separator: ", ") + "]")
    }
}

extension PrintOptions {
    /// One number as a formatted string would show it: fixed decimals (`2.0000`, `0.0625`),
    /// scientific below 10⁻⁴ or from 10⁸ on.
    func formatAlone(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let magnitude = abs(value)
        if notation == .scientific || (notation == .automatic && magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e8)) {
            return String(format: "%.\(precision)e", value)
        }
        return String(format: "%.\(precision)f", value)
    }
}
