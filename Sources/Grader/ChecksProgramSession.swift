import Foundation
import LabRuntime
import Synchronization

/// One conversation with a compiled checks program: it lists its checks, or runs one check,
/// asking for probe runs as it goes, and ends with a verdict.
///
/// The checks program is the exercise's own trusted code and never loads learner code; it still
/// runs in a child process with a time limit (its own time, not counting probe runs) and a
/// memory limit, so a faulty check cannot hang or crash the grader.
struct ChecksProgramSession {
    /// How a session ended.
    enum Ending: Equatable {
        /// The check ran to a verdict.
        case verdict(passed: Bool, message: String)
        /// The checks program stopped without a verdict (a fault in the exercise).
        case broke(reason: String)
    }

    /// Seconds the checks program may compute, beyond the time its probe runs take.
    static let ownTimeLimit = 300.0

    let program: URL
    let workingDirectory: URL

    /// The checks, in order.
    func list() throws -> [ListedCheck] {
        let ending = run(arguments: ["--list"]) { _ in .probeFailed(.malformedAnswer, message: "") } listing: { $0 }
        switch ending {
        case .listed(let checks): return checks
        case .other(let other):
            throw GraderError("The checks of \(workingDirectory.lastPathComponent) could not be listed: \(other). Check that Checks.swift defines `let checks: [Check]`.")
        }
    }

    /// Runs check `index`; `serve` runs each probe request and returns the reply.
    func runCheck(_ index: Int, serve: (String, [ProbeValues]) -> GradingMessage) -> Ending {
        switch run(arguments: ["--check", String(index)], serve: { request in
            guard case .runProbe(let probe, let inputs) = request else { return nil }
            return serve(probe, inputs)
        }, listing: { _ in nil }) {
        case .listed: return .broke(reason: "it listed its checks instead of running one")
        case .other(let ending): return ending
        }
    }

    private enum SessionResult {
        case listed([ListedCheck])
        case other(Ending)
    }

    private func run(
        arguments: [String], serve: (GradingMessage) -> GradingMessage?, listing: ([ListedCheck]) -> [ListedCheck]?
    ) -> SessionResult {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 8 GiB of address space: reference computations are small; a runaway check fails alone.
        process.arguments = ["-c", "ulimit -v 8388608 && exec \"$0\" \"$@\"", program.path] + arguments
        process.currentDirectoryURL = workingDirectory
        let toChecks = Pipe(), fromChecks = Pipe(), errors = Pipe()
        process.standardInput = toChecks
        process.standardOutput = fromChecks
        process.standardError = errors
        let stderrTail = TailBuffer(limit: 16 * 1024)
        do {
            try process.run()
        } catch {
            return .other(.broke(reason: "it could not start: \(error.localizedDescription)"))
        }
        try? toChecks.fileHandleForReading.close()
        try? fromChecks.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        let errorReader = errors.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = errorReader.availableData
                if data.isEmpty { break }
                stderrTail.append(data)
            }
        }
        // The checks program's own time: the deadline moves on by the time each probe run takes.
        let deadline = Mutex(Date().addingTimeInterval(Self.ownTimeLimit))
        let finished = Atomic<Bool>(false)
        Thread.detachNewThread {
            while !finished.load(ordering: .relaxed) {
                if Date() > deadline.withLock({ $0 }) {
                    process.terminate()
                    break
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        defer {
            finished.store(true, ordering: .relaxed)
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let channel = FrameChannel(
            input: fromChecks.fileHandleForReading.fileDescriptor, output: toChecks.fileHandleForWriting.fileDescriptor)
        func broke(_ reason: String) -> SessionResult {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let tail = stderrTail.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let timedOut = Date() > deadline.withLock { $0 }
            let why = timedOut ? "it ran longer than \(Int(Self.ownTimeLimit)) s" : reason
            return .other(.broke(reason: why + (tail.isEmpty ? "" : "; it wrote:\n\(tail)")))
        }
        while true {
            let message: GradingMessage?
            do {
                message = try channel.receive()
            } catch {
                return broke("its messages could not be read (\(error))")
            }
            guard let message else { return broke("it ended without a verdict") }
            switch message {
            case .listing(let checks):
                if let result = listing(checks) { return .listed(result) }
                return broke("it sent a list of checks while running one")
            case .verdict(let passed, let text):
                return .other(.verdict(passed: passed, message: text))
            case .runProbe:
                let started = Date()
                guard let reply = serve(message) else { return broke("it asked for something other than a probe run") }
                let spent = Date().timeIntervalSince(started)
                deadline.withLock { $0 = $0.addingTimeInterval(spent) }
                do {
                    try channel.send(reply)
                } catch {
                    return broke("it stopped listening (\(error))")
                }
            default:
                return broke("it sent a message only the grader sends")
            }
        }
    }
}

/// The latest bytes of a stream, at most `limit`, in a fixed amount of memory.
final class TailBuffer: Sendable {
    private let bytes = Mutex([UInt8]())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ data: Data) {
        bytes.withLock { kept in
            kept.append(contentsOf: data.suffix(limit))
            if kept.count > limit { kept.removeFirst(kept.count - limit) }
        }
    }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}
