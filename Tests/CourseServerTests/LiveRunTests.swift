import Foundation
import LabTestSupport
import LabToolchain
import Notebook
import Synchronization
import Testing

@testable import CourseServer

/// The messages a run sent to its page, decoded.
final class SentMessages: Sendable {
    private let messages = Mutex<[String]>([])

    var send: @Sendable (String) -> Void {
        { text in self.messages.withLock { $0.append(text) } }
    }

    var all: [[String: Any]] {
        messages.withLock { $0 }.map { text in
            (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        }
    }
    func of(_ type: String) -> [[String: Any]] { all.filter { $0["type"] as? String == type } }
    var finished: [String: Any]? { of("finished").last }

    /// The cell results the last `finished` message carries, by cell index.
    var results: [Int: [String: Any]] {
        var results: [Int: [String: Any]] = [:]
        for cell in (finished?["cells"] as? [[String: Any]]) ?? [] {
            if let index = cell["index"] as? Int, let result = cell["result"] as? [String: Any] { results[index] = result }
        }
        return results
    }
}

/// Runs through the live course's chapters, as its WebSocket starts them.
@Suite("Live runs of chapters")
struct LiveRunTests {
    /// Runs off the test's thread, as the server does, so the few threads async tests share stay free.
    func run(
        _ lessons: LiveLessons, _ slug: String, through: Int?, code: [Int: String], stop: StopSignal,
        send: @escaping @Sendable (String) -> Void
    ) async {
        await LessonSocket.offThread { lessons.run(slug, through: through, code: code, stop: stop, send: send) }
    }

    func lessons(_ course: TemporaryCourse) throws -> LiveLessons {
        let folder = CourseFolder(url: course.url)
        let library = try LossLabLibrary(buildFolder: buildFolder)
        return LiveLessons(course: folder, runner: LessonRunner(course: folder, compiler: try SwiftCompiler(library: library)))
    }

    @Test("an edited cell runs from the learner's copy, streams its output, and lessons/ is never written")
    func editAndRun() async throws {
        let course = try TemporaryCourse()
        let file = try course.addLesson("01-edit.md", "# Edit\n\n" + swiftCell("let n = 20") + "\n" + swiftCell("print(n + 1)"))
        let before = try Data(contentsOf: file)
        let lessons = try lessons(course)
        let sent = SentMessages()
        await run(lessons, "01-edit", through: nil, code: [2: "print(n * 2)\nn * 3"], stop: StopSignal(), send: sent.send)
        #expect(sent.of("error").isEmpty, "\(sent.all)")
        #expect(try Data(contentsOf: file) == before)
        let copy = try String(contentsOf: course.url.appendingPathComponent("my-lessons/01-edit.md"), encoding: .utf8)
        #expect(copy.contains("print(n * 2)\nn * 3\n```"))
        #expect(sent.of("output").compactMap { $0["line"] as? String } == ["40"])
        #expect(sent.of("value").first?["text"] as? String == "60")
        #expect(sent.results[2]?["output"] as? String == "40\n" && sent.results[2]?["value"] as? String == "60")
        #expect(sent.finished?["learnerCopy"] as? Bool == true)
        let page = try lessons.json("01-edit")
        #expect((page["cells"] as? [[String: Any]])?.map { $0["stale"] as? Bool } == [false, false], "a reload shows the run, nothing stale")
    }

    @Test("when the chapter changes under the learner's copy, the page data says what became of the edits, once")
    func chapterChangedUnderTheCopy() throws {
        let course = try TemporaryCourse()
        let file = try course.addLesson("01-fix.md", "# Fix\n\nOld prose.\n\n" + swiftCell("let n = 20") + "\n" + swiftCell("print(n + 1)"))
        let lessons = try lessons(course)
        try lessons.save("01-fix", code: [2: "print(n * 2)"])
        #expect(try lessons.json("01-fix")["chapterChange"] == nil)
        try ("# Fix\n\nNew prose.\n\n" + swiftCell("let n = 21") + "\n" + swiftCell("print(n + 1)")).write(to: file, atomically: true, encoding: .utf8)
        let page = try lessons.json("01-fix")
        let notice = try #require(page["chapterChange"] as? String)
        #expect(notice.contains("your edits to cell 2 were carried over") && notice.contains("my-lessons/.backups/01-fix-"))
        #expect((page["cells"] as? [[String: Any]])?.map { $0["code"] as? String } == ["let n = 21\n", "print(n * 2)\n"])
        #expect(try lessons.json("01-fix")["chapterChange"] == nil, "told once")
    }

