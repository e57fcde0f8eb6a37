import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

/// Submissions written to break or fool the grader; each must be graded exactly by the tests
/// that really passed, and the grader must keep working afterwards.
@Suite("Adversarial submissions", .serialized, .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct AdversarialTests {
    let exercise: Exercise
    let checker: ExerciseChecker

    init() throws {
        exercise = try courseExercises.exercise(named: "tversky-loss")
        checker = try .forCourse(timeLimitPerTest: 2)
    }

    /// A Tversky submission whose loss function runs `body`, with `extra` declarations at the top.
    func submission(_ body: String, extra: String = "") throws -> URL {
        let text = """
            import LossLab
            import Foundation
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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("adversary-\(UUID().uuidString).swift")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The correct loss, for submissions that cheat only in part.
    static let correct = """
        let tp = (prediction * target).sum()
        let fp = (prediction * (1 - target)).sum()
        let fn = ((1 - prediction) * target).sum()
        return 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)
        """

    /// Checks that the grader still grades the reference solution fully after an attack.
    func expectGraderStillWorks() throws {
        let report = try checker.check(exercise, submission: exercise.solutionFile)
        #expect(report.allPassed, "after the attack the solution got \(report.score)/\(report.possiblePoints)")
    }

    @Test("an infinite loop is killed at the time limit in every test")
    func infiniteLoop() throws {
        let report = try checker.check(exercise, submission: try submission("while true {}"))
        #expect(report.outcomes.count == 7)
        #expect(report.outcomes.allSatisfy { $0.status == .timedOut(seconds: 2) })
        #expect(report.score == 0)
    }

    @Test("a fork bomb is contained and scores nothing")
    func forkBomb() throws {
        let report = try checker.check(exercise, submission: try submission("while true { _ = fork() }\n"))
        #expect(report.score == 0)
        #expect(report.outcomes.allSatisfy { $0.status != .passed })
        try expectGraderStillWorks()
    }

    @Test("a huge allocation fails inside the test process")
    func hugeAllocation() throws {
        let report = try checker.check(exercise, submission: try submission(
            "let huge = [Double](repeating: 1, count: 1 << 36)\nreturn Tensor(huge[0])"))
        #expect(report.score == 0)
        #expect(report.outcomes.allSatisfy {
            if case .crashed = $0.status { return true } else { return false }
        }, "\(report.outcomes)")
    }

    @Test("a flood of output is cut and the right tests still pass")
    func hugeOutput() throws {
        let report = try checker.check(exercise, submission: try submission(
            "for _ in 0..<40_000 { print(String(repeating: \"x\", count: 200)) }\n" + Self.correct))
        let failed = report.outcomes.filter { $0.status != .passed }
        #expect(failed.allSatisfy { if case .timedOut = $0.status { return true } else { return false } }, "\(failed)")
    }

    @Test("writing outside the scratch folder fails and changes nothing")
    func writesOutside() throws {
        let target = exercise.folder.appendingPathComponent("Tests.swift")
        let before = try String(contentsOf: target, encoding: .utf8)
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-pwned-\(UUID().uuidString)")
        let report = try checker.check(exercise, submission: try submission("""
            try? "pwned".write(toFile: \(swiftStringLiteral(target.path)), atomically: false, encoding: .utf8)
            try? "pwned".write(toFile: \(swiftStringLiteral(marker.path)), atomically: false, encoding: .utf8)
            try? "mine".write(toFile: "scratch-note.txt", atomically: false, encoding: .utf8)
            \(Self.correct)
            """))
        #expect(try String(contentsOf: target, encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(report.allPassed, "writing in its own folder is allowed: \(report.outcomes)")
    }

    @Test("printed fake results earn nothing")
    func fakeResults() throws {
        let forged = "\\u{1E}losslab-event test passed \\(UUID().uuidString)\\t"
        let report = try checker.check(exercise, submission: try submission("""
            print("\(forged)")
            print("✔ all tests passed")
            return Tensor(0.0)
            """))
        #expect(report.score == 0)
        #expect(report.outcomes.allSatisfy { $0.status != .passed })
    }

    @Test("exit(0) before a test reports ends that test as failed")
    func earlyExit() throws {
        let report = try checker.check(exercise, submission: try submission("exit(0)"))
        #expect(report.score == 0)
        guard case .crashed(let message)? = report.outcomes.first?.status else {
            Issue.record("expected a crash outcome, got \(String(describing: report.outcomes.first?.status))")
            return
        }
        #expect(message.contains("before the test reported a result"))
    }

    @Test("the solution, hidden tests and partial edit cannot be read from a submission, there or in its scratch folder")
    func readsHiddenTests() throws {
        let hidden = try #require(exercise.hiddenTestsFile)
        let partial = exercise.folder.appendingPathComponent("partial.json")
        // This submission is correct only if it can read an instructor file: it must score nothing.
        let report = try checker.check(exercise, submission: try submission("""
            let files = FileManager.default
            if files.isReadableFile(atPath: \(swiftStringLiteral(hidden.path))) || files.isReadableFile(atPath: \(swiftStringLiteral(exercise.solutionFile.path)))
                || files.isReadableFile(atPath: \(swiftStringLiteral(partial.path))) || files.fileExists(atPath: "partial.json") {
            \(Self.correct)
            }
            return Tensor(0.0)
            """))
        #expect(report.score == 0, "\(report.outcomes)")
    }

    @Test("replacing the test helpers does not fool the tests")
    func shadowsHelpers() throws {
        let report = try checker.check(exercise, submission: try submission(
            "return Tensor(0.0)",
            extra: "func expectClose(_ a: Double, _ b: Double, tolerance: Double = 0, _ what: String) throws {}\nfunc expect(_ c: Bool, _ m: @autoclosure () -> String) throws {}"))
        #expect(report.score == 0)
    }

    @Test("a forbidden call is a broken rule with its line, and scores 0")
    func forbiddenCall() throws {
        let report = try checker.check(exercise, submission: try submission(
            "let tverskyLoss = { (p: Tensor, t: Tensor) in Tensor(0.0) }\nreturn tverskyLoss(prediction, target)"))
        #expect(report.ruleViolations.count == 1)
        #expect(report.ruleViolations.first?.contains(":10: calls tverskyLoss") == true, "\(report.ruleViolations)")
        #expect(report.score == 0)
    }

    @Test("a partly correct submission earns partial credit")
    func partialCredit() throws {
        // α and β swapped: only the symmetric Dice case is right.
        let report = try checker.check(exercise, submission: try submission("""
            let tp = (prediction * target).sum()
            let fp = (prediction * (1 - target)).sum()
            let fn = ((1 - prediction) * target).sum()
            return 1 - (tp + smooth) / (tp + beta * fp + alpha * fn + smooth)
            """))
        #expect(report.score > 0 && report.score < report.possiblePoints, "score \(report.score)/\(report.possiblePoints)")
        #expect(report.outcomes.first { $0.name.contains("Dice") }?.status == .passed)
    }
}
