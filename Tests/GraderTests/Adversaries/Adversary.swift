import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

/// Submissions to the `tversky-loss` exercise written to fool or break the grader. Each attack
/// asserts the exact score a fair grader gives (0, or the honest score) or the exact refusal.
enum Adversary {
    /// Whether the tests that need bubblewrap run: where it works, or wherever
    /// `LOSSLAB_REQUIRE_SANDBOX=1` is set (CI sets it, so a machine without it fails rather than skips).
    static let sandboxTestsRun = Sandbox.detected.isolation == .bubblewrap
        || ProcessInfo.processInfo.environment["LOSSLAB_REQUIRE_SANDBOX"] == "1"

    /// The exercise every attack targets, and its full score.
    static let exercise: Exercise = {
        do { return try courseExercises.exercise(named: "tversky-loss") } catch { fatalError("\(error)") }
    }()
    static let fullScore = 12

    /// A checker with a short wall-clock limit per probe run.
    static func checker(timeLimit: Double = 3) throws -> ExerciseChecker {
        try .forCourse(timeLimitPerTest: timeLimit)
    }

    /// The correct loss, for submissions that cheat only in part.
    static let correct = """
        let tp = (prediction * target).sum()
        let fp = (prediction * (1 - target)).sum()
        let fn = ((1 - prediction) * target).sum()
        return 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)
        """

    /// A Tversky submission whose loss runs `body`, with `extra` declarations at the top level.
    static func submission(_ body: String, extra: String = "", imports: String = "") throws -> URL {
        let text = """
            import LossLab
            import Foundation
            \(imports)
            \(extra)
            struct TverskyLoss {
                var alpha: Double
                var beta: Double
                var smooth: Double = 1
                func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
                    \(body)
                }
            }
            """
        return try file(text)
    }

    /// Writes `text` to a new temporary Swift file.
    static func file(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("adversary-\(UUID().uuidString).swift")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Grades a submission whose loss runs `body`. Unless `mayFailToCompile`, a compile error is
    /// recorded as an issue: an attack must be graded for what it does, not for a typo.
    static func grade(
        _ body: String, extra: String = "", imports: String = "", timeLimit: Double = 3, mayFailToCompile: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> GradeReport {
        let report = try checker(timeLimit: timeLimit).check(exercise, submission: try submission(body, extra: extra, imports: imports))
        if !mayFailToCompile {
            #expect(!report.compileFailed && report.testCompileProblem == nil,
                    "the attack did not compile: \(report.diagnostics.filter { $0.severity == .error }.map(\.formatted)) \(report.testCompileProblem ?? "")",
                    sourceLocation: sourceLocation)
        }
        return report
    }

    /// Expects the submission to be refused by a rule, naming `phrase`, and to score 0 of 12.
    static func expectRefused(_ report: GradeReport, mentioning phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.score == 0, "score \(report.score)", sourceLocation: sourceLocation)
        #expect(report.possiblePoints == fullScore, sourceLocation: sourceLocation)
        #expect(report.outcomes.isEmpty, "a refused submission must not run: \(report.outcomes)", sourceLocation: sourceLocation)
        #expect(report.ruleViolations.contains { $0.contains(phrase) }, "violations: \(report.ruleViolations)",
                sourceLocation: sourceLocation)
    }

    /// The grader still gives the reference solution full marks after an attack.
    static func expectGraderStillWorks(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try checker().check(exercise, submission: exercise.solutionFile)
        #expect(report.score == fullScore, "after the attack the solution got \(report.score)", sourceLocation: sourceLocation)
    }

    /// A name no other process on the machine has, for one attack's processes.
    static func processMarker() -> String { "losslab-mark-\(UUID().uuidString.prefix(8))" }

    /// Submission code that starts a child running `sleep` under the name `marker` (its argv[0]),
    /// so the test can find exactly that attack's processes afterwards, whatever else is running.
    static func spawnMarkedSleeper(_ marker: String) -> String {
        """
        if fork() == 0 {
            var arguments: [UnsafeMutablePointer<CChar>?] = [strdup("\(marker)"), strdup("1000"), nil]
            _ = execv("/usr/bin/sleep", &arguments)
            _exit(1)
        }

        """
    }

    /// Processes on this machine whose command line holds `marker`.
    static func processes(marked marker: String) -> [String] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ids.filter { Int($0) != nil }.compactMap { id in
            guard let data = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(marker) ? line : nil
        }
    }
}
