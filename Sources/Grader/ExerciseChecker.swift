import Foundation
import LabRuntime
import LabToolchain

/// Grades a submission: compiles it with the exercise's tests against LossLab, then runs every
/// test in its own child process with a time and memory limit.
public struct ExerciseChecker: Sendable {
    /// The compiler and the LossLab library submissions link.
    public let compiler: SwiftCompiler
    /// Seconds each test may run before it is killed.
    public var timeLimitPerTest: Double = 10
    /// Address-space limit of each test process.
    public var memoryLimitBytes = 4 << 30

    /// A checker using `compiler`.
    public init(compiler: SwiftCompiler) {
        self.compiler = compiler
    }

    /// A checker that finds the built library and `swiftc` by itself.
    public init() throws {
        self.init(compiler: try SwiftCompiler(library: try LossLabLibrary.locate()))
    }

    /// Grades `submission` (a Swift file) against `exercise`'s tests.
    public func check(_ exercise: Exercise, submission: URL) throws -> GradeReport {
        guard FileManager.default.fileExists(atPath: submission.path) else {
            throw GraderError("The submission \(submission.path) does not exist. Pass the file you edited with --file PATH, or omit --file to check \(exercise.starterFile.path).")
        }
        let workFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("losslab-exercise-\(exercise.slug)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workFolder) }

        // The learner's file is copied so that any name it has (even main.swift) compiles as a library file.
        let submissionCopy = workFolder.appendingPathComponent("Submission.swift")
        let mainFile = workFolder.appendingPathComponent("main.swift")
        do {
            let text = try String(contentsOf: submission, encoding: .utf8)
            try "#sourceLocation(file: \(swiftStringLiteral(submission.path)), line: 1)\n\(text)\n#sourceLocation()\n"
                .write(to: submissionCopy, atomically: true, encoding: .utf8)
            try "import ExerciseTesting\nExerciseProgram.main(tests: exerciseTests)\n"
                .write(to: mainFile, atomically: true, encoding: .utf8)
        } catch {
            throw GraderError("Could not read \(submission.path) or prepare it for grading: \(error.localizedDescription).")
        }
        let executable = workFolder.appendingPathComponent("exercise-tests")
        let outcome = try compiler.compile(
            sources: [submissionCopy, exercise.testsFile, mainFile], to: executable, moduleName: "Submission",
            workingDirectory: exercise.folder, moduleCache: FileManager.default.temporaryDirectory
                .appendingPathComponent("losslab-module-cache"))
        switch outcome {
        case .failed(let diagnostics, let output):
            guard diagnostics.contains(where: { $0.severity == .error }) else {
                throw GraderError("The Swift compiler failed on \(submission.path) without saying where:\n\(output)")
            }
            return GradeReport(
                exercise: exercise.slug, submission: submission.path, diagnostics: diagnostics, outcomes: [],
                possiblePoints: 0)
        case .compiled(_, let diagnostics):
            let tests = try listTests(executable, exercise: exercise)
            let outcomes = try tests.enumerated().map { index, test in
                try runTest(index: index, name: test.name, points: test.points, executable: executable, exercise: exercise)
            }
            return GradeReport(
                exercise: exercise.slug, submission: submission.path, diagnostics: diagnostics, outcomes: outcomes,
                possiblePoints: tests.reduce(0) { $0 + $1.points })
        }
    }

    /// Asks the compiled program for its tests' names and points.
    func listTests(_ executable: URL, exercise: Exercise) throws -> [(name: String, points: Int)] {
        let result = try ChildProcess.run(
            executable, arguments: ["--list"], workingDirectory: exercise.folder, environment: childEnvironment,
            timeLimit: timeLimitPerTest)
        guard result.ending.succeeded else {
            throw GraderError("The tests of \(exercise.slug) could not be listed (\(result.ending)): \(result.output). Check that Tests.swift defines `let exerciseTests: [ExerciseTest]` and has no top-level code.")
        }
        return result.output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let points = Int(fields[0]) else { return nil }
            return (RuntimeEvent.unescape(fields[1]), points)
        }
    }

    /// Runs one test in its own process and reads its result.
    func runTest(index: Int, name: String, points: Int, executable: URL, exercise: Exercise) throws -> TestOutcome {
        let result = try ChildProcess.run(
            executable, arguments: ["--run", String(index)], workingDirectory: exercise.folder,
            environment: childEnvironment, timeLimit: timeLimitPerTest, memoryLimitBytes: memoryLimitBytes)
        let events = result.output.split(separator: "\n").compactMap { RuntimeEvent(line: $0) }
        for case .testFinished(_, let passed, let message) in events {
            return TestOutcome(name: name, points: points, status: passed ? .passed : .failed(message: message))
        }
        let printed = removingStackTrace(result.output).split(separator: "\n")
            .filter { RuntimeEvent(line: $0) == nil }.suffix(8).joined(separator: "\n")
        switch result.ending {
        case .timedOut(let seconds):
            return TestOutcome(name: name, points: points, status: .timedOut(seconds: seconds))
        case .stopped(let reason):
            return TestOutcome(name: name, points: points, status: .crashed(message: reason))
        case .signaled(let signal):
            return TestOutcome(
                name: name, points: points,
                status: .crashed(message: "The program crashed (signal \(signal)). \(printed)"))
        case .exited(let status):
            return TestOutcome(
                name: name, points: points,
                status: .crashed(message: "The program exited with status \(status) before the test finished. \(printed)"))
        }
    }

    /// The environment of test processes: the parent's, without the crash backtracer's long report.
    var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return environment
    }
}
