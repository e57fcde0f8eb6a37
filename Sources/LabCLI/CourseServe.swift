import ArgumentParser
import CourseServer
import Foundation
import LabToolchain
import Notebook
import Synchronization

extension CourseCommand {
    /// `course serve [--port N] [--no-open]`.
    public struct Serve: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Open the course as a live notebook: edit and run cells, check exercises, in the browser.",
            discussion: """
                The server listens on 127.0.0.1 only and prints an address with a secret token; \
                requests without it, from other sites or for other host names are refused. Edited \
                cells are saved to my-lessons/<chapter>.md and exercises to my-exercises/<name>.swift; \
                lessons/ is never written. Ctrl-C stops the server.
                """)

        @OptionGroup var options: CourseOptions

        @Option(help: "The port to listen on (default: 8750, or the next free one; 0 lets the system choose).")
        var port: Int?

        @Flag(help: "Do not open the address in a browser.")
        var noOpen = false

        /// The port tried first when none is given, and how many after it.
        static let defaultPort = 8750
        static let portsTried = 10

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before starting.
        public func validate() throws {
            if let port, !(0...65535).contains(port) {
                throw ValidationError("--port must be between 0 and 65535 (0 lets the system choose), not \(port).")
            }
        }

        /// Starts the server and serves until interrupted.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let server = LiveCourseServer(course: course, runner: try LessonRunner(course: course))
                let started = Date()
                let requested = port
                let listening = try Self.wait { try await Self.listen(server, port: requested) }
                let address = server.address(port: listening)
                write("""
                    LossLab live course: \(address)
                      Edited cells go to \(LearnerLessonCopy.folderName)/, exercises to my-exercises/; lessons/ is never written.
                      Only this machine's browser with the token above is answered. Ctrl-C stops the server.
                      (started in \(String(format: "%.2f", Date().timeIntervalSince(started))) s)

                    """)
                if !server.hasCodeEditor { write("note: \(server.codeEditorHelp)\n") }
                if !noOpen { Self.openBrowser(address) }
                // The server answers on Swift's own threads; this one only waits for Ctrl-C.
                while true { Thread.sleep(forTimeInterval: 3600) }
            }
        }

        /// Listens on `port`, or on the default port or one of the next free ones.
        static func listen(_ server: LiveCourseServer, port: Int?) async throws -> Int {
            if let port { return try await server.start(port: port) }
            var lastError: (any Error)?
            for candidate in defaultPort..<(defaultPort + portsTried) {
                do {
                    return try await server.start(port: candidate)
                } catch {
                    lastError = error
                }
            }
            throw ValidationError("Ports \(defaultPort)–\(defaultPort + portsTried - 1) are all taken (\(lastError.map { "\($0)" } ?? "")). Choose one with --port, or --port 0 for any free port.")
        }

        /// Runs async work from this synchronous command and waits for its result.
        static func wait<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
            let done = DispatchSemaphore(value: 0)
            let box = ResultBox<Value>()
            Task {
                do {
                    box.set(.success(try await work()))
                } catch {
                    box.set(.failure(error))
                }
                done.signal()
            }
            done.wait()
            return try box.get()
        }

        /// Opens the address with the desktop's opener, when there is one.
        static func openBrowser(_ address: String) {
            guard let opener = ["xdg-open", "open"].lazy.compactMap({ ChildProcess.findOnPath($0) }).first else {
                write("Open the address above in your browser.\n")
                return
            }
            let process = Process()
            process.executableURL = opener
            process.arguments = [address]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
        }
    }
}

/// Hands a result from a task to the thread that waits for it.
final class ResultBox<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)

    func set(_ value: Result<Value, any Error>) {
        result.withLock { $0 = value }
    }

    func get() throws -> Value {
        guard let result = result.withLock({ $0 }) else { throw ValidationError("The server did not start.") }
        return try result.get()
    }
}
