import Foundation

/// A small table of values to show below a cell: `display(Table(...))` prints it with aligned
/// columns (numbers right-aligned, text left-aligned).
///
/// ```swift
/// display(Table(["loss", "value"], [["MSE", 0.25], ["MAE", 0.4]]))
/// ```
public struct Table: CustomStringConvertible, Sendable {
    /// The column headings.
    public let columns: [String]
    /// The rows, each with one entry per column.
    public let rows: [[String]]
    /// Which columns hold numbers (right-aligned).
    let numeric: [Bool]

    /// A table with `columns` headings and `rows` of values; numbers are printed with up to
    /// `significantDigits` significant digits.
    public init(_ columns: [String], _ rows: [[any Sendable]], significantDigits: Int = 6) {
        precondition(
            rows.allSatisfy { $0.count == columns.count },
            "Every row of a Table needs \(columns.count) entries, one per column.")
        self.columns = columns
        self.rows = rows.map { row in row.map { Self.format($0, significantDigits: significantDigits) } }
        numeric = columns.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { $0[column] is Double || $0[column] is Int || $0[column] is Float }
        }
    }

    static func format(_ value: any Sendable, significantDigits: Int) -> String {
        if let number = value as? Double { return formatNumber(number, significantDigits: significantDigits) }
        if let number = value as? Float { return formatNumber(Double(number), significantDigits: significantDigits) }
        return "\(value)"
    }

    static func formatNumber(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite, value != 0 else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-4 { return String(format: "%.\(significantDigits)g", value) }
        let decimals = max(0, significantDigits - 1 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// The table as text: a heading row, a rule, then the rows.
    public var description: String {
        let widths = columns.indices.map { column in
            ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return numeric[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
    }
}
