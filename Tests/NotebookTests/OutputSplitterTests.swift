import LabRuntime
import Testing

@testable import Notebook

@Suite("Splitting a program's output by cell")
struct OutputSplitterTests {
    func line(_ event: RuntimeEvent) -> String { event.line + "\n" }

    @Test("event lines survive escaping of tabs, newlines and backslashes")
    func eventRoundTrip() {
        let events: [RuntimeEvent] = [
            .cellStarted(index: 12), .imageWritten(path: "figure 1.png"), .programFinished,
            .testFinished(name: "a\tb", passed: false, message: "line 1\nline 2 \\ end"),
        ]
        for event in events {
            #expect(RuntimeEvent(line: Substring(event.line)) == event)
        }
        #expect(RuntimeEvent(line: "an ordinary line") == nil)
    }

    @Test("output, images and statuses go to the cell that produced them")
    func splitsFinishedProgram() {
        let output = line(.cellStarted(index: 1)) + "one\n" + line(.cellStarted(index: 2))
            + line(.imageWritten(path: "figure-1.png")) + "two\nthree\n" + line(.programFinished)
        let cells = OutputSplitter.split(output: output, cellCount: 2, imageFolder: "cache/images", failure: nil)
        #expect(cells.map(\.output) == ["one\n", "two\nthree\n"])
        #expect(cells[1].images == ["cache/images/figure-1.png"])
        #expect(cells.allSatisfy { $0.status == .succeeded })
    }

    @Test("a program that stops early fails the running cell, later cells are not run, and the stack trace is dropped")
    func splitsCrashedProgram() {
        let output = line(.cellStarted(index: 1)) + "fine\n" + line(.cellStarted(index: 2))
            + "about to fail\nFatal error: Index out of range\nCurrent stack trace:\n0    libswiftCore.so  0x00007f 1\n"
        let cells = OutputSplitter.split(output: output, cellCount: 3, imageFolder: "i", failure: "crashed")
        #expect(cells[0].status == .succeeded)
        #expect(cells[1].status == .failed(message: "crashed"))
        #expect(cells[1].output.contains("Fatal error: Index out of range"))
        #expect(!cells[1].output.contains("stack trace"))
        #expect(cells[2].status == .notRun)
    }
}
