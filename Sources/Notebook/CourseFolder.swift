import Foundation

/// The folder a course lives in: `lessons/` with the chapters, `exercises/` with the tasks.
public struct CourseFolder: Sendable {
    /// The course's top folder.
    public let url: URL

    /// The folder of chapter files.
    public var lessonsFolder: URL { url.appendingPathComponent("lessons") }
    /// The folder of exercises, one subfolder each.
    public var exercisesFolder: URL { url.appendingPathComponent("exercises") }
    /// Where compiled cell programs and run results are kept between runs.
    public var cacheFolder: URL { url.appendingPathComponent(".lesson-cache") }

    /// Uses `url` as the course folder.
    public init(url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Finds the course folder: `start` or the nearest folder above it that has `lessons/`.
    public static func find(from start: URL) throws -> CourseFolder {
        var candidate = start.standardizedFileURL
        while true {
            var isFolder: ObjCBool = false
            let lessons = candidate.appendingPathComponent("lessons").path
            if FileManager.default.fileExists(atPath: lessons, isDirectory: &isFolder), isFolder.boolValue {
                return CourseFolder(url: candidate)
            }
            if candidate.path == "/" { break }
            candidate.deleteLastPathComponent()
        }
        throw NotebookError("No course found: neither \(start.path) nor any folder above it has a `lessons/` folder. Run the command inside the LossLab folder, or pass --course PATH.")
    }

    /// The chapter files in reading order: the order of `lessons/course.json` when there is
    /// one, else sorted by name (so by their leading numbers).
    public func lessonFiles() throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: lessonsFolder.path)
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw NotebookError("Could not list the lessons in \(lessonsFolder.path): \(error.localizedDescription).")
        }
        let ordered = try manifest(files: names)?.chapters.map(\.file) ?? names
        return ordered.map { lessonsFolder.appendingPathComponent($0) }
    }

    /// The course index, when `lessons/course.json` exists (checked against the chapter files).
    public func manifest() throws -> CourseManifest? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonsFolder.path)) ?? []
        return try manifest(files: names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted())
    }

    private func manifest(files: [String]) throws -> CourseManifest? {
        try CourseManifest.load(lessonsFolder: lessonsFolder, files: files)
    }

    /// Whether `lesson` is one of the course's chapters (not a draft run by its path).
    public func isListed(_ lesson: Lesson) -> Bool {
        let chapters = (try? lessonFiles()) ?? []
        return chapters.contains { Lesson.relativePath(of: $0, inside: url) == lesson.path }
    }

    /// All chapters, parsed, in order.
    public func lessons() throws -> [Lesson] {
        try lessonFiles().map { try Lesson.load(from: $0, courseFolder: url) }
    }

    /// The chapter that `reference` names: its number (`1`), its slug (`01-loss-functions`),
    /// the slug without the number (`loss-functions`), or a path to the file.
    ///
    /// A path to an existing Markdown file that is not a chapter of the course (a draft, in
    /// `lessons/` but not in `course.json`, or anywhere else) gives that file as a lesson of its
    /// own; ``isListed(_:)`` tells the two apart.
    public func lesson(named reference: String) throws -> Lesson {
        if reference.hasSuffix(".md"), FileManager.default.fileExists(atPath: reference) {
            let file = URL(fileURLWithPath: reference).standardizedFileURL
            let chapters = (try? lessonFiles())?.map(\.standardizedFileURL) ?? []
            if !chapters.contains(file) { return try Lesson.load(from: file, courseFolder: url) }
        }
        let files = try lessonFiles()
        let slugs = files.map { $0.deletingPathExtension().lastPathComponent }
        let wanted = reference.hasSuffix(".md")
            ? URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent : reference
        let matches = files.indices.filter { index in
            let slug = slugs[index]
            if let number = Int(wanted) { return Lesson.leadingNumber(of: slug) == number }
            let withoutNumber = slug.drop(while: \.isNumber).drop(while: { $0 == "-" || $0 == "_" })
            return slug == wanted || withoutNumber == wanted
        }
        guard matches.count == 1, let match = matches.first else {
            let available = slugs.isEmpty ? "none" : slugs.joined(separator: ", ")
            let problem = matches.isEmpty ? "No lesson matches" : "More than one lesson matches"
            throw NotebookError("\(problem) “\(reference)” in \(lessonsFolder.path). Lessons: \(available). Name one by number (1) or slug.")
        }
        return try Lesson.load(from: files[match], courseFolder: url)
    }
}
