import Foundation
import LabRuntime
import LabToolchain

/// Grades a submission so that the grade cannot be forged by the code being graded.
///
/// 1. The exercise's checks are compiled into a program of their own (``ChecksProgramBuild``)
///    that never loads learner code; it lists the checks and their points, so a submission
///    that does not compile still records the points it could have earned.
/// 2. The submission is read as a regular file, checked against ``SourceRules``, compiled as a
///    module of its own under time and memory limits, and its compiled symbols are checked
///    against ``SymbolRules`` (forbidden library functions and types, symbols defined for other
///    modules, code that would run before `main` or after `exit`, dynamic lookup).
/// 3. The probes are compiled together with the submission. For each check, the checks program
///    runs and asks for probe runs; each runs in the ``Sandbox`` as a fresh process that gets its
///    inputs and returns one answer of values on a descriptor the grader opened.
/// 4. The checks program compares those values with its references and decides. Nothing the
///    learner's process prints, writes or exits with can change a score; only its values count.
public struct ExerciseChecker: Sendable {
    /// The compiler and the LossLab library submissions link.
    public let compiler: SwiftCompiler
    /// Overrides the exercise's wall-clock limit per probe run, when set.
    public var timeLimitPerTest: Double?
    /// How learner code is isolated.
    public var sandbox = Sandbox.detected

    /// Wall-clock seconds the compiler may spend on a submission.
    public static let compileTimeLimit = 120.0
    /// Address space the compiler may use on a submission.
    public static let compileMemoryLimit = 6 << 30
    /// Seconds the type checker may spend on one expression before it reports where it gave up.
    public static let expressionTimeLimit = 10

    /// A checker using `compiler`.
    public init(compiler: SwiftCompiler) {
        self.compiler = compiler
    }

    /// A checker that finds the built library and `swiftc` by itself.
    public init() throws {
        self.init(compiler: try SwiftCompiler(library: try LossLabLibrary.locate()))
    }

    /// Grades `submission` (a Swift file) against `exercise`'s public and hidden checks.
    public func check(_ exercise: Exercise, submission: URL) throws -> GradeReport {
        let text = try SubmissionFile.read(submission)
        let shownPath = submission.path
        let checksProgram = try ChecksProgramBuild(compiler: compiler).program(for: exercise)
        let session = ChecksProgramSession(program: checksProgram, workingDirectory: exercise.folder)
        let checks = try session.list()
        var report = GradeReport(
            exercise: exercise.slug, submission: shownPath, diagnostics: [], outcomes: [],
            possiblePoints: checks.reduce(0) { $0 + $1.points })
        report.sandbox = sandbox.summary

        report.ruleViolations = SourceRules.violations(in: text).map { "\(shownPath):\($0.line): \($0.message)" }
        guard report.ruleViolations.isEmpty else { return report }

        let work = try GradingFolder(exercise: exercise)
        defer { work.remove() }
        // Named like the learner's file, so trap messages (“Submission/my-file.swift:12”) read naturally.
        let copy = work.build.appendingPathComponent(Self.sourceFileName(for: submission))
        try write(text, to: copy)
        let (object, diagnostics) = try compileSubmission(copy, shownAs: shownPath, exercise: exercise, work: work)
        report.diagnostics = diagnostics
        guard let object else { return report }

        report.ruleViolations = try SymbolRules(compiler: compiler)
            .findings(in: object, moduleName: "Submission", forbidden: exercise.manifest.forbiddenCalls ?? [])
            .map { finding in
                let line = finding.sourceName.flatMap { SourceRules.firstLine(of: $0, in: text) }
                return "\(shownPath)\(line.map { ":\($0)" } ?? ""): \(finding.message)"
            }
        guard report.ruleViolations.isEmpty else { return report }

        let probeProgram = work.build.appendingPathComponent("probes")
        switch try compileProbes(exercise, submission: object, into: probeProgram, work: work) {
        case .failed(let diagnostics, let output):
            report.testCompileProblem = testCompileProblem(diagnostics, output: output)
            return report
        case .compiled:
            try work.makeRunnable(probeProgram)
        }
        if sandbox.isolation == .bubblewrap { try SyscallFilter.write(to: work.filter) }
        let runner = ProbeRunner(
            sandbox: sandbox, compiler: compiler, program: probeProgram, work: work,
            limits: limits(for: exercise))
        report.outcomes = try checks.enumerated().map { index, check in
            runner.lastFailure = nil
            let ending = session.runCheck(index) { probe, inputs in runner.run(probe, inputs: inputs) }
            if let failure = runner.sandboxFailure {
                throw GraderError("The sandbox could not start, so \(shownPath) was not graded (no code of it ran); check again. \(failure)")
            }
            return TestOutcome(name: check.name, points: check.points, hidden: check.hidden,
                               status: status(of: ending, lastFailure: runner.lastFailure))
        }
        return report
    }

