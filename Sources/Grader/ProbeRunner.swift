import Foundation
import LabRuntime
import LabToolchain

/// Runs the probe program in the sandbox, once per probe request, and turns what happened into
/// the reply the checks program gets: the learner's values, or why there are none.
///
/// The request goes in as a file on standard input; the answer comes back in a file the sandbox
/// sees only as descriptor 3. The answer counts only when the program exited normally and the
/// file holds exactly one well-formed answer; what the program printed is shown in failure
/// messages and never read for results.
final class ProbeRunner {
    /// A probe run that gave no values.
    struct Failure {
        let kind: ProbeFailureKind
        let message: String
        let seconds: Double
    }

    let sandbox: Sandbox
    let compiler: SwiftCompiler
    let program: URL
    let work: GradingFolder
    let limits: SandboxLimits
    /// The most output kept from one run (the start and the latest part).
    static let outputLimit = 256 << 10
    /// The largest answer read.
    static let answerLimit = 256 << 20

    /// The last run of the current check that failed, if any.
    var lastFailure: Failure?
    /// Set when the sandbox itself could not start (so no learner code ran): the check must be
    /// reported as the grader's problem, never scored.
    var sandboxFailure: String?
    /// How many times a run is tried when the sandbox fails to start.
    static let startAttempts = 3

    init(sandbox: Sandbox, compiler: SwiftCompiler, program: URL, work: GradingFolder, limits: SandboxLimits) {
        self.sandbox = sandbox
        self.compiler = compiler
        self.program = program
        self.work = work
        self.limits = limits
    }

    /// Runs probe `probe` on `inputs` and returns the reply for the checks program.
    func run(_ probe: String, inputs: [ProbeValues]) -> GradingMessage {
        var reply = GradingMessage.probeFailed(.crashed, message: "")
        for attempt in 1...Self.startAttempts {
            let (message, sandboxStarted) = runOnce(probe, inputs: inputs)
            reply = message
            if sandboxStarted { break }
            if attempt == Self.startAttempts {
                if case .probeFailed(_, let text) = message { sandboxFailure = text }
            } else {
                Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
            }
        }
        if case .probeFailed(let kind, let message) = reply {
            lastFailure = Failure(kind: kind, message: message, seconds: limits.wallSeconds)
        }
        return reply
    }

    /// One run: the reply, and whether the sandbox started (learner code may have run).
    private func runOnce(_ probe: String, inputs: [ProbeValues]) -> (GradingMessage, Bool) {
        let reply = runInSandbox(probe, inputs: inputs)
        guard sandbox.isolation == .bubblewrap else { return (reply, true) }
        let report = (try? Data(contentsOf: work.started)) ?? Data()
        return (report.isEmpty ? .probeFailed(.crashed, message: "The sandbox did not start: \(reply)") : reply, !report.isEmpty)
    }

    private func runInSandbox(_ probe: String, inputs: [ProbeValues]) -> GradingMessage {
        let files = FileManager.default
        guard files.createFile(atPath: work.request.path, contents: Data(GradingMessage.runProbe(probe: probe, inputs: inputs).frame),
                               attributes: [.posixPermissions: 0o600]),
            files.createFile(atPath: work.answers.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            files.createFile(atPath: work.started.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            return .probeFailed(.crashed, message: "The grader could not prepare the run (files in \(work.root.path)).")
        }
        let group = ResourceGroup.make(memoryBytes: limits.memoryBytes, processes: limits.processes)
        defer { group?.remove() }
        let run = Sandbox.Run(
            executable: program, input: work.request, answers: work.answers,
            filter: sandbox.isolation == .bubblewrap ? work.filter : nil, started: work.started, scratchFolder: work.scratch,
            library: compiler.library, runtimeFolder: compiler.runtimeLibraryFolder, limits: limits, group: group)
        let (launcher, arguments) = sandbox.command(for: run)
        let result: ProcessResult
        do {
            result = try ChildProcess.run(
                launcher, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"], timeLimit: limits.wallSeconds,
                outputLimit: Self.outputLimit)
        } catch {
            return .probeFailed(.crashed, message: "The sandbox could not start: \(error).")
        }
        let output = removingStackTrace(result.output)
        let tail = lastLines(of: output)
        let answerBytes = readAnswers()
        if case .timedOut(let seconds) = result.ending {
            return .probeFailed(.timedOut, message: "Your code ran longer than \(format(seconds)) s and was stopped. Look for a loop that never ends or far more work than the task needs.\(tail)")
        }
        if result.ending.succeeded, let answerBytes, let answers = try? ProbeAnswers(framed: answerBytes) {
            guard answers.answers.count == inputs.count else {
                return .probeFailed(.malformedAnswer, message: "The run answered \(answers.answers.count) inputs of \(inputs.count), so nothing from it is believed.")
            }
            return .answers(answers.answers)
        }
        if let answerBytes, !answerBytes.isEmpty {
            return .probeFailed(.malformedAnswer, message: "The run's answer channel held something other than one complete answer, so nothing from it is believed. Do not write to file descriptor 3.\(tail)")
        }
        switch result.ending {
        case .exited(0):
            return .probeFailed(.exitedEarly, message: "The program exited before your code returned its results; a call to exit() in your code ends the check.\(tail)")
        case .exited(let status) where status > 128:
            return .probeFailed(.crashed, message: crashMessage(signal: status - 128, tail: tail))
        case .signaled(let signal):
            return .probeFailed(.crashed, message: crashMessage(signal: signal, tail: tail))
        case .exited(let status):
            return .probeFailed(.exitedEarly, message: "The program exited with status \(status) before your code returned its results.\(tail)")
        case .stopped(let reason):
            return .probeFailed(.crashed, message: reason)
        case .timedOut(let seconds):
            return .probeFailed(.timedOut, message: "Your code ran longer than \(format(seconds)) s and was stopped.\(tail)")
        }
    }

    /// The answer file's bytes (empty when nothing was written, `nil` when the file is gone); an
    /// answer larger than ``answerLimit`` is cut to its first byte, which never decodes.
    func readAnswers() -> [UInt8]? {
        guard let handle = try? FileHandle(forReadingFrom: work.answers) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.answerLimit + 1) else { return [] }
        return data.count > Self.answerLimit ? Array(data.prefix(1)) : Array(data)
    }

    func crashMessage(signal: Int32, tail: String) -> String {
        let cause: String
        switch signal {
        case SIGXCPU: cause = "it used up its CPU time (the limit is \(limits.cpuSeconds) s)"
        case SIGXFSZ: cause = "it wrote a file larger than the limit (\(limits.fileSizeBytes >> 20) MiB)"
        case SIGKILL: cause = "it was killed, most likely for using more than \(limits.memoryBytes >> 20) MiB of memory"
        case SIGILL, SIGTRAP: cause = "it trapped (a failed precondition, an index out of range, a forced unwrap of nil, …)"
        case SIGSEGV, SIGBUS: cause = "it crashed (a bad memory access)"
        case SIGABRT: cause = "it aborted"
        default: cause = "it was stopped by signal \(signal)"
        }
        return "Your code did not finish: \(cause).\(tail)"
    }

    func lastLines(of output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).suffix(8)
        guard !lines.isEmpty else { return "" }
        return " Its last output:\n" + lines.map { String($0.prefix(300)) }.joined(separator: "\n")
    }

    func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
