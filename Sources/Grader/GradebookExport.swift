import Foundation

/// The formats a gradebook can be exported to.
public enum GradebookExport {
    /// `student,exercise,score,possible`, one line per grade, RFC 4180 quoting.
    public static func csv(_ entries: [Gradebook.Entry]) -> String {
        var text = "student,exercise,score,possible\n"
        for entry in entries {
            text += [entry.student, entry.exercise, "\(entry.report.score)", "\(entry.report.possiblePoints)"]
                .map(csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// JUnit XML: a test suite per (student, exercise), a test case per test, failures with
    /// their messages (a compile error or broken rule is one failed case).
    public static func junit(_ entries: [Gradebook.Entry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for entry in entries {
            let report = entry.report
            var cases: [(name: String, failure: String?)] = report.outcomes.map { outcome in
                (outcome.name, failureText(outcome.status))
            }
            if report.compileFailed {
                cases.append(("compiles", report.diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n")))
            }
            if let problem = report.testCompileProblem { cases.append(("tests compile against the submission", problem)) }
            for rule in report.ruleViolations { cases.append(("rule", rule)) }
            let failures = cases.filter { $0.failure != nil }.count
            xml += "  <testsuite name=\"\(escape(entry.student)).\(escape(entry.exercise))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
            for testCase in cases {
                xml += "    <testcase classname=\"\(escape(entry.exercise))\" name=\"\(escape(testCase.name))\""
                if let failure = testCase.failure {
                    xml += ">\n      <failure message=\"\(escape(firstLine(failure)))\">\(escape(failure))</failure>\n    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Gradescope's autograder `results.json` for one submission: the score, and each test with
    /// its points; hidden tests are visible only after publication.
    public static func gradescope(_ report: GradeReport) throws -> Data {
        var tests: [[String: Any]] = report.outcomes.map { outcome in
            [
                "name": outcome.name, "score": outcome.earned, "max_score": outcome.points,
                "output": failureText(outcome.status) ?? "Passed.",
                "visibility": outcome.hidden ? "after_published" : "visible",
            ]
        }
        if report.compileFailed {
            tests.append(["name": "compiles", "score": 0, "max_score": 0,
                          "output": report.diagnostics.map(\.formatted).joined(separator: "\n")])
        }
        for rule in report.ruleViolations { tests.append(["name": "rule", "score": 0, "max_score": 0, "output": rule]) }
        let results: [String: Any] = ["score": report.score, "tests": tests, "output": report.sandbox]
        return try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
    }

    static func failureText(_ status: TestOutcome.Status) -> String? {
        switch status {
        case .passed: return nil
        case .failed(let message): return message
        case .crashed(let message): return "Crashed: \(message)"
        case .timedOut(let seconds): return "Timed out after \(Int(seconds)) s."
        }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
