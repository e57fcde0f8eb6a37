import Foundation
import LabToolchain
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
