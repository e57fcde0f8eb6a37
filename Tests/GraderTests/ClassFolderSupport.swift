#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@testable import Grader

/// A class folder in the temporary directory for one test, deleted afterwards.
final class TemporaryClassFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("class-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// `relativePath` inside the folder.
    func path(_ relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// Writes `text` at `student/name`, creating the student's folder.
    @discardableResult
    func write(_ text: String, student: String, name: String = "tversky-loss.swift") throws -> URL {
        let folder = url.appendingPathComponent(student, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Copies the course's file `exercises/<source>` to `student/<exercise>.swift`.
    func copy(_ source: String, student: String, exercise: String = "tversky-loss") throws {
        let folder = url.appendingPathComponent(student, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: courseExercises.folder.appendingPathComponent(source),
            to: folder.appendingPathComponent("\(exercise).swift"))
    }
}

/// A grade report with one passed and one failed test, worth `2 + 1` points.
func sampleReport(exercise: String = "tversky-loss", failure: String = "expected 0.5, got 0.25") -> GradeReport {
    GradeReport(
        exercise: exercise, submission: "x.swift", diagnostics: [],
        outcomes: [
            TestOutcome(name: "values", points: 2, status: .passed),
            TestOutcome(name: "gradients", points: 1, hidden: true, status: .failed(message: failure)),
        ],
        possiblePoints: 3)
}

/// Runs `body` on another thread and says whether it finished within `seconds`, so a test of
/// something that could block (opening a FIFO) fails instead of hanging the suite.
func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        body()
        done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success
}

/// Parses CSV strictly per RFC 4180: records end with CRLF (the last may end the text instead),
/// fields are separated by commas, a field that starts with `"` runs to the matching `"` with
/// `""` standing for one quote, and an unquoted field holds no quote, CR or LF.
func parseRFC4180(_ text: String) throws -> [[String]] {
    struct MalformedCSV: Error, CustomStringConvertible {
        let description: String
    }
    let scalars = Array(text.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var index = 0
    while index < scalars.count {
        var field = String.UnicodeScalarView()
        if scalars[index] == "\"" {
            index += 1
            while true {
                guard index < scalars.count else { throw MalformedCSV(description: "unterminated quoted field") }
                if scalars[index] == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                field.append(scalars[index])
                index += 1
            }
        } else {
            while index < scalars.count, scalars[index] != ",", scalars[index] != "\r" {
                guard scalars[index] != "\"", scalars[index] != "\n" else {
                    throw MalformedCSV(description: "a quote or line feed in an unquoted field at scalar \(index)")
                }
                field.append(scalars[index])
                index += 1
            }
        }
        record.append(String(field))
        if index == scalars.count {
            records.append(record)
            break
        }
        if scalars[index] == "," {
            index += 1
            if index == scalars.count { record.append(""); records.append(record) }
            continue
        }
        guard scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" else {
            throw MalformedCSV(description: "a field followed by something other than a comma or CRLF at scalar \(index)")
        }
        index += 2
        records.append(record)
        record = []
    }
    return records
}

/// Creates a folder whose name is `bytes` (which need not be UTF-8) inside `parent`.
func makeFolder(named bytes: [UInt8], in parent: URL) throws {
    let path = Array(parent.path.utf8) + [0x2F] + bytes + [0]
    let status = path.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) }
    }
    try #require(status == 0, "mkdir failed: \(String(cString: strerror(errno)))")
}

/// Binds a Unix-domain socket at `url` (and closes it, leaving the socket file).
func makeSocket(at url: URL) throws {
    #if os(Linux)
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let path = Array(url.path.utf8)
    try #require(path.count < MemoryLayout.size(ofValue: address.sun_path))
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
        for (offset, byte) in path.enumerated() { buffer[offset] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    try #require(bound == 0, "bind failed: \(String(cString: strerror(errno)))")
}
