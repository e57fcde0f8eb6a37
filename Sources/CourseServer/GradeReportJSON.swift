import Foundation
import Grader

/// A grade report as the exercise page shows it: the compiler's messages at their lines of the
/// learner's file, each check with ✓ or ✘ and its message, broken rules, and the score, in the
/// words `exercise check` prints (`GradeReportText`). The one place the live course reads a
/// ``GradeReport``: a change of the report's fields is made here.
enum GradeReportJSON {
    static func report(_ report: GradeReport, relativeFile: String) -> [String: Any] {
        let diagnostics: [[String: Any]] = report.diagnostics.filter { $0.severity != .note }.map { diagnostic in
            let located = diagnostic.file == report.submission || diagnostic.file.hasSuffix("/" + relativeFile)
            var json: [String: Any] = [
                "severity": diagnostic.severity.rawValue, "message": diagnostic.message,
                "text": "\(located ? relativeFile : diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)",
            ]
            if located {
                json["line"] = diagnostic.line
                json["column"] = diagnostic.column
            }
            return json
        }
        let tests: [[String: Any]] = report.outcomes.map { outcome in
            var json: [String: Any] = ["name": outcome.name, "points": outcome.points, "hidden": outcome.hidden]
            switch outcome.status {
            case .passed:
                json["passed"] = true
            case .failed(let message):
                json["passed"] = false
                json["message"] = message
            case .crashed(let message):
                json["passed"] = false
                json["message"] = "crashed: \(message)"
            case .timedOut(let seconds):
                json["passed"] = false
                json["message"] = "timed out, killed after \(Int(seconds)) s. Look for a loop that never ends."
            }
            return json
        }
        let passed = report.outcomes.filter { $0.status == .passed }.count
        let summary: String
        if report.compileFailed {
            summary = "✘ Your file did not compile; fix the errors and check again. Score: 0/\(report.possiblePoints)"
        } else if let problem = report.testCompileProblem {
            summary = "✘ \(problem)\nScore: 0/\(report.possiblePoints)"
        } else if report.outcomes.isEmpty && !report.ruleViolations.isEmpty {
            summary = "✘ Nothing was run: your file breaks a rule of this exercise (above). Score: 0/\(report.possiblePoints)"
        } else {
            let rules = report.ruleViolations.isEmpty ? "" : " (0 because a rule was broken)"
            summary = "\(passed) of \(report.outcomes.count) checks passed. Score: \(report.score)/\(report.possiblePoints)\(rules)"
        }
        return [
            "score": report.score, "possible": report.possiblePoints, "allPassed": report.allPassed,
            "compileFailed": report.compileFailed, "diagnostics": diagnostics, "tests": tests,
            "rules": report.ruleViolations, "summary": summary, "sandbox": report.sandbox,
        ]
    }
}
