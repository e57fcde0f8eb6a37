import Foundation
import Synchronization

/// How a child process ended.
public enum ProcessEnding: Equatable, Sendable {
    /// It exited by itself with this status.
    case exited(status: Int32)
    /// A signal ended it (for example a trap: SIGILL or SIGTRAP; a crash: SIGSEGV).
    case signaled(signal: Int32)
    /// It ran past its time limit and was killed.
    case timedOut(seconds: Double)
    /// The caller's watchdog stopped it; `reason` is the watchdog's explanation.
    case stopped(reason: String)

    /// Whether the process exited by itself with status 0.
    public var succeeded: Bool { self == .exited(status: 0) }
}

/// The result of running a child process: how it ended and everything it wrote.
public struct ProcessResult: Sendable {
    /// How the process ended.
    public let ending: ProcessEnding
    /// Standard output and standard error together, in the order they were written
    /// (at most the output limit; see ``truncatedBytes``).
    public let output: String
    /// Bytes written past the output limit and dropped (0 when nothing was dropped).
    public let truncatedBytes: Int
    /// Wall-clock seconds from launch to end.
    public let duration: Double
}

/// The children running now, so that an interrupted tool can stop them before it exits.
private let runningChildren = Mutex(Set<Int32>())

/// Runs programs in a child process with a time limit; the parent never runs learner code.
public enum ChildProcess {
    /// Stops every child process started by ``run(_:arguments:workingDirectory:environment:timeLimit:memoryLimitBytes:outputLimit:onLine:watchdog:)``
    /// that is still running (used when the tool itself is interrupted).
    public static func terminateAll() {
        for pid in runningChildren.withLock({ $0 }) { kill(pid, SIGKILL) }
    }

