import Grader

/// The terminal report of a graded submission.
struct GradeReportText {
    let report: GradeReport

    var text: String {
        var text = ""
        for diagnostic in report.diagnostics where diagnostic.severity != .note {
            text += diagnostic.formatted + "\n"
        }
        if report.compileFailed {
            return text + "✘ Your file did not compile; fix the errors above and check again. Score: 0/\(report.possiblePoints)\n"
        }
        if let problem = report.testCompileProblem {
            return text + "✘ \(problem)\nScore: 0/\(report.possiblePoints)\n"
        }
        if report.outcomes.isEmpty && !report.ruleViolations.isEmpty {
            for violation in report.ruleViolations { text += "  ✘ rule: \(violation)\n" }
            return text + "✘ Nothing was run: your file breaks a rule of this exercise (above). Score: 0/\(report.possiblePoints)\n"
        }
        for outcome in report.outcomes {
            let points = (outcome.points == 1 ? "1 point" : "\(outcome.points) points") + (outcome.hidden ? ", hidden check" : "")
            switch outcome.status {
            case .passed:
                text += "  ✔ \(outcome.name) (\(points))\n"
            case .failed(let message):
                text += "  ✘ \(outcome.name) (\(points))\n      \(message)\n"
            case .crashed(let message):
                text += "  ✘ \(outcome.name) (\(points)): crashed\n      \(message)\n"
            case .timedOut(let seconds):
                text += "  ✘ \(outcome.name) (\(points)): timed out, killed after \(Int(seconds)) s. Look for a loop that never ends.\n"
            }
        }
        for violation in report.ruleViolations { text += "  ✘ rule: \(violation)\n" }
        let passed = report.outcomes.filter { $0.status == .passed }.count
        let rules = report.ruleViolations.isEmpty ? "" : " (0 because a rule was broken)"
        text += "\(passed) of \(report.outcomes.count) checks passed. Score: \(report.score)/\(report.possiblePoints)\(rules)\n"
        text += "  (\(report.sandbox))\n"
        return text
    }
}
