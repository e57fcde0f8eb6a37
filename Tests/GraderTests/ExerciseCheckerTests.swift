import Foundation
import LabTestSupport
import Testing

@testable import Grader

/// These tests grade real submissions against the course's `tversky-loss` exercise.
@Suite("Checking exercises", .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct ExerciseCheckerTests {
    let exercise: Exercise
    let checker: ExerciseChecker

    init() throws {
        exercise = try courseExercises.exercise(named: "tversky-loss")
        checker = try .forCourse(timeLimitPerTest: 3)
    }

    /// Writes a submission to a temporary file.
    func submission(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("submission-\(UUID().uuidString).swift")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("the reference solution earns every point")
    func solutionPasses() throws {
        let report = try checker.check(exercise, submission: exercise.solutionFile)
        #expect(report.allPassed, "outcomes: \(report.outcomes), diagnostics: \(report.diagnostics)")
        #expect(report.score == report.possiblePoints)
        #expect(report.possiblePoints >= 4)
    }

    @Test("the starter fails with messages a learner can act on")
    func starterFails() throws {
        let report = try checker.check(exercise, submission: exercise.starterFile)
        #expect(!report.compileFailed)
        #expect(!report.allPassed)
        #expect(report.score < report.possiblePoints)
        let messages = report.outcomes.compactMap { outcome -> String? in
            if case .failed(let message) = outcome.status { return message }
            return nil
        }
        #expect(messages.contains { $0.contains("expected 0.578786") }, "messages: \(messages)")
        #expect(messages.contains { $0.contains("No gradient reached the prediction") }, "messages: \(messages)")
    }

    @Test("a submission that loops forever is killed at the time limit and reported as such")
    func infiniteLoop() throws {
        let starter = try String(contentsOf: exercise.starterFile, encoding: .utf8)
        let looping = starter.replacingOccurrences(
            of: "return Tensor(0.0)", with: "while true {}")
        #expect(looping != starter)
        let started = Date()
        let report = try checker.check(exercise, submission: try submission(looping))
        #expect(!report.outcomes.isEmpty)
        #expect(report.outcomes.allSatisfy { $0.status == .timedOut(seconds: 3) })
        #expect(report.score == 0)
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test("a submission that does not compile is reported at its own file and line")
    func compileError() throws {
        let file = try submission("import LossLab\n\nstruct TverskyLoss {\n    var alpha: Double = \"high\"\n}\n")
        let report = try checker.check(exercise, submission: file)
        #expect(report.compileFailed)
        let error = report.diagnostics.first { $0.severity == .error && $0.file == file.path }
        #expect(error?.line == 4, "diagnostics: \(report.diagnostics.map(\.formatted))")
        #expect(report.score == 0)
    }

    @Test("without bubblewrap, checks still grade under resource limits, and the report says so")
    func limitsOnlyFallback() throws {
        var fallback = try ExerciseChecker.forCourse(timeLimitPerTest: 20)
        fallback.sandbox = Sandbox(isolation: .limitsOnly, dropsPrivileges: getuid() == 0)
        let solution = try fallback.check(exercise, submission: exercise.solutionFile)
        #expect(solution.score == solution.possiblePoints, "\(solution.outcomes)")
        #expect(solution.sandbox.contains("resource limits only"))
        let starter = try fallback.check(exercise, submission: exercise.starterFile)
        #expect(starter.score == 0)
    }

    @Test("the sandbox mounts its private /tmp before the library and program, so a package cloned under /tmp stays visible")
    func privateFoldersComeFirst() throws {
        let folder = FileManager.default.temporaryDirectory
        let run = Sandbox.Run(
            executable: folder.appendingPathComponent("probes"), input: folder.appendingPathComponent("request"),
            answers: folder.appendingPathComponent("answers"), filter: nil, scratchFolder: folder,
            library: checker.compiler.library, runtimeFolder: URL(fileURLWithPath: "/tmp/toolchain/usr/lib/swift/linux"),
            limits: SandboxLimits(), group: nil)
        let arguments = Sandbox(isolation: .bubblewrap, dropsPrivileges: false).bubblewrapArguments(for: run)
        let privateTmp = try #require(arguments.indices.first { arguments[$0] == "--tmpfs" && arguments[$0 + 1] == "/tmp" })
        let binds = arguments.indices.filter { arguments[$0] == "--ro-bind" && !arguments[$0 + 1].hasPrefix("/usr") && !arguments[$0 + 1].hasPrefix("/etc") }
        #expect(binds.count >= 3, "\(arguments)")
        #expect(binds.allSatisfy { $0 > privateTmp }, "\(arguments)")
    }

    @Test("an exercise folder missing a file is refused with a message naming it")
    func incompleteExercise() throws {
        let course = try TemporaryCourse()
        try course.write("# Empty\n", to: "exercises/empty/README.md")
        let error = #expect(throws: GraderError.self) {
            try ExerciseCatalog(folder: course.url.appendingPathComponent("exercises")).exercise(named: "empty")
        }
        #expect(error?.description.contains("Starter.swift") == true)
    }
}
