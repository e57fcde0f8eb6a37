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

@Suite("The course index")
struct CourseManifestTests {
    @Test("course.json sets the order and prerequisites")
    func ordersChapters() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-a.md", "# A\n")
        try course.addLesson("02-b.md", "# B\n")
        try course.write(#"{"title": "T", "chapters": [{"file": "02-b.md", "prerequisites": []}, {"file": "01-a.md", "prerequisites": ["02-b"]}]}"#, to: "lessons/course.json")
        let folder = CourseFolder(url: course.url)
        #expect(try folder.lessons().map(\.slug) == ["02-b", "01-a"])
        #expect(try folder.manifest()?.chapters[1].prerequisites == ["02-b"])
    }

    @Test("an index that misses a chapter, names a missing file or an unknown prerequisite is an error", arguments: [
        (#"{"title": "T", "chapters": [{"file": "01-a.md", "prerequisites": []}]}"#, "lessons/02-b.md is not listed"),
        (#"{"title": "T", "chapters": [{"file": "01-a.md", "prerequisites": []}, {"file": "02-b.md", "prerequisites": []}, {"file": "03-c.md", "prerequisites": []}]}"#, "lists 03-c.md, which is not in"),
        (#"{"title": "T", "chapters": [{"file": "01-a.md", "prerequisites": ["00-x"]}, {"file": "02-b.md", "prerequisites": []}]}"#, "needs “00-x”"),
        (#"{"chapters": []}"#, "is not a valid course index"),
    ])
    func rejectsBadIndex(json: String, message: String) throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-a.md", "# A\n")
        try course.addLesson("02-b.md", "# B\n")
        try course.write(json, to: "lessons/course.json")
        let error = #expect(throws: NotebookError.self) { try CourseFolder(url: course.url).lessons() }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }
}
