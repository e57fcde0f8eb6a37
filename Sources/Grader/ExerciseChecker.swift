import Foundation
import LabRuntime
import LabToolchain

/// Grades a submission: compiles it as a module of its own, compiles the exercise's tests
/// against it, then runs every test in its own sandboxed child process (see ``Sandbox``).
///
/// A test counts as passed only when its process reports the pass together with the secret
/// token the checker gave it on standard input; printed results, early exits and crashes of
/// learner code earn nothing.
public struct ExerciseChecker: Sendable {
    /// The compiler and the LossLab library submissions link.
    public let compiler: SwiftCompiler
    /// Overrides the exercise's wall-clock limit per test, when set.
    public var timeLimitPerTest: Double?
    /// How learner code is isolated.
    public var sandbox = Sandbox.detected
    /// Folders learner code must not see (the course's exercises, with solutions and hidden tests).
    public var hiddenFolders: [URL] = []

    /// A checker using `compiler`.
    public init(compiler: SwiftCompiler) {
        self.compiler = compiler
    }

    /// A checker that finds the built library and `swiftc` by itself.
    public init() throws {
        self.init(compiler: try SwiftCompiler(library: try LossLabLibrary.locate()))
    }

    /// Grades `submission` (a Swift file) against `exercise`'s public and hidden tests.
    public func check(_ exercise: Exercise, submission: URL) throws -> GradeReport {
        let text: String
        do {
            text = try String(contentsOf: submission, encoding: .utf8)
        } catch {
            throw GraderError("Could not read the submission \(submission.path): \(error.localizedDescription). Pass the file you edited with --file PATH.")
        }
        let work = try GradingFolder(exercise: exercise)
        defer { work.remove() }

        let copy = work.build.appendingPathComponent("Submission.swift")
        try write("#sourceLocation(file: \(swiftStringLiteral(submission.path)), line: 1)\n\(text)\n#sourceLocation()\n", to: copy)
        let module = try compiler.compileModule(
            source: copy, moduleName: "Submission", into: work.build, workingDirectory: exercise.folder,
            moduleCache: work.moduleCache)
        guard let object = module.object else {
            guard module.diagnostics.contains(where: { $0.severity == .error }) else {
                throw GraderError("The Swift compiler failed on \(submission.path) without saying where:\n\(module.output)")
            }
            return GradeReport(
                exercise: exercise.slug, submission: submission.path, diagnostics: module.diagnostics, outcomes: [],
                possiblePoints: 0)
        }

        let main = work.build.appendingPathComponent("main.swift")
        let hidden = exercise.hiddenTestsFile != nil ? ", hiddenTests: hiddenExerciseTests" : ""
        try write("import ExerciseTesting\nExerciseProgram.main(tests: exerciseTests\(hidden))\n", to: main)
        let executable = work.build.appendingPathComponent("exercise-tests")
        let sources = [exercise.testsFile] + (exercise.hiddenTestsFile.map { [$0] } ?? []) + [main]
        let outcome = try compiler.compile(
            sources: sources, to: executable, moduleName: "ExerciseTests", workingDirectory: exercise.folder,
            moduleCache: work.moduleCache, extraArguments: ["-I", work.build.path, object.path])
        var report: GradeReport
        switch outcome {
        case .failed(let diagnostics, let output):
            report = GradeReport(
                exercise: exercise.slug, submission: submission.path, diagnostics: module.diagnostics, outcomes: [],
                possiblePoints: 0)
            report.testCompileProblem = testCompileProblem(diagnostics, output: output, exercise: exercise)
        case .compiled:
            try work.makeReadableByTests(executable)
            let tests = try listTests(executable, exercise: exercise, work: work)
            let outcomes = try tests.enumerated().map { index, test in
                try runTest(index: index, test: test, executable: executable, exercise: exercise, work: work)
            }
            report = GradeReport(
                exercise: exercise.slug, submission: submission.path, diagnostics: module.diagnostics,
                outcomes: outcomes, possiblePoints: tests.reduce(0) { $0 + $1.points })
        }
        report.ruleViolations = ForbiddenCalls.find(exercise.manifest.forbiddenCalls ?? [], in: text).map {
            "\(submission.path):\($0.line): calls \($0.name), which this exercise forbids; build it from tensor operations instead."
        }
        report.sandbox = sandbox.summary
        return report
    }