    /// A safe file name for the copy of `submission`: its own name, keeping only letters, digits,
    /// `.`, `-` and `_`.
    static func sourceFileName(for submission: URL) -> String {
        let base = submission.deletingPathExtension().lastPathComponent
        let kept = String(base.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }.map(Character.init))
        let name = kept.trimmingCharacters(in: CharacterSet(charactersIn: ".")).prefix(64)
        return (name.isEmpty || name == "main" ? "Submission" : String(name)) + ".swift"
    }

    /// The outcome of a check from how its conversation ended and the last probe run that failed.
    /// Messages may quote what learner code printed or threw; they are made safe to show (see
    /// ``VisibleText/message(_:limit:)``).
    func status(of ending: ChecksProgramSession.Ending, lastFailure: ProbeRunner.Failure?) -> TestOutcome.Status {
        switch ending {
        case .verdict(true, _):
            return .passed
        case .verdict(false, let message):
            if let lastFailure, lastFailure.message == message {
                if case .timedOut = lastFailure.kind { return .timedOut(seconds: lastFailure.seconds) }
                return .crashed(message: VisibleText.message(message))
            }
            return .failed(message: VisibleText.message(message))
        case .broke(let reason):
            return .crashed(message: VisibleText.message("The check itself stopped without a verdict: \(reason). This is a fault in the exercise, not in your code; please tell your instructor."))
        }
    }

    /// Compiles the learner's file as the module `Submission` under time and memory limits.
    func compileSubmission(_ copy: URL, shownAs shownPath: String, exercise: Exercise, work: GradingFolder) throws
        -> (object: URL?, diagnostics: [CompilerDiagnostic])
    {
        let slowWork = ["-Xfrontend", "-warn-long-expression-type-checking=2000", "-Xfrontend", "-warn-long-function-bodies=2000"]
        let module = try compiler.compileModule(
            source: copy, moduleName: "Submission", into: work.build, workingDirectory: work.build,
            moduleCache: work.moduleCache, timeLimit: Self.compileTimeLimit, memoryLimitBytes: Self.compileMemoryLimit,
            extraArguments: ["-Xfrontend", "-solver-expression-time-threshold=\(Self.expressionTimeLimit)"] + slowWork)
        let isSlowWarning = { (diagnostic: CompilerDiagnostic) in
            diagnostic.severity == .warning && diagnostic.message.contains("to type-check (limit:")
        }
        var diagnostics = module.diagnostics.filter { !isSlowWarning($0) }.map { relocated($0, from: copy, to: shownPath) }
        if case .timedOut(let seconds) = module.ending {
            let slow = module.diagnostics.filter(isSlowWarning).map { relocated($0, from: copy, to: shownPath) }
            let place = slow.last.map { " It was slow at \(shownPath):\($0.line) (\($0.message))." } ?? ""
            diagnostics.append(CompilerDiagnostic(
                file: shownPath, line: slow.last?.line ?? 1, column: slow.last?.column ?? 1, severity: .error,
                message: "the Swift compiler gave up after \(Int(seconds)) s.\(place) Break long expressions into smaller steps with explicit types."))
            return (nil, diagnostics)
        }
        if module.object == nil && !diagnostics.contains(where: { $0.severity == .error }) {
            let reason = module.ending == .exited(status: 0) ? "" : " (\(module.ending))"
            diagnostics.append(CompilerDiagnostic(
                file: shownPath, line: 1, column: 1, severity: .error,
                message: "the Swift compiler stopped\(reason) without an error message; it may have run out of memory (limit \(Self.compileMemoryLimit >> 30) GiB). Simplify the file and try again."))
        }
        return (module.object, diagnostics)
    }

    /// A diagnostic about the copy in the grading folder, pointed at the learner's own file.
    func relocated(_ diagnostic: CompilerDiagnostic, from copy: URL, to shownPath: String) -> CompilerDiagnostic {
        guard diagnostic.file == copy.path || diagnostic.file == copy.lastPathComponent else { return diagnostic }
        return CompilerDiagnostic(
            file: shownPath, line: diagnostic.line, column: diagnostic.column, severity: diagnostic.severity,
            message: diagnostic.message)
    }

    /// Compiles the exercise's probes with the learner's module into the probe program.
    func compileProbes(_ exercise: Exercise, submission object: URL, into program: URL, work: GradingFolder) throws
        -> CompileOutcome
    {
        let main = work.build.appendingPathComponent("main.swift")
        let hidden = exercise.hiddenProbesFile != nil ? ", hiddenProbes: hiddenProbes" : ""
        try write("import ExerciseTesting\nProbeProgram.main(probes: probes\(hidden))\n", to: main)
        let sources = [exercise.probesFile] + (exercise.hiddenProbesFile.map { [$0] } ?? []) + [main]
        return try compiler.compile(
            sources: sources, to: program, moduleName: "ExerciseProbes", workingDirectory: exercise.folder,
            moduleCache: work.moduleCache, extraArguments: ["-I", work.build.path, object.path],
            timeLimit: Self.compileTimeLimit)
    }

    /// Explains why the probes did not compile against the submission, without showing hidden code.
    func testCompileProblem(_ diagnostics: [CompilerDiagnostic], output: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.map { diagnostic -> String in
            if diagnostic.file.hasSuffix("HiddenProbes.swift") { return "a hidden check: \(diagnostic.message)" }
            return diagnostic.formatted
        }
        let detail = shown.isEmpty ? String(output.suffix(2000)) : shown.joined(separator: "\n")
        return "The checks could not call your code. Keep the names and signatures the task asks for (and do not declare names the probes use, such as Probe or probes):\n\(detail)"
    }

    func limits(for exercise: Exercise) -> SandboxLimits {
        var limits = exercise.manifest.limits
        if let timeLimitPerTest {
            limits.wallSeconds = timeLimitPerTest
            limits.cpuSeconds = max(1, Int((timeLimitPerTest * 2).rounded(.up)))
        }
        return limits
    }

    func write(_ text: String, to file: URL) throws {
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw GraderError("Could not write \(file.path) while preparing the check: \(error.localizedDescription).")
        }
    }
}
