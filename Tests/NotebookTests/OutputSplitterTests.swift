import LabRuntime
import Testing

@testable import Notebook

@Suite("Splitting a program's output by cell")
struct OutputSplitterTests {
    func line(_ event: RuntimeEvent) -> String { event.line + "\n" }

    /// `count` plain cells, as parsed from a lesson.
    func cells(_ count: Int, options: [Int: String] = [:]) throws -> [Cell] {
        let text = (1...count).map { "```swift \(options[$0] ?? "")\nprint(\($0))\n```\n" }.joined()
        return try Lesson.parse(text, path: "lessons/x.md").cells
    }

    @Test("event lines survive escaping of tabs, newlines and backslashes")
    func eventRoundTrip() {
        let events: [RuntimeEvent] = [
            .cellStarted(index: 12), .imageWritten(path: "figure 1.png"), .programFinished,
            .value(text: "tensor([1.0,\n 2.0])\tline 2 \\ end"), .expectedTrapHappened, .expectedTrapMissing,
        ]
        for event in events {
            #expect(RuntimeEvent(line: Substring(event.line)) == event)
        }
        #expect(RuntimeEvent(line: "an ordinary line") == nil)
    }

    @Test("output, images and statuses go to the cell that produced them")
    func splitsFinishedProgram() throws {
        let output = line(.cellStarted(index: 1)) + "one\n" + line(.cellStarted(index: 2))
            + line(.imageWritten(path: "figure-1.png")) + "two\nthree\n" + line(.value(text: "42"))
            + line(.programFinished)
        let cells = OutputSplitter.split(output: output, cells: try cells(2), imageFolder: "cache/images", failure: nil)
        #expect(cells.map(\.output) == ["one\n", "two\nthree\n"])
        #expect(cells[1].images == ["cache/images/figure-1.png"])
        #expect(cells[1].value == "42")
        #expect(cells[0].value == nil)
        #expect(cells.allSatisfy { $0.status == .succeeded })
    }

    @Test("should-trap cells pass when they trap and fail when they do not; no-run cells are skipped")
    func expectedTraps() throws {
        let output = line(.cellStarted(index: 1)) + line(.expectedTrapHappened) + line(.cellStarted(index: 2))
            + line(.expectedTrapMissing) + line(.programFinished)
        let cells = OutputSplitter.split(
            output: output, cells: try cells(3, options: [1: "should-trap", 2: "should-trap", 3: "no-run"]),
            imageFolder: "i", failure: nil)
        #expect(cells[0].status == .succeeded)
        #expect(cells[1].status == .failed(message: "This cell is marked should-trap, but it finished without trapping."))
        #expect(cells[2].status == .skipped)
    }

    @Test("a cell's output past the limit is cut with a note")
    func truncation() throws {
        let flood = String(repeating: "0123456789\n", count: OutputSplitter.cellOutputLimit / 5)
        let output = line(.cellStarted(index: 1)) + flood + line(.programFinished)
        let cell = OutputSplitter.split(output: output, cells: try cells(1), imageFolder: "i", failure: nil)[0]
        #expect(cell.output.utf8.count < OutputSplitter.cellOutputLimit + 200)
        #expect(cell.output.hasSuffix("more bytes not shown]\n"))
    }

    @Test("a program that stops early fails the running cell, later cells are not run, and the stack trace is dropped")
    func splitsCrashedProgram() throws {
        let output = line(.cellStarted(index: 1)) + "fine\n" + line(.cellStarted(index: 2))
            + "about to fail\nFatal error: Index out of range\nCurrent stack trace:\n0    libswiftCore.so  0x00007f 1\n"
        let cells = OutputSplitter.split(output: output, cells: try cells(3), imageFolder: "i", failure: "crashed")
        #expect(cells[0].status == .succeeded)
        #expect(cells[1].status == .failed(message: "crashed"))
        #expect(cells[1].output.contains("Fatal error: Index out of range"))
        #expect(!cells[1].output.contains("stack trace"))
        #expect(cells[2].status == .notRun)
    }
}
