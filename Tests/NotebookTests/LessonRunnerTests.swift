import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Notebook

/// These tests compile real lessons against the LossLab built next to the test executable.
@Suite("Running lessons")
struct LessonRunnerTests {
    func runner(for course: TemporaryCourse) throws -> LessonRunner {
        let library = try LossLabLibrary(buildFolder: buildFolder)
        return LessonRunner(course: CourseFolder(url: course.url), compiler: try SwiftCompiler(library: library))
    }

    func lesson(_ course: TemporaryCourse, _ name: String) throws -> Lesson {
        try CourseFolder(url: course.url).lesson(named: name)
    }

    @Test("state carries across cells, output is split per cell, and display attaches a PNG")
    func stateOutputsAndImages() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-state.md", """
            # State
            \(swiftCell("let answer = 21\nprint(\"first\")"))
            Prose between cells.
            \(swiftCell("print(answer * 2)"))
            \(swiftCell("let figure = Figure(width: 300, height: 200)\nfigure.axes.plot([0, 1, 2], [0, 1, 4])\ndisplay(figure)"))
            """)
        let runner = try runner(for: course)
        let run = try runner.run(try lesson(course, "1"))
        #expect(run.succeeded, "diagnostics: \(run.diagnostics.map(\.formatted)), cells: \(run.cells)")
        #expect(run.cells.map(\.output) == ["first\n", "42\n", ""])
        #expect(run.cells[2].images.count == 1)
        let image = course.url.appendingPathComponent(run.cells[2].images[0])
        let bytes = try Data(contentsOf: image)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG signature")
    }

    @Test("a type error is reported at the lesson file and line, and no cell runs")
    func compileErrorAtLessonLine() throws {
        let course = try TemporaryCourse()
        let text = "# Broken\n\n" + swiftCell("let count = 3") + "\n" + swiftCell("print(count)\nlet name: String = count")
        try course.addLesson("01-broken.md", text)
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("let name: String") }.map { $0 + 1 }
        let run = try runner(for: course).run(try lesson(course, "1"))
        #expect(run.compileFailed)
        let error = run.diagnostics.first { $0.severity == .error }
        #expect(error?.file == "lessons/01-broken.md")
        #expect(error?.line == expectedLine)
        #expect(error?.message.contains("cannot convert value of type 'Int'") == true)
        #expect(run.cells.allSatisfy { $0.status == .notRun })
    }

    @Test("a trap fails the running cell, keeps earlier outputs, and marks later cells not run")
    func trapAttribution() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-trap.md", """
            # Trap
            \(swiftCell("let values = [1, 2, 3]\nprint(\"kept\")"))
            \(swiftCell("print(\"before the trap\")\nprint(values[5])"))
            \(swiftCell("print(\"never\")"))
            """)
        let run = try runner(for: course).run(try lesson(course, "1"))
        #expect(!run.succeeded)
        #expect(run.cells[0].status == .succeeded)
        #expect(run.cells[0].output == "kept\n")
        #expect(run.failedCell?.index == 2)
        #expect(run.cells[1].output.contains("before the trap"))
        #expect(run.cells[1].output.contains("Index out of range"))
        #expect(run.cells[2].status == .notRun)
    }

    @Test("a lesson that runs too long is stopped in the cell that was running")
    func timeLimit() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-loop.md", "# Loop\n" + swiftCell("print(\"start\")") + swiftCell("while true {}"))
        var runner = try runner(for: course)
        runner.timeLimit = 2
        let run = try runner.run(try lesson(course, "1"))
        #expect(run.cells[0].status == .succeeded)
        guard case .failed(let message) = run.cells[1].status else {
            Issue.record("the looping cell should fail, got \(run.cells[1].status)")
            return
        }
        #expect(message.contains("did not finish within 2 seconds"))
    }

    @Test("an unchanged lesson comes from the cache; an edit, a data file or --force makes it run again")
    func caching() throws {
        let course = try TemporaryCourse()
        try course.write("3\n", to: "data/count.txt")
        try course.addLesson("01-cache.md", "# Cache\n" + swiftCell("print(6 * 7)")
            + swiftCell("let text = try String(contentsOfFile: \"data/count.txt\", encoding: .utf8)\nprint(text)"))
        var runner = try runner(for: course)
        let lesson = try lesson(course, "1")
        #expect(try runner.cachedRun(of: lesson) == nil)
        let first = try runner.run(lesson)
        #expect(!first.fromCache && first.compileSeconds > 0)
        #expect(first.rerunReasons[1] == "no earlier run")

        let second = try runner.run(lesson)
        #expect(second.fromCache)
        #expect(second.cells == first.cells)

        try course.write("4\n", to: "data/count.txt")
        let afterData = try runner.run(lesson)
        #expect(!afterData.fromCache, "a data file the cell names changed")
        #expect(afterData.rerunReasons[1] == "unchanged; re-ran to rebuild the state of later cells")
        #expect(afterData.rerunReasons[2]?.contains("data files changed") == true)
        #expect(afterData.cells[1].output == "4\n\n")

        try course.addLesson("01-cache.md", "# Cache\n" + swiftCell("print(6 * 8)")
            + swiftCell("print(\"two\")"))
        let edited = try self.lesson(course, "1")
        #expect(try runner.cachedRun(of: edited) == nil, "an edited lesson has no saved run")
        let afterEdit = try runner.run(edited)
        #expect(afterEdit.cells[0].output == "48\n")
        #expect(afterEdit.rerunReasons[2] == "an earlier cell changed")

        runner.force = true
        let forced = try runner.run(edited)
        #expect(!forced.fromCache && forced.rerunReasons[1] == "--force")
    }

    @Test("a run stopped by a time limit is never reused")
    func incompleteRunsAreNotReused() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-slow.md", "# Slow\n" + swiftCell("while true {}", options: "timeout=1"))
        let runner = try runner(for: course)
        let lesson = try lesson(course, "1")
        let first = try runner.run(lesson)
        #expect(!first.completed)
        #expect(try runner.cachedRun(of: lesson) == nil)
        #expect(!(try runner.run(lesson)).fromCache)
    }

    @Test("two cold runs give byte-identical outputs, sets and dictionaries included")
    func reproducible() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-same.md", "# Same\n" + swiftCell("let words: Set = [\"alpha\", \"beta\", \"gamma\", \"delta\"]\nprint(words)\nprint([\"a\": 1, \"b\": 2, \"c\": 3])"))
        var runner = try runner(for: course)
        runner.force = true
        let lesson = try lesson(course, "1")
        let outputs = try (0..<2).map { _ in try runner.run(lesson).cells.map(\.output) }
        #expect(outputs[0] == outputs[1])
    }
}