    /// Makes Ctrl-C (SIGINT) and SIGTERM stop the running child processes before the tool exits
    /// with status 130, so that no lesson or exercise program is left running on its own.
    public static func stopChildrenOnInterrupt() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                terminateAll()
                FileHandle.standardError.write(Data("\nInterrupted; stopped the running program.\n".utf8))
                exit(130)
            }
            source.resume()
            interruptSources.append(source)
        }
    }

    /// The most output kept from one process; more is counted and dropped.
    public static let defaultOutputLimit = 16 << 20

    /// Runs `executable` with `arguments`, waits at most `timeLimit` seconds, and collects its
    /// output. A process that runs longer is sent SIGTERM, then SIGKILL one second later.
    ///
    /// - Parameters:
    ///   - memoryLimitBytes: when given, the child's address space is capped (`ulimit -v`) so a
    ///     runaway allocation fails in the child instead of exhausting the machine.
    ///   - input: bytes for the child's standard input (which is otherwise empty).
    ///   - onLine: called with each complete line of output (without its newline) as it arrives,
    ///     on a background thread.
    ///   - watchdog: called about ten times a second while the process runs; returning a
    ///     reason stops the process, which then ends as ``ProcessEnding/stopped(reason:)``.
    public static func run(
        _ executable: URL,
        arguments: [String] = [],
        workingDirectory: URL? = nil,
        environment: [String: String]? = nil,
        timeLimit: Double,
        memoryLimitBytes: Int? = nil,
        outputLimit: Int = defaultOutputLimit,
        input: Data? = nil,
        onLine: (@Sendable (Substring) -> Void)? = nil,
        watchdog: (() -> String?)? = nil
    ) throws -> ProcessResult {
        let process = Process()
        if let memoryLimitBytes {
            // The shell applies the limit to itself and then becomes the program (exec).
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(memoryLimitBytes / 1024) && exec \"$0\" \"$@\"", executable.path]
                + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice

        let collector = OutputCollector(limit: outputLimit, onLine: onLine)
        let readerDone = DispatchSemaphore(value: 0)
        let reading = pipe.fileHandleForReading
        let start = Date()
        do {
            try process.run()
        } catch {
            throw ToolchainError("Could not start \(executable.path): \(error.localizedDescription).")
        }
        let pid = process.processIdentifier
        runningChildren.withLock { _ = $0.insert(pid) }
        defer { runningChildren.withLock { _ = $0.remove(pid) } }
        // The parent's copy of the write end must close, or the reader never sees the end.
        try? pipe.fileHandleForWriting.close()
        if let input, let inputPipe {
            // Small inputs fit in the pipe's buffer; the child reads them when it is ready.
            try? inputPipe.fileHandleForWriting.write(contentsOf: input)
            try? inputPipe.fileHandleForWriting.close()
        }
        Thread.detachNewThread {
            while true {
                let data = reading.availableData
                if data.isEmpty { break }
                collector.append(data)
            }
            collector.finish()
            readerDone.signal()
        }

        var ending: ProcessEnding?
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeLimit {
                ending = .timedOut(seconds: timeLimit)
            } else if let reason = watchdog?() {
                ending = .stopped(reason: reason)
            }
            if ending != nil {
                stop(process)
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        // Output still buffered in the pipe arrives shortly; a grandchild holding the pipe open
        // must not hang the parent.
        _ = readerDone.wait(timeout: .now() + 2)
        let duration = Date().timeIntervalSince(start)
        if ending == nil {
            ending = process.terminationReason == .uncaughtSignal
                ? .signaled(signal: process.terminationStatus) : .exited(status: process.terminationStatus)
        }
        let (output, dropped) = collector.result()
        return ProcessResult(ending: ending ?? .exited(status: -1), output: output, truncatedBytes: dropped, duration: duration)
    }

    /// Sends SIGTERM, then SIGKILL if the process is still there a second later.
    static func stop(_ process: Process) {
        process.terminate()
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Finds a program on the `PATH`, like the shell's `command -v`.
    public static func findOnPath(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL?
    {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Keeps the signal sources alive for the life of the tool; set once at start-up, on the main thread.
nonisolated(unsafe) private var interruptSources: [any DispatchSourceSignal] = []

/// Collects a child's output from the reader thread: keeps up to a limit, and hands out
/// complete lines as they arrive.
final class OutputCollector: Sendable {
    private struct State {
        var kept = Data()
        /// The latest bytes once the limit is reached: results and end markers come last.
        var tail = Data()
        var dropped = 0
        var partialLine = Data()
    }

    /// How many of the latest bytes are kept after the limit.
    static let tailSize = 64 * 1024

    private let state = Mutex(State())
    private let limit: Int
    private let onLine: (@Sendable (Substring) -> Void)?

    init(limit: Int, onLine: (@Sendable (Substring) -> Void)?) {
        self.limit = limit
        self.onLine = onLine
    }

    /// The longest line handed out whole; a longer run without a newline is handed out in pieces,
    /// so a flood of output without newlines cannot grow the collector.
    static let longestLine = 64 * 1024

    func append(_ data: Data) {
        let lines: [Data] = state.withLock { state in
            let room = max(0, limit - state.kept.count)
            state.kept.append(data.prefix(room))
            if data.count > room {
                // Copy into a fresh buffer: trimming a Data in place can keep the dropped bytes alive.
                var tail = state.tail
                tail.append(data.dropFirst(room).suffix(Self.tailSize))
                state.dropped += max(0, data.count - room - Self.tailSize)
                if tail.count > Self.tailSize {
                    state.dropped += tail.count - Self.tailSize
                    tail = Data(tail.suffix(Self.tailSize))
                }
                state.tail = tail
            }
            guard onLine != nil else { return [] }
            var complete: [Data] = []
            var rest = data[...]
            while let newline = rest.firstIndex(of: 0x0A) {
                state.partialLine.append(rest[rest.startIndex..<newline])
                complete.append(state.partialLine)
                state.partialLine = Data()
                rest = rest[(newline + 1)...]
            }
            state.partialLine.append(rest)
            while state.partialLine.count > Self.longestLine {
                complete.append(Data(state.partialLine.prefix(Self.longestLine)))
                state.partialLine = Data(state.partialLine.dropFirst(Self.longestLine))
            }
            return complete
        }
        for line in lines { onLine?(Substring(String(decoding: line, as: UTF8.self))) }
    }

    func finish() {
        let rest: Data = state.withLock { state in
            defer { state.partialLine.removeAll() }
            return state.partialLine
        }
        if !rest.isEmpty { onLine?(Substring(String(decoding: rest, as: UTF8.self))) }
    }

    /// The output kept: the first `limit` bytes, and when more was written, a note and the
    /// latest whole lines.
    func result() -> (String, Int) {
        state.withLock { state in
            var text = String(decoding: state.kept, as: UTF8.self)
            guard state.dropped > 0 || !state.tail.isEmpty else { return (text, 0) }
            var tail = state.tail
            var dropped = state.dropped
            if dropped > 0, let newline = tail.firstIndex(of: 0x0A) {
                dropped += newline - tail.startIndex + 1
                tail = tail[(newline + 1)...]
            }
            if !text.hasSuffix("\n") { text += "\n" }
            if dropped > 0 { text += "[… \(dropped) bytes of output not kept …]\n" }
            text += String(decoding: tail, as: UTF8.self)
            return (text, dropped)
        }
    }
}
