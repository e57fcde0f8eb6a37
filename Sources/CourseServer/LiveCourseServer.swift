import CourseSite
import FlyingFox
import FlyingSocks
import Foundation
import Grader
import Notebook
import Synchronization

/// `course serve`: the course site as a live notebook. The same pages as `course build`, plus
/// editors on every cell and exercise, runs streamed over a WebSocket, and checks with the
/// grader of `exercise check`. It listens on 127.0.0.1 only and answers only requests that pass
/// the ``AccessRules`` (the token, the loopback host name, the course's own origin).
public final class LiveCourseServer: Sendable {
    /// The course served.
    public let course: CourseFolder
    /// The secret every request must carry.
    public let token: String
    let lessons: LiveLessons
    let exercises: LiveExercises
    let files: StaticFiles
    let board = RunBoard()
    private let listening = Mutex<(rules: AccessRules, server: HTTPServer)?>(nil)
    let searchIndex = Mutex<String?>(nil)

    /// A server for `course` that runs cells with `runner` (whose cache it shares with `lesson run`
    /// for chapters as written) and requires `token`.
    public init(course: CourseFolder, runner: LessonRunner, token: String = AccessRules.makeToken()) {
        self.course = course
        self.token = token
        lessons = LiveLessons(course: course, runner: runner)
        exercises = LiveExercises(course: course)
        files = StaticFiles(course: course.url)
    }

    /// Whether CodeMirror was found (otherwise editors are plain text areas).
    public var hasCodeEditor: Bool { files.hasCodeMirror }

    /// Where CodeMirror is looked for, and how to install it, for the start-up message.
    public var codeEditorHelp: String {
        "CodeMirror was not found in \(files.codeMirrorFolder.path): cells are edited in plain text boxes. Install Debian's package with `sudo apt-get install libjs-codemirror` (or set \(StaticFiles.codeMirrorVariable) to a CodeMirror 5 folder) and start the server again."
    }

    /// Starts listening on 127.0.0.1:`port` (0: a free port the system picks) and returns the port.
    ///
    /// - Throws: when the port is taken or cannot be bound.
    public func start(port: Int) async throws -> Int {
        guard (0...65535).contains(port) else { throw NotebookError("The port \(port) is not between 0 and 65535.") }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(port))
        let server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 900, logger: .disabled),
            handler: ClosureHTTPHandler { [self] request in await self.answer(request) })
        let running = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            running.cancel()
            if case .failure(let failure) = await running.result {
                throw NotebookError("Could not listen on 127.0.0.1:\(port): \(failure.localizedDescription). Choose another port with --port.")
            }
            throw error
        }
        guard case .ip4(_, let actual)? = await server.listeningAddress else {
            throw NotebookError("The server started but did not say which port it listens on.")
        }
        listening.withLock { $0 = (AccessRules(token: token, port: Int(actual)), server) }
        return Int(actual)
    }

    /// Stops listening and stops the runs in progress.
    public func stop() async {
        let server = listening.withLock { state -> HTTPServer? in
            defer { state = nil }
            return state?.server
        }
        await server?.stop(timeout: 1)
    }

    /// The address to open: the contents page with the token.
    public func address(port: Int) -> String { "http://127.0.0.1:\(port)/?token=\(token)" }

    /// Answers one request: the access rules first, then the route.
    func answer(_ request: HTTPRequest) async -> HTTPResponse {
        guard let rules = listening.withLock({ $0?.rules }) else {
            return HTTPResponse(statusCode: .serviceUnavailable)
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let facts = AccessRules.Request(
            method: request.method.rawValue, queryToken: request.query.first { $0.name == "token" }?.value,
            headers: headers)
        switch rules.decide(facts) {
        case .refuse(let status, let reason):
            return Responses.refusal(status: status, reason: reason, port: rules.port)
        case .rememberTokenAndRedirect:
            let kept = request.query.filter { $0.name != "token" }
            let query = kept.isEmpty ? "" : "?" + kept.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")" }.joined(separator: "&")
            return Responses.redirect(to: request.path + query, cookie: rules.tokenCookie, port: rules.port)
        case .allow:
            do {
                return try await route(request, port: rules.port)
            } catch {
                return Responses.problem("\(error)", port: rules.port, status: .unprocessableContent)
            }
        }
    }
}
