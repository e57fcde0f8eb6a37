import Foundation

/// The course index, `lessons/course.json`: the course title and the chapters in order, each
/// with the chapters it builds on.
///
/// ```json
/// { "title": "LossLab", "chapters": [
///     { "file": "01-loss-functions.md", "prerequisites": [] },
///     { "file": "02-regression-losses.md", "prerequisites": ["01-loss-functions"] } ] }
/// ```
///
/// Without the file, chapters are ordered by file name and have no prerequisites.
public struct CourseManifest: Sendable, Equatable, Codable {
    /// One chapter of the index.
    public struct Chapter: Sendable, Equatable, Codable {
        /// The chapter's file in `lessons/`.
        public let file: String
        /// Slugs of the chapters to read first.
        public let prerequisites: [String]
    }

    /// The course title.
    public let title: String
    /// The chapters, in reading order.
    public let chapters: [Chapter]

    /// Reads `lessons/course.json`, checking that it names existing files, lists every chapter
    /// file once, and only refers to listed chapters as prerequisites.
    static func load(lessonsFolder: URL, files: [String]) throws -> CourseManifest? {
        let file = lessonsFolder.appendingPathComponent("course.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let manifest: CourseManifest
        do {
            manifest = try JSONDecoder().decode(CourseManifest.self, from: Data(contentsOf: file))
        } catch {
            throw NotebookError("\(file.path) is not a valid course index: \(error). It needs a \"title\" and \"chapters\", each with \"file\" and \"prerequisites\".")
        }
        let listed = manifest.chapters.map(\.file)
        if let missing = listed.first(where: { !files.contains($0) }) {
            throw NotebookError("\(file.path) lists \(missing), which is not in \(lessonsFolder.path). Fix the name or add the chapter.")
        }
        if let unlisted = files.first(where: { !listed.contains($0) }) {
            throw NotebookError("lessons/\(unlisted) is not listed in \(file.path). Add it to \"chapters\" with its prerequisites.")
        }
        if let duplicate = listed.first(where: { name in listed.filter { $0 == name }.count > 1 }) {
            throw NotebookError("\(file.path) lists \(duplicate) twice.")
        }
        let slugs = Set(listed.map { String($0.dropLast(3)) })
        for chapter in manifest.chapters {
            if let unknown = chapter.prerequisites.first(where: { !slugs.contains($0) }) {
                throw NotebookError("\(file.path): \(chapter.file) needs “\(unknown)”, which is not a chapter of the course (use the file name without .md).")
            }
        }
        return manifest
    }
}
