import Foundation
import LabTestSupport
import LabToolchain
import Notebook
import Testing

@testable import CourseServer

#if canImport(Glibc)
import Glibc
#endif

/// The answer to a request: its status, headers (lower-cased names) and body.
typealias Answer = (status: Int, headers: [String: String], body: String)

/// A request written byte for byte to the server (so the Host and Origin headers are exactly
/// the test's), on a thread of its own: waiting on a socket must not hold one of the few threads
/// the server's tasks run on.
func rawRequest(port: Int, _ head: String) async throws -> Answer {
    let result = await LessonSocket.offThread { Result { try blockingRequest(port: port, head) } }
    return try result.get()
}

func blockingRequest(port: Int, _ head: String) throws -> Answer {
    let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard handle >= 0 else { throw NotebookError("no socket") }
    defer { close(handle) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw NotebookError("could not connect to 127.0.0.1:\(port)") }
    let bytes = Array(head.replacingOccurrences(of: "\n", with: "\r\n").utf8) + Array("\r\n".utf8)
    _ = bytes.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
    var received = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = recv(handle, &buffer, buffer.count, 0)
        if count <= 0 { break }
        received += buffer[0..<count]
        // A kept-alive or upgraded connection stays open: stop at the end of the answer.
        if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
            let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
            if head.hasPrefix("http/1.1 101") || received.count - end.upperBound >= (length ?? .max) { break }
        }
    }
    let text = String(decoding: received, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let lines = parts[0].components(separatedBy: "\r\n")
    let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
}

/// `course serve` on a free port of 127.0.0.1, serving a small temporary course: the built tool
/// in a process of its own, as a learner starts it.
final class ServedCourse: @unchecked Sendable {
    let course: TemporaryCourse
    let process = Process()
    let port: Int
    let token: String

    init(lessons: [String: String] = ["01-first.md": "# First\n\n" + swiftCell("print(\"hello\")")]) throws {
        course = try TemporaryCourse()
        for (name, text) in lessons { try course.addLesson(name, text) }
        process.executableURL = buildFolder.appendingPathComponent("course")
        process.arguments = ["serve", "--course", course.url.path, "--port", "0", "--no-open"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("?token="), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        guard let line = printed.split(separator: "\n").first(where: { $0.contains("?token=") }),
            let address = line.split(separator: " ").last.map(String.init),
            let components = URLComponents(string: address), let port = components.port,
            let token = components.queryItems?.first(where: { $0.name == "token" })?.value
        else {
            process.terminate()
            throw NotebookError("course serve did not print its address: \(printed)")
        }
        self.port = port
        self.token = token
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    var cookie: String { "Cookie: losslab-token-\(port)=\(token)" }
    var host: String { "Host: 127.0.0.1:\(port)" }

    func get(_ path: String, _ headers: [String] = []) async throws -> Answer {
        try await rawRequest(port: port, (["GET \(path) HTTP/1.1", "Connection: close"] + headers).joined(separator: "\n") + "\n")
    }

    func upgrade(_ path: String, _ headers: [String]) async throws -> Int {
        let head = [
            "GET \(path) HTTP/1.1", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
        ] + headers
        return try await rawRequest(port: port, head.joined(separator: "\n") + "\n").status
    }
}

@Suite("`course serve` over HTTP")
struct ServerTests {
    @Test("requests without the token, for other host names or from other origins are refused, WebSocket upgrades too")
    func refusals() async throws {
        let served = try ServedCourse()
        let origin = "Origin: http://127.0.0.1:\(served.port)"
        #expect(try await served.get("/", [served.host]).status == 401)
        #expect(try await served.get("/01-first.html", [served.host]).status == 401)
        #expect(try await served.get("/api/lessons/01-first", [served.host]).status == 401)
        #expect(try await served.get("/", [served.host, "Cookie: losslab-token-\(served.port)=wrong"]).status == 403)
        let first = try await served.get("/?token=\(served.token)", [served.host])
        #expect(first.status == 303 && first.headers["location"] == "/")
        #expect(first.headers["set-cookie"]?.hasPrefix("losslab-token-\(served.port)=\(served.token);") == true)
        #expect(try await served.get("/", [served.host, served.cookie]).status == 200)
        #expect(try await served.get("/", ["Host: attacker.example:\(served.port)", served.cookie]).status == 403, "DNS rebinding")
        #expect(try await served.get("/?token=\(served.token)", ["Host: attacker.example:\(served.port)"]).status == 403)
        #expect(try await served.get("/api/progress", [served.host, served.cookie, "Origin: http://attacker.example"]).status == 403)
        #expect(try await served.get("/api/progress", [served.host, served.cookie, "Sec-Fetch-Site: cross-site"]).status == 403)

        let socket = "/api/lessons/01-first/socket"
        #expect(try await served.upgrade(socket, [served.host, origin]) == 401, "an upgrade without the token")
        #expect(try await served.upgrade(socket, [served.host, served.cookie]) == 403, "an upgrade without Origin")
        #expect(try await served.upgrade(socket, [served.host, served.cookie, "Origin: http://attacker.example"]) == 403)
        #expect(try await served.upgrade(socket, ["Host: attacker.example:\(served.port)", served.cookie, origin]) == 403)
        #expect(try await served.upgrade(socket, [served.host, served.cookie, origin]) == 101, "the page's own upgrade is answered")
    }

    @Test("pages are course build's with the live script, API answers carry the chapter, files stay inside their folders")
    func pagesAndFiles() async throws {
        let served = try ServedCourse()
        let page = try await served.get("/01-first.html", [served.host, served.cookie])
        #expect(page.status == 200)
        #expect(page.body.contains(#"<section class="cell" id="cell-1">"#))
        #expect(page.body.contains(#"<script id="losslab-live" type="application/json">{"kind": "lesson", "slug": "01-first"}</script>"#))
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        #expect(page.headers["x-frame-options"] == "DENY" && page.headers["referrer-policy"] == "no-referrer")
        let api = try await served.get("/api/lessons/01-first", [served.host, served.cookie])
        #expect(api.status == 200 && api.body.contains(#""code":"print(\"hello\")\n""#))
        #expect(try await served.get("/live/live.js", [served.host, served.cookie]).status == 200)
        #expect(try await served.get("/style.css", [served.host, served.cookie]).status == 200)
        try served.course.write("secret", to: "notes.png")
        for path in ["/run-images/../notes.png", "/run-images/%2E%2E/notes.png", "/live/../../Package.swift",
                     "/codemirror/lib/../../../../etc/passwd", "/lessons/01-first.md", "/99-missing.html", "/api/lessons/99-missing"] {
            let status = try await served.get(path, [served.host, served.cookie]).status
            #expect(status == 404 || status == 422, "\(path) answered \(status)")
        }
    }
}
