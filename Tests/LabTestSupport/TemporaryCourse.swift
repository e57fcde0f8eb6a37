import Foundation

/// The LossLab package folder (where Package.swift is), found from this file's path.
public let packageFolder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The build folder of the running tests (`.build/debug`), which holds the built executables
/// and `libLossLab.so`.
public var buildFolder: URL {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        .map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return executable.deletingLastPathComponent()
}

/// A course folder in the temporary directory, with the lessons and exercises a test writes,
/// deleted when the value is released.
public final class TemporaryCourse: @unchecked Sendable {
    /// The course folder.
    public let url: URL

    /// Creates an empty course with `lessons/` and `exercises/` folders.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("exercises"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `lessons/<name>` and returns its URL.
    @discardableResult
    public func addLesson(_ name: String, _ markdown: String) throws -> URL {
        let file = url.appendingPathComponent("lessons").appendingPathComponent(name)
        try markdown.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Copies an exercise folder of the real course into this course.
    public func copyExercise(_ slug: String) throws {
        try FileManager.default.copyItem(
            at: packageFolder.appendingPathComponent("exercises").appendingPathComponent(slug),
            to: url.appendingPathComponent("exercises").appendingPathComponent(slug))
    }

    /// Writes `text` to `relativePath` inside the course and returns its URL.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A fenced Swift cell, for building lesson text in tests.
public func swiftCell(_ code: String, options: String = "") -> String {
    "```swift\(options.isEmpty ? "" : " " + options)\n\(code)\n```\n"
}

/// Whether this checkout has the reference solutions (a learners' copy made by
/// `exercise release` has none, and the tests that grade solutions are skipped there).
public let hasReferenceSolutions = FileManager.default.fileExists(
    atPath: packageFolder.appendingPathComponent("exercises/tversky-loss/Solution.swift").path)
