/// What the words after `swift` in a cell's fence say about the cell.
///
/// | option | meaning |
/// |---|---|
/// | `id=NAME` | a name for the cell (letters, digits, `-`, `_`), unique in the lesson |
/// | `hide` | the cell runs; its source is hidden in the site and folded in reports |
/// | `no-run` | the cell is shown but never compiled or run |
/// | `compile-fail` | the cell must fail to compile; the run fails if it compiles |
/// | `should-trap` | the cell must trap; the run fails if it finishes normally |
/// | `timeout=SECONDS` | the cell is stopped after this many seconds (default ``defaultTimeLimit``) |
public struct CellOptions: Sendable, Equatable, Codable {
    /// How a cell is expected to end.
    public enum Expectation: String, Sendable, Equatable, Codable {
        /// Runs to its end (the default).
        case succeeds
        /// Fails to compile (`compile-fail`).
        case failsToCompile
        /// Traps at run time (`should-trap`).
        case traps
    }

    /// Seconds a cell may run when it sets no `timeout=`.
    public static let defaultTimeLimit: Double = 120

    /// The cell's name, when it has one.
    public var id: String?
    /// Whether the source is hidden in the site.
    public var hidden = false
    /// Whether the cell is compiled and run at all.
    public var runs = true
    /// How the cell is expected to end.
    public var expectation = Expectation.succeeds
    /// The cell's own time limit in seconds, if it sets one.
    public var timeLimit: Double?

    /// Options with every default.
    public init() {}

    /// The options every lesson author can use, for error messages.
    static let summary = "id=NAME, hide, no-run, compile-fail, should-trap, timeout=SECONDS"

    /// Reads the option words of a fence; `location` (`file:line`) starts every error message.
    static func parse(_ words: [String], location: String) throws -> CellOptions {
        var options = CellOptions()
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts[0], parts.count == 2 ? parts[1] : nil) {
            case ("hide", nil): options.hidden = true
            case ("no-run", nil): options.runs = false
            case ("compile-fail", nil): options.expectation = .failsToCompile
            case ("should-trap", nil): options.expectation = .traps
            case ("id", let value?):
                guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw NotebookError("\(location): the cell id “\(value)” may only use letters, digits, - and _.")
                }
                options.id = value
            case ("timeout", let value?):
                guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    throw NotebookError("\(location): timeout=\(value) is not a positive number of seconds; write for example timeout=30.")
                }
                options.timeLimit = seconds
            default:
                throw NotebookError("\(location): unknown cell option “\(word)”. Cell options are: \(summary).")
            }
        }
        if !options.runs && options.expectation != .succeeds {
            throw NotebookError("\(location): a no-run cell is never compiled, so it cannot also be \(options.expectation == .traps ? "should-trap" : "compile-fail"). Keep one of the two options.")
        }
        return options
    }
}
