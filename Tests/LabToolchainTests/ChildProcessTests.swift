import Foundation
import Synchronization
@testable import LabToolchain
import Testing

@Suite("Child processes")
struct ChildProcessTests {
    @Test("output and exit status are collected")
    func collectsOutput() throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo out; echo err >&2; exit 3"], timeLimit: 10)
        #expect(result.ending == .exited(status: 3))
        #expect(result.output.contains("out\n"))
        #expect(result.output.contains("err\n"))
    }

    @Test("a process past its time limit is killed and reported as timed out")
    func killsAtTimeLimit() throws {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/bin/sleep"), arguments: ["30"], timeLimit: 0.5)
        #expect(result.ending == .timedOut(seconds: 0.5))
        #expect(result.duration < 5, "killed within a few seconds of the limit, took \(result.duration) s")
    }

    @Test("a process ended by a signal is reported with the signal")
    func reportsSignals() throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "kill -SEGV $$"], timeLimit: 10)
        #expect(result.ending == .signaled(signal: SIGSEGV))
    }

    @Test("the memory limit makes a huge allocation fail in the child")
    func limitsMemory() throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "ulimit -v"], timeLimit: 10,
            memoryLimitBytes: 512 << 20)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "524288")
    }

    @Test("a program that does not exist is a thrown error naming it")
    func missingProgram() {
        #expect(throws: ToolchainError.self) {
            try ChildProcess.run(URL(fileURLWithPath: "/no/such/program"), timeLimit: 1)
        }
    }
}

@Suite("Collecting a flood of output")
struct OutputCollectorTests {
    @Test("a flood keeps a bounded amount: the start, a note, and the latest lines")
    func floodIsBounded() {
        let collector = OutputCollector(limit: 1 << 16, onLine: nil)
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 16) + Data("\n".utf8)
        for _ in 0..<2_000 { collector.append(chunk) }  // about 130 MB
        let (text, dropped) = collector.result()
        #expect(text.utf8.count < (1 << 16) + OutputCollector.tailSize + 200)
        #expect(dropped > 100 << 20)
        #expect(text.contains("bytes of output not kept"))
    }

    @Test("output without newlines is handed out in pieces no longer than the longest line")
    func noNewlines() {
        let longest = Mutex(0)
        let total = Mutex(0)
        let collector = OutputCollector(limit: 1 << 10) { line in
            longest.withLock { $0 = max($0, line.utf8.count) }
            total.withLock { $0 += line.utf8.count }
        }
        let chunk = Data(repeating: UInt8(ascii: "."), count: 10_000)
        for _ in 0..<1_000 { collector.append(chunk) }
        collector.finish()
        #expect(longest.withLock { $0 } <= OutputCollector.longestLine)
        #expect(total.withLock { $0 } == 10_000_000)
    }
}
