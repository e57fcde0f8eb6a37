import Foundation
import LabTestSupport
import Testing

@testable import Notebook

@Suite("Finding lessons in a course")
struct CourseFolderTests {
    @Test("a lesson is found by number, slug, slug without number, or file name")
    func findsLessons() throws {
        let temporary = try TemporaryCourse()
        try temporary.addLesson("01-loss-functions.md", "# One\n")
        try temporary.addLesson("02-regression.md", "# Two\n")
        let course = CourseFolder(url: temporary.url)
        #expect(try course.lesson(named: "2").title == "Two")
        #expect(try course.lesson(named: "01-loss-functions").title == "One")
        #expect(try course.lesson(named: "regression").title == "Two")
        #expect(try course.lesson(named: "lessons/02-regression.md").title == "Two")
        #expect(try course.lessons().map(\.slug) == ["01-loss-functions", "02-regression"])
    }

    @Test("an unknown lesson is an error that lists the lessons there are")
    func unknownLesson() throws {
        let temporary = try TemporaryCourse()
        try temporary.addLesson("01-loss-functions.md", "# One\n")
        let error = #expect(throws: NotebookError.self) {
            try CourseFolder(url: temporary.url).lesson(named: "7")
        }
        #expect(error?.description.contains("01-loss-functions") == true)
    }

    @Test("the course folder is found from a folder inside it")
    func findsCourseUpwards() throws {
        let temporary = try TemporaryCourse()
        let inner = temporary.url.appendingPathComponent("exercises")
        #expect(try CourseFolder.find(from: inner).url.path == temporary.url.standardizedFileURL.path)
    }
}
