import Foundation
import Grader

/// A grade report as the exercise page shows it: the compiler's messages at their lines of the
/// learner's file, each test with ✓ or ✘ and its message, broken rules, and the score, in the
/// words `exercise check` prints. (The one place the live course reads ``GradeReport``.)
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
        var summary: String
        if report.compileFailed {
            summary = "✘ Your file did not compile; fix the errors and check again. Score: 0"
        } else if let problem = report.testCompileProblem {
            summary = "✘ \(problem)\nScore: 0"
        } else {
            let rules = report.ruleViolations.isEmpty ? "" : " (0 because a rule was broken)"
            summary = "\(passed) of \(report.outcomes.count) tests passed. Score: \(report.score)/\(report.possiblePoints)\(rules)"
        }
        return [
            "score": report.score, "possible": report.possiblePoints, "allPassed": report.allPassed,
            "compileFailed": report.compileFailed, "diagnostics": diagnostics, "tests": tests,
            "rules": report.ruleViolations, "summary": summary, "sandbox": report.sandbox,
        ]
    }
}
