import Foundation
import LabTestSupport
import Testing

@testable import Notebook

/// The learner's copy of a chapter (`my-lessons/`), which the live course writes instead of `lessons/`.
@Suite("Learners' copies of chapters")
struct LearnerLessonCopyTests {
    static let chapter = """
        # Copies

        Some prose before the cells.

        \(swiftCell("let a = 1\nprint(a)"))
        Prose between the cells.

        \(swiftCell("print(a + 1)", options: "hide"))
        \(swiftCell("let c = 3"))
        The end.
        """

    func copy(in course: TemporaryCourse) throws -> (LearnerLessonCopy, URL) {
        let file = try course.addLesson("01-copies.md", Self.chapter)
        let folder = CourseFolder(url: course.url)
        return (LearnerLessonCopy(original: try folder.lesson(named: "1"), course: folder), file)
    }

    @Test("saving an edited cell writes my-lessons/<slug>.md and never the chapter in lessons/")
    func savesToTheCopyOnly() throws {
        let course = try TemporaryCourse()
        let (copy, original) = try copy(in: course)
        let before = try Data(contentsOf: original)
        #expect(!copy.exists)
        let saved = try copy.save(code: [2: "let b = a * 10\nprint(b)"])
        #expect(copy.file.path == course.url.appendingPathComponent("my-lessons/01-copies.md").path)
        #expect(copy.exists)
        #expect(try Data(contentsOf: original) == before, "lessons/01-copies.md is unchanged")
        #expect(saved.path == "my-lessons/01-copies.md")
        #expect(saved.cells.map(\.code) == ["let a = 1\nprint(a)\n", "let b = a * 10\nprint(b)\n", "let c = 3\n"])
        #expect(saved.cells[1].options.hidden, "the fence's options are kept")
        let text = try String(contentsOf: copy.file, encoding: .utf8)
        #expect(text.contains("Some prose before the cells.") && text.contains("Prose between the cells.") && text.contains("The end."))
        #expect(try copy.current() == saved, "a reload reads the learner's version")
        #expect(try copy.editedCells() == [2])
    }

    @Test("a longer cell moves the later cells' lines, so messages point at the right line")
    func lineNumbersFollowTheEdit() throws {
        let course = try TemporaryCourse()
        let (copy, _) = try copy(in: course)
        let before = copy.original.cells[2].firstCodeLine
        let saved = try copy.save(code: [1: "let a = 1\n// two\n// more lines\nprint(a)"])
        #expect(saved.cells[2].firstCodeLine == before + 2)
        let lines = saved.source.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[saved.cells[2].firstCodeLine - 1] == "let c = 3")
    }

    @Test("edits build on the learner's version, and going back to the chapter's code removes the copy")
    func editsAccumulateAndResetRemovesTheCopy() throws {
        let course = try TemporaryCourse()
        let (copy, _) = try copy(in: course)
        try copy.save(code: [1: "let a = 2\nprint(a)"])
        let second = try copy.save(code: [3: "let c = 4"])
        #expect(second.cells[0].code == "let a = 2\nprint(a)\n" && second.cells[2].code == "let c = 4\n")
        #expect(try copy.editedCells() == [1, 3])
        let back = try copy.save(code: [1: copy.original.cells[0].code, 3: copy.original.cells[2].code])
        #expect(!copy.exists, "a copy equal to the chapter is removed")
        #expect(back == copy.original)
    }

    @Test("code with a line that would close the fence is refused and nothing is written")
    func refusesAClosingFence() throws {
        let course = try TemporaryCourse()
        let (copy, _) = try copy(in: course)
        #expect(throws: NotebookError.self) { try copy.save(code: [2: "print(1)\n```\nprint(2)"]) }
        #expect(!copy.exists)
        // Indented four spaces, it is code, not a fence.
        let saved = try copy.save(code: [2: "let fence = \"\"\"\n    ```\n    \"\"\""])
        #expect(saved.cells[1].code == "let fence = \"\"\"\n    ```\n    \"\"\"\n")
    }

    @Test("an unknown cell is an error naming the file")
    func unknownCell() throws {
        let course = try TemporaryCourse()
        let (copy, _) = try copy(in: course)
        let error = try #require(throws: NotebookError.self) { try copy.save(code: [9: "print(9)"]) }
        #expect(error.description.contains("lessons/01-copies.md has no cell 9"))
    }

    @Test("the prefix through a cell keeps that cell and the ones before it")
    func prefixThroughACell() throws {
        let lesson = try Lesson.parse(Self.chapter, path: "lessons/01-copies.md")
        #expect(lesson.prefix(throughCell: 2).cells.map(\.index) == [1, 2])
        #expect(lesson.prefix(throughCell: 3).cells.count == 3)
        #expect(lesson.cell(containingLine: lesson.cells[1].firstCodeLine, of: "lessons/01-copies.md")?.index == 2)
        #expect(lesson.cell(containingLine: lesson.cells[1].firstCodeLine, of: "my-lessons/01-copies.md") == nil)
    }
}
