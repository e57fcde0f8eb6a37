import Foundation

/// How a child process ended.
public enum ProcessEnding: Equatable, Sendable {
    /// It exited by itself with this status.
    case exited(status: Int32)
    /// A signal ended it (for example a trap: SIGILL or SIGTRAP; a crash: SIGSEGV).
    case signaled(signal: Int32)
    /// It ran past its time limit and was killed.
    case timedOut(seconds: Double)

    /// Whether the process exited by itself with status 0.
    public var succeeded: Bool { self == .exited(status: 0) }
}

/// The result of running a child process: how it ended and everything it wrote.
public struct ProcessResult: Sendable {
    /// How the process ended.
    public let ending: ProcessEnding
    /// Standard output and standard error together, in the order they were written.
    public let output: String
    /// Wall-clock seconds from launch to end.
    public let duration: Double
}

/// Runs programs in a child process with a time limit; the parent never runs learner code.
public enum ChildProcess {
    /// Runs `executable` with `arguments`, waits at most `timeLimit` seconds, and collects its
    /// output. A process that runs longer is sent SIGTERM, then SIGKILL one second later.
    ///
    /// - Parameters:
    ///   - memoryLimitBytes: when given, the child's address space is capped (`ulimit -v`) so a
    ///     runaway allocation fails in the child instead of exhausting the machine.
    public static func run(
        _ executable: URL,
        arguments: [String] = [],
        workingDirectory: URL? = nil,
        environment: [String: String]? = nil,
        timeLimit: Double,
        memoryLimitBytes: Int? = nil
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

        let outputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("losslab-output-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
            throw ToolchainError("Could not create a temporary file at \(outputFile.path) for a child process's output. Check that the temporary folder is writable.")
        }
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = Date()
        do {
            try process.run()
        } catch {
            throw ToolchainError("Could not start \(executable.path): \(error.localizedDescription).")
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let duration = Date().timeIntervalSince(start)
        let data = (try? Data(contentsOf: outputFile)) ?? Data()
        let output = String(decoding: data, as: UTF8.self)
        let ending: ProcessEnding
        if timedOut {
            ending = .timedOut(seconds: timeLimit)
        } else if process.terminationReason == .uncaughtSignal {
            ending = .signaled(signal: process.terminationStatus)
        } else {
            ending = .exited(status: process.terminationStatus)
        }
        return ProcessResult(ending: ending, output: output, duration: duration)
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
