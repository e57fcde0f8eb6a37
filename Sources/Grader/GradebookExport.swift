import Foundation

/// The formats a gradebook can be exported to: CSV for spreadsheets, JUnit XML for CI
/// dashboards, and Gradescope's `results.json`.
///
/// Student names are folder names, and folder names can hold anything but `/`: commas, quotes,
/// line breaks, control characters, a leading `=`. Each format keeps the name exact where it can
/// and makes it harmless where it cannot: CSV quotes it per RFC 4180 and defuses formulas,
/// JUnit writes characters XML forbids as visible `\u{…}`, JSON escapes them.
public enum GradebookExport {
    /// The grades (and refused files) as CSV, per RFC 4180: a header
    /// `student,exercise,score,possible,note`, one record per grade or refusal, by student then
    /// exercise, every line ended by CRLF. A field holding a comma, a double quote, CR or LF is
    /// quoted, with its double quotes doubled.
    ///
    /// A text field that a spreadsheet would read as a formula (see ``formulaStarts``) gets a
    /// leading `'`, as OWASP's CSV-injection guidance advises, so `=HYPERLINK(…)` in a folder name
    /// stays text. Only the text columns (student, exercise, note) are defused; the score and
    /// possible columns are numbers the grader wrote (never negative) and are left as they are.
    /// A refused file has empty score and possible, and a note saying why.
    public static func csv(_ entries: [Gradebook.Entry], refusals: [ClassFolder.Refusal] = []) -> String {
        var rows: [(student: String, exercise: String, fields: [String])] = entries.map { entry in
            (entry.student, entry.exercise,
             [csvText(entry.student), csvText(entry.exercise), "\(entry.report.score)", "\(entry.report.possiblePoints)",
              csvText(note(entry.report))])
        }
        rows += refusals.map { refusal in
            (refusal.student, refusal.exercise ?? "",
             [csvText(refusal.student), csvText(refusal.exercise ?? ""), "", "", csvText(note(refusal))])
        }
        // Stable: a grade stays before a refusal of the same file.
        let sorted = rows.enumerated().sorted {
            ($0.element.student, $0.element.exercise, $0.offset) < ($1.element.student, $1.element.exercise, $1.offset)
        }
        var text = "student,exercise,score,possible,note\r\n"
        for row in sorted {
            text += row.element.fields.joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// The first characters that make a spreadsheet cell a formula or a command: `=`, `+`, `-`,
    /// `@`, tab and carriage return (OWASP's list), line feed, and the full-width `＝`, `＋`, `－`,
    /// `＠` that some spreadsheets fold to their ASCII forms.
    public static let formulaStarts: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// `text` as one CSV field: defused when it starts like a formula, then quoted when needed.
    static func csvText(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, formulaStarts.contains(first) {
            field = "'" + field
        }
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        var quoted = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// A few words on a grade that is not simply the tests' points.
    static func note(_ report: GradeReport) -> String {
        if report.compileFailed { return "did not compile" }
        if report.testCompileProblem != nil { return "the tests could not be compiled against it" }
        if !report.ruleViolations.isEmpty { return "broke a rule of the exercise, so it scores 0" }
        return ""
    }

    /// Why a refused file has no grade, without its path.
    static func note(_ refusal: ClassFolder.Refusal) -> String {
        "not graded: the \(refusal.exercise == nil ? "student's folder" : "file") \(refusal.reason)"
    }

    /// What a test's status means, in words; nil when it passed.
    static func failureText(_ status: TestOutcome.Status) -> String? {
        switch status {
        case .passed: return nil
        case .failed(let message): return message
        case .crashed(let message): return "Crashed: \(message)"
        case .timedOut(let seconds): return "Timed out after \(Int(seconds)) s."
        }
    }

    /// A graded report as named checks, each passed (nil) or failed (why): its tests, then one
    /// check each for compiling, the tests compiling against it, and every broken rule.
    static func checks(_ report: GradeReport) -> [(name: String, failure: String?)] {
        var checks: [(name: String, failure: String?)] = report.outcomes.map { ($0.name, failureText($0.status)) }
        if report.compileFailed {
            checks.append(("compiles", report.diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n")))
        }
        if let problem = report.testCompileProblem { checks.append(("tests compile against the submission", problem)) }
        for rule in report.ruleViolations { checks.append(("rule", rule)) }
        return checks
    }
}
