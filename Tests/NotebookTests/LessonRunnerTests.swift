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

    @Test("an unchanged lesson reuses its compiled program and its saved run")
    func caching() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-cache.md", "# Cache\n" + swiftCell("print(6 * 7)"))
        let runner = try runner(for: course)
        let lesson = try lesson(course, "1")
        #expect(runner.cachedRun(of: lesson) == nil)
        let first = try runner.run(lesson)
        #expect(first.compileSeconds > 0)
        let second = try runner.run(lesson)
        #expect(second.compileSeconds == 0)
        #expect(second.cells == first.cells)
        #expect(runner.cachedRun(of: lesson)?.cells == second.cells)

        try course.addLesson("01-cache.md", "# Cache\n" + swiftCell("print(6 * 8)"))
        let edited = try self.lesson(course, "1")
        #expect(runner.cachedRun(of: edited) == nil, "an edited lesson has no saved run")
        #expect(try runner.run(edited).cells[0].output == "48\n")
    }
}