    /// Explains why the tests did not compile against the submission, without showing hidden tests.
    func testCompileProblem(_ diagnostics: [CompilerDiagnostic], output: String, exercise: Exercise) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.map { diagnostic -> String in
            if diagnostic.file.hasSuffix("HiddenTests.swift") { return "a hidden test: \(diagnostic.message)" }
            return diagnostic.formatted
        }
        let detail = shown.isEmpty ? output : shown.joined(separator: "\n")
        return "The tests could not be compiled against your file. Keep the names and signatures the task asks for (and do not declare names the tests use, such as expect or ExerciseTest):\n\(detail)"
    }

    /// A test as the compiled program lists it.
    struct ListedTest {
        let name: String
        let points: Int
        let hidden: Bool
    }

    /// Asks the compiled program for its tests' names and points.
    func listTests(_ executable: URL, exercise: Exercise, work: GradingFolder) throws -> [ListedTest] {
        let result = try runSandboxed(executable, arguments: ["--list"], exercise: exercise, work: work, input: nil)
        guard result.ending.succeeded else {
            throw GraderError("The tests of \(exercise.slug) could not be listed (\(result.ending)): \(result.output). Check that Tests.swift defines `let exerciseTests: [ExerciseTest]` and has no top-level code.")
        }
        return result.output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 2)
            guard fields.count == 3, let points = Int(fields[0]) else { return nil }
            return ListedTest(name: RuntimeEvent.unescape(fields[2]), points: points, hidden: fields[1] == "hidden")
        }
    }

    /// Runs one test in its own sandboxed process and believes only a result with its token.
    func runTest(index: Int, test: ListedTest, executable: URL, exercise: Exercise, work: GradingFolder) throws
        -> TestOutcome
    {
        let token = UUID().uuidString
        let result = try runSandboxed(
            executable, arguments: ["--run", String(index)], exercise: exercise, work: work, input: Data((token + "\n").utf8))
        let verdicts = result.output.split(separator: "\n").compactMap { line -> (Bool, String)? in
            guard case .testFinished(let reported, let passed, let message)? = RuntimeEvent(line: line), reported == token
            else { return nil }
            return (passed, message)
        }
        func outcome(_ status: TestOutcome.Status) -> TestOutcome {
            TestOutcome(name: test.name, points: test.points, hidden: test.hidden, status: status)
        }
        if let (passed, message) = verdicts.first {
            return outcome(passed ? .passed : .failed(message: message))
        }
        let printed = removingStackTrace(result.output).split(separator: "\n")
            .filter { RuntimeEvent(line: $0) == nil }.suffix(6).joined(separator: "\n")
        let tail = printed.isEmpty ? "" : " Its last output:\n\(printed)"
        switch result.ending {
        case .timedOut(let seconds):
            return outcome(.timedOut(seconds: seconds))
        case .stopped(let reason):
            return outcome(.crashed(message: reason))
        case .signaled(let signal):
            return outcome(.crashed(message: "The test process was killed by signal \(signal).\(tail)"))
        case .exited(let status) where status > 128:
            let signal = status - 128
            let cause = signal == 24 ? " (the CPU-time limit)" : signal == 25 ? " (the file-size limit)" : ""
            return outcome(.crashed(message: "The test crashed with signal \(signal)\(cause).\(tail)"))
        case .exited(let status):
            return outcome(.crashed(message: "The program exited (status \(status)) before the test reported a result; a call to exit() in your code ends the test.\(tail)"))
        }
    }

    func runSandboxed(_ executable: URL, arguments: [String], exercise: Exercise, work: GradingFolder, input: Data?)
        throws -> ProcessResult
    {
        var limits = exercise.manifest.limits
        if let timeLimitPerTest {
            limits.wallSeconds = timeLimitPerTest
            limits.cpuSeconds = max(1, Int((timeLimitPerTest * 2).rounded(.up)))
        }
        let (program, wrapped) = sandbox.command(
            executable, arguments: arguments, scratch: work.scratch,
            hidden: hiddenFolders + [exercise.folder], limits: limits)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return try ChildProcess.run(
            program, arguments: wrapped, environment: environment, timeLimit: limits.wallSeconds,
            outputLimit: 1 << 20, input: input)
    }

    func write(_ text: String, to file: URL) throws {
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw GraderError("Could not write \(file.path) while preparing the check: \(error.localizedDescription).")
        }
    }
}
