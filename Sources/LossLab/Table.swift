import Foundation

/// A small table of values to show below a cell: `display(Table(...))` prints it with aligned
/// columns (numbers right-aligned, text left-aligned).
///
/// The `Double`s of a column share one format, as a tensor's values do: four decimals by
/// default, scientific notation when the column's magnitudes need it, whole numbers as `2.0`
/// (see ``PrintOptions``; ``setPrintOptions(precision:notation:)`` changes it for later tables).
/// `Int`s print as they are.
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

    /// A table with `columns` headings and `rows` of values.
    ///
    /// - Parameters:
    ///   - columns: The headings.
    ///   - rows: One entry per column in each row: numbers, text, anything printable.
    ///   - precision: Digits after the point for this table's `Double`s; `nil` uses
    ///     ``PrintOptions/current``.
    public init(_ columns: [String], _ rows: [[any Sendable]], precision: Int? = nil) {
        precondition(
            rows.allSatisfy { $0.count == columns.count },
            "Every row of a Table needs \(columns.count) entries, one per column.")
        self.columns = columns
        var options = PrintOptions.current
        if let precision { options.precision = precision }
        var texts = rows.map { row in row.map { "\($0)" } }
        for column in columns.indices {
            let positions = rows.indices.filter { Self.decimal(rows[$0][column]) != nil }
            let formatted = options.format(positions.compactMap { Self.decimal(rows[$0][column]) })
            for (position, text) in zip(positions, formatted) { texts[position][column] = text }
        }
        self.rows = texts
        numeric = columns.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { $0[column] is Int || Self.decimal($0[column]) != nil }
        }
    }

    /// The value as a `Double` when it is a floating-point number.
    private static func decimal(_ value: any Sendable) -> Double? {
        if let number = value as? Double { return number }
        if let number = value as? Float { return Double(number) }
        return nil
    }

    /// The table as text: a heading row, a rule, then the rows.
    public var description: String {
        let widths = columns.indices.map { column in
            ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let text = cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return numeric[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
    }
}
