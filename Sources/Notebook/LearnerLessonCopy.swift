import Foundation

/// The learner's own copy of a chapter, `my-lessons/<slug>.md` in the course: the chapter with
/// the cells the learner edited in the live course. The chapter in `lessons/` is never written;
/// the copy exists only while it differs from it.
public struct LearnerLessonCopy: Sendable {
    /// The folder of learners' copies, relative to the course folder.
    public static let folderName = "my-lessons"

    /// The chapter as the course has it.
    public let original: Lesson
    /// The learner's file.
    public let file: URL
    /// The learner's file relative to the course folder (`my-lessons/01-loss-functions.md`),
    /// the name compiler messages and the page use.
    public let path: String
    /// The chapter as it was when the copy was last saved (`my-lessons/.originals/<slug>.md`), so
    /// that a later change to the chapter can be noticed and followed (see ``followChapterChanges(now:)``).
    public let baseFile: URL

    /// The copy of `original` in `course`.
    public init(original: Lesson, course: CourseFolder) {
        self.original = original
        path = "\(Self.folderName)/\(original.slug).md"
        let folder = course.url.appendingPathComponent(Self.folderName)
        file = folder.appendingPathComponent("\(original.slug).md")
        baseFile = folder.appendingPathComponent(".originals").appendingPathComponent("\(original.slug).md")
    }

    /// Whether the learner has a copy.
    public var exists: Bool { FileManager.default.fileExists(atPath: file.path) }

    /// The learner's version of the chapter when there is a copy, else the original.
    ///
    /// - Throws: ``NotebookError`` naming the copy when it cannot be read or parsed.
    public func current() throws -> Lesson {
        guard exists else { return original }
        let source: String
        do {
            source = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw NotebookError("Could not read your copy \(path): \(error.localizedDescription). Move it away to start again from the chapter.")
        }
        return try Lesson.parse(source, path: path)
    }

    /// Saves new code for some cells (by index) into the copy, starting from the learner's current
    /// version, and returns the version saved. When every cell matches the chapter again, the copy
    /// is removed instead, so the chapter's own cached run applies.
    ///
    /// - Throws: ``NotebookError`` when a cell does not exist, the code would break the Markdown,
    ///   or the file cannot be written; the copy on disk is then left as it was.
    @discardableResult
    public func save(code: [Int: String]) throws -> Lesson {
        let startsCopy = !exists
        let edited = try current().replacingCode(code, path: path)
        if edited.source == original.source {
            try remove()
            return original
        }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try edited.source.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw NotebookError("Could not save your copy \(path): \(error.localizedDescription). Check that the course folder is writable; your edits are still in the page.")
        }
        // The chapter the copy was made from, for noticing later changes to it. It is written with
        // the copy's first save and replaced only when the changes are followed, never here: a copy
        // whose chapter changed under it keeps saying so until the learner starts again.
        if startsCopy || !FileManager.default.fileExists(atPath: baseFile.path) {
            try write(original.source, to: baseFile, what: "the chapter's version for your copy \(path)")
        }
        return edited
    }

    /// The indexes of the cells whose code differs from the chapter's.
    public func editedCells() throws -> [Int] {
        let originalCode = Dictionary(uniqueKeysWithValues: original.cells.map { ($0.index, $0.code) })
        return try current().cells.filter { originalCode[$0.index] != $0.code }.map(\.index)
    }

    /// Removes the copy (the learner goes back to the chapter as written).
    public func remove() throws {
        try? FileManager.default.removeItem(at: baseFile)
        guard exists else { return }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw NotebookError("Could not remove your copy \(path): \(error.localizedDescription).")
        }
    }
}
