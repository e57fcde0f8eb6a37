import Foundation

extension GradebookExport {
    /// Gradescope's autograder `results.json` for one graded submission; see
    /// ``gradescope(student:refusals:)``.
    public static func gradescope(_ report: GradeReport) throws -> Data {
        try gradescope(student: [Gradebook.Entry(student: "", exercise: report.exercise, report: report)], refusals: [])
    }

    /// Gradescope's autograder `results.json` for one student: every graded exercise and refused
    /// file of theirs, with the fields of Gradescope's autograder specification
    /// (gradescope-autograders.readthedocs.io, "Autograder Specifications"):
    ///
    /// - top level: `score` (the points earned in all), `output` (a summary and how learner code
    ///   was isolated), `visibility` `visible`, `stdout_visibility` `hidden` (the grader's own
    ///   log is for instructors), and `output_format`, `test_output_format` and
    ///   `test_name_format` all `text`, so that names and program output are shown as text and
    ///   never rendered as HTML or Markdown (the top-level default, `simple_format`, renders HTML);
    /// - `tests`: one per test with `name`, `score`, `max_score`, `status` (`passed` or
    ///   `failed`), `output` and `visibility` (`after_published` for hidden tests, `visible`
    ///   otherwise); a compile failure is a failed `compiles` test worth the points the
    ///   submission could have earned, a broken rule or a refused file a failed test worth 0.
    ///
    /// When a rule was broken the submission scores 0, so each of its tests shows 0 points.
    /// With more than one exercise, test names start with the exercise's slug.
    public static func gradescope(student entries: [Gradebook.Entry], refusals: [ClassFolder.Refusal]) throws -> Data {
        let exercises = Set(entries.map(\.exercise) + refusals.map { $0.exercise ?? "" })
        func named(_ exercise: String, _ name: String) -> String {
            exercises.count > 1 ? "\(exercise): \(name)" : name
        }
        var tests: [GradescopeResults.Test] = []
        var summary: [String] = []
        var sandboxes: [String] = []
        for entry in entries {
            let report = entry.report
            let rulesBroken = !report.ruleViolations.isEmpty
            for outcome in report.outcomes {
                var output = failureText(outcome.status) ?? "Passed."
                if rulesBroken { output += " No points: a rule of the exercise was broken (see the rule test)." }
                tests.append(.init(
                    name: named(entry.exercise, outcome.name), score: rulesBroken ? 0 : outcome.earned, maxScore: outcome.points,
                    status: outcome.status == .passed ? "passed" : "failed", output: output,
                    visibility: outcome.hidden ? "after_published" : "visible"))
            }
            if report.compileFailed {
                tests.append(.init(
                    name: named(entry.exercise, "compiles"), score: 0, maxScore: report.outcomes.isEmpty ? report.possiblePoints : 0,
                    status: "failed", output: report.diagnostics.map(\.formatted).joined(separator: "\n"), visibility: "visible"))
            }
            if let problem = report.testCompileProblem {
                tests.append(.init(
                    name: named(entry.exercise, "tests compile against the submission"), score: 0,
                    maxScore: report.outcomes.isEmpty ? report.possiblePoints : 0, status: "failed", output: problem,
                    visibility: "visible"))
            }
            for rule in report.ruleViolations {
                tests.append(.init(
                    name: named(entry.exercise, "rule"), score: 0, maxScore: 0, status: "failed", output: rule, visibility: "visible"))
            }
            summary.append("\(entry.exercise): \(report.score) of \(report.possiblePoints) points.")
            if !report.sandbox.isEmpty, !sandboxes.contains(report.sandbox) { sandboxes.append(report.sandbox) }
        }
        for refusal in refusals {
            let file = refusal.exercise.map { "\($0).swift" } ?? "folder"
            tests.append(.init(
                name: named(refusal.exercise ?? "", "the submission is a plain file"), score: 0, maxScore: 0, status: "failed",
                output: "Your \(file) \(refusal.reason), so it was not graded. Hand in the .swift file itself.", visibility: "visible"))
            summary.append("\(refusal.exercise ?? "your folder"): not graded.")
        }
        let output = (summary + sandboxes).joined(separator: "\n")
        let results = GradescopeResults(
            score: entries.reduce(0) { $0 + $1.report.score }, output: output, tests: tests)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(results)
    }
}

/// The fields of Gradescope's `results.json` that the grader fills (snake_case in the file).
struct GradescopeResults: Encodable {
    /// One test case.
    struct Test: Encodable {
        let name: String
        let score: Int
        let maxScore: Int
        let status: String
        let output: String
        let visibility: String
    }

    let score: Int
    let output: String
    var outputFormat = "text"
    var testOutputFormat = "text"
    var testNameFormat = "text"
    var visibility = "visible"
    var stdoutVisibility = "hidden"
    let tests: [Test]
}
