import Foundation
import LabTestSupport
import Testing

@testable import Notebook

/// A chapter that changes after the learner made their copy of it (an instructor's fix): the copy
/// follows the change when the learner's edits can be carried over, and is never lost.
@Suite("Chapters that change under a learner's copy")
struct ChapterChangeTests {
    static func chapter(prose: String = "Some prose.", cells: [String] = ["let a = 1\nprint(a)", "print(a + 1)", "let c = 3"]) -> String {
        "# Copies\n\n\(prose)\n\n" + cells.map { swiftCell($0) }.joined(separator: "Between.\n\n") + "The end.\n"
    }

    /// A course with the chapter, the learner's copy with cell 2 edited, and then the chapter replaced by `changed`.
    func copyUnder(_ changed: String, in course: TemporaryCourse) throws -> LearnerLessonCopy {
        let file = try course.addLesson("01-copies.md", Self.chapter())
        let folder = CourseFolder(url: course.url)
        try LearnerLessonCopy(original: try folder.lesson(named: "1"), course: folder).save(code: [2: "print(a * 100)"])
        try changed.write(to: file, atomically: true, encoding: .utf8)
        return LearnerLessonCopy(original: try folder.lesson(named: "1"), course: folder)
    }

    let moment = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("new prose and a fixed cell the learner did not touch come in; the learner's edit stays; the old copy is backed up")
    func carriesEditsOver() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(prose: "Clearer prose.", cells: ["let a = 2\nprint(a)", "print(a + 1)", "let c = 3"]), in: course)
        let before = try String(contentsOf: copy.file, encoding: .utf8)

        let outcome = try copy.followChapterChanges(now: moment)
        guard case .carriedOver(let cells, let backup) = outcome else {
            Issue.record("expected the edit to be carried over, got \(outcome)")
            return
        }
        #expect(cells == [2])
        #expect(try String(contentsOf: course.url.appendingPathComponent(backup), encoding: .utf8) == before)
        let now = try copy.current()
        #expect(now.cells.map(\.code) == ["let a = 2\nprint(a)\n", "print(a * 100)\n", "let c = 3\n"])
        #expect(now.source.contains("Clearer prose.") && !now.source.contains("Some prose."))
        #expect(try copy.editedCells() == [2])
        #expect(outcome.message?.contains("cell 2") == true && outcome.message?.contains(backup) == true)
        #expect(try copy.followChapterChanges(now: moment) == .unchanged, "followed once, then up to date")
    }

    @Test("when the chapter changed the cell the learner edited, the copy is left exactly as it was and the learner is told")
    func clashKeepsTheCopy() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(cells: ["let a = 1\nprint(a)", "print(a + 2)", "let c = 3"]), in: course)
        let before = try Data(contentsOf: copy.file)
        let outcome = try copy.followChapterChanges(now: moment)
        #expect(outcome == .kept(reason: "it changed cell 2, which you edited too"))
        #expect(try Data(contentsOf: copy.file) == before)
        #expect(outcome.message?.contains("Show original") == true)
        #expect(try copy.followChapterChanges(now: moment) == outcome, "it keeps saying so until the learner starts again")
        // Saving another edit does not hide the change.
        try copy.save(code: [3: "let c = 4"])
        #expect(try copy.followChapterChanges(now: moment) == outcome)
    }

    @Test("a chapter that gained a cell keeps the copy as it was")
    func newCellKeepsTheCopy() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(cells: ["let a = 1\nprint(a)", "print(a + 1)", "let c = 3", "print(c)"]), in: course)
        let before = try Data(contentsOf: copy.file)
        #expect(try copy.followChapterChanges(now: moment) == .kept(reason: "it gained or lost cells"))
        #expect(try Data(contentsOf: copy.file) == before)
    }

    @Test("when the chapter now says what the learner wrote, the copy retires and its backup stays")
    func chapterCaughtUp() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(cells: ["let a = 1\nprint(a)", "print(a * 100)", "let c = 3"]), in: course)
        let outcome = try copy.followChapterChanges(now: moment)
        #expect(outcome == .carriedOver(cells: [2], backup: "my-lessons/.backups/01-copies-20261130-005320.md"))
        #expect(!copy.exists)
        #expect(try copy.current() == copy.original)
        #expect(FileManager.default.fileExists(atPath: course.url.appendingPathComponent("my-lessons/.backups/01-copies-20261130-005320.md").path))
    }

    @Test("an unchanged chapter, and a copy saved before chapters were remembered, are left alone")
    func nothingToFollow() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(), in: course)
        #expect(try copy.followChapterChanges(now: moment) == .unchanged)
        try FileManager.default.removeItem(at: copy.baseFile)
        try Self.chapter(prose: "Changed.").write(to: course.url.appendingPathComponent("lessons/01-copies.md"), atomically: true, encoding: .utf8)
        let folder = CourseFolder(url: course.url)
        let legacy = LearnerLessonCopy(original: try folder.lesson(named: "1"), course: folder)
        #expect(try legacy.followChapterChanges(now: moment) == .unchanged)
    }

    @Test("two changes at the same second get two backups")
    func backupsNeverOverwrite() throws {
        let course = try TemporaryCourse()
        let copy = try copyUnder(Self.chapter(prose: "First fix."), in: course)
        let first = try copy.keepBackup(of: "one", now: moment)
        let second = try copy.keepBackup(of: "two", now: moment)
        #expect(first != second)
        #expect(try String(contentsOf: course.url.appendingPathComponent(first), encoding: .utf8) == "one")
        #expect(try String(contentsOf: course.url.appendingPathComponent(second), encoding: .utf8) == "two")
    }
}