    @Test("a type error shows at its cell and line with the message lesson run prints")
    func typeErrorAtItsLine() async throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-typo.md", "# Typo\n\n" + swiftCell("let n = 1") + swiftCell("print(n)"))
        let lessons = try lessons(course)
        let sent = SentMessages()
        await run(lessons, "01-typo", through: 2, code: [2: "print(n)\nlet s: String = n"], stop: StopSignal(), send: sent.send)
        let diagnostics = try #require(sent.finished?["diagnostics"] as? [[String: Any]])
        let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(error["cell"] as? Int == 2 && error["line"] as? Int == 2)
        #expect(error["text"] as? String == "my-lessons/01-typo.md:8:17: error: cannot convert value of type 'Int' to specified type 'String' (cell 2)")
        #expect((sent.finished?["summary"] as? String)?.contains("fix the error in cell 2") == true)
    }

    @Test("cells whose code is unchanged since they ran are not run again")
    func unchangedPrefixCostsNothing() async throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-cache.md", "# Cache\n\n" + swiftCell("print(\"one\")") + swiftCell("print(\"two\")"))
        let lessons = try lessons(course)
        let first = SentMessages()
        await run(lessons, "01-cache", through: nil, code: [:], stop: StopSignal(), send: first.send)
        #expect(first.of("running").count == 1)
        let again = SentMessages()
        await run(lessons, "01-cache", through: 1, code: [:], stop: StopSignal(), send: again.send)
        #expect(again.of("running").isEmpty && again.finished?["fromCache"] as? Bool == true)
        #expect(again.results[1]?["output"] as? String == "one\n")
        let edited = SentMessages()
        await run(lessons, "01-cache", through: nil, code: [2: "print(\"TWO\")"], stop: StopSignal(), send: edited.send)
        #expect(edited.of("running").first?["from"] as? Int == 2, "the run reports from the changed cell on")
        #expect(edited.of("replaying").compactMap { $0["cell"] as? Int } == [1])
        #expect(edited.of("output").compactMap { $0["line"] as? String } == ["TWO"], "the unchanged cell's output is not sent again")
    }

    @Test("a trap shows at its line, a looping cell stops on request, and a flood of output is cut")
    func unsafeCells() async throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-unsafe.md", "# Unsafe\n\n" + swiftCell("print(\"start\")") + swiftCell("print(1)"))
        let lessons = try lessons(course)
        let trap = SentMessages()
        await run(lessons, "01-unsafe", through: nil, code: [2: "let values = [1, 2]\nif values.count == 2 { fatalError(\"boom\") }"], stop: StopSignal(), send: trap.send)
        #expect(trap.results[2]?["status"] as? String == "failed" && trap.results[2]?["line"] as? Int == 2, "\(trap.results)")
        #expect((trap.results[2]?["failure"] as? String)?.contains("boom") == true)

        let stop = StopSignal()
        let loop = SentMessages()
        let watcher = Thread {
            while !loop.of("cellStarted").contains(where: { $0["cell"] as? Int == 2 }) { Thread.sleep(forTimeInterval: 0.05) }
            stop.request("Stopped by you.")
        }
        watcher.start()
        let started = Date()
        await run(lessons, "01-unsafe", through: nil, code: [2: "var spin = 0\nwhile true { spin &+= 1 }"], stop: stop, send: loop.send)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(loop.results[2]?["failure"] as? String == "Stopped by you.")
        #expect(loop.finished?["stopped"] as? Bool == true)

        let flood = SentMessages()
        await run(lessons, "01-unsafe", through: nil, code: [2: "for i in 0..<200_000 { print(\"line \\(i)\") }"], stop: StopSignal(), send: flood.send)
        let streamed = flood.of("output").compactMap { $0["line"] as? String }.reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(streamed <= 70_000, "at most the cell's 64 KiB reach the page (\(streamed) bytes)")
        #expect((flood.results[2]?["output"] as? String)?.contains("[output truncated") == true)
    }
}
