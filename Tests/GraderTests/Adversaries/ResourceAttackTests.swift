import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Submissions that try to exhaust the machine or outlive their check.
    @Suite("Resources")
    struct ResourceAttackTests {
        @Test("an infinite loop is stopped at the time limit in every check")
        func infiniteLoop() throws {
            let report = try Adversary.grade("while true {}", timeLimit: 2)
            #expect(report.outcomes.count == 7)
            #expect(report.outcomes.allSatisfy { $0.status == .timedOut(seconds: 2) }, "\(report.outcomes)")
            #expect(report.score == 0)
        }

        @Test("a fork bomb is contained, leaves no process behind, and the grader keeps working")
        func forkBomb() throws {
            let marker = Adversary.processMarker()
            let report = try Adversary.grade(Adversary.spawnMarkedSleeper(marker) + "while true { _ = fork() }\n")
            #expect(report.score == 0)
            #expect(Adversary.processes(marked: marker).isEmpty, "\(Adversary.processes(marked: marker))")
            try Adversary.expectGraderStillWorks()
        }

        @Test("a flood of threads is contained: each check computes the right values or stops at its limit")
        func threadFlood() throws {
            // Threads are what LossKit's kernels and the PNG encoder use; a submission that starts
            // thousands of sleeping ones must not take the grader down, and must not turn a
            // starved check into anything but a time-out or a crash.
            let report = try Adversary.grade("""
                for _ in 0..<20_000 { Thread.detachNewThread { sleep(1000) } }
                \(Adversary.correct)
                """, timeLimit: 20)
            #expect(report.outcomes.count == 7)
            let failedOnValues = report.outcomes.filter { if case .failed = $0.status { true } else { false } }
            #expect(failedOnValues.isEmpty, "\(report.outcomes)")
            try Adversary.expectGraderStillWorks()
        }

        @Test("a process that detaches itself does not outlive the check")
        func detachedDaemon() throws {
            let marker = Adversary.processMarker()
            let report = try Adversary.grade("""
                if fork() == 0 { _ = setsid(); if fork() == 0 {
                \(Adversary.spawnMarkedSleeper(marker))
                while true { sleep(1) } } ; _exit(0) }
                \(Adversary.correct)
                """, timeLimit: 20)
            #expect(report.score == Adversary.fullScore, "\(report.outcomes)")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(Adversary.processes(marked: marker).isEmpty, "\(Adversary.processes(marked: marker))")
        }

        @Test("a huge allocation fails inside the sandbox")
        func hugeAllocation() throws {
            let report = try Adversary.grade("let huge = [Double](repeating: 1, count: 1 << 36)\nreturn Tensor(huge[0])")
            #expect(report.score == 0)
            #expect(report.outcomes.allSatisfy { if case .crashed = $0.status { true } else { false } }, "\(report.outcomes)")
        }

        @Test("the memory limit holds for the run as a whole, not per process")
        func memoryAcrossProcesses() throws {
            let course = try TemporaryCourse()
            try course.copyExercise("tversky-loss")
            try course.write(#"{"timeLimitSeconds": 20, "memoryLimitMegabytes": 256, "forbiddenCalls": ["tverskyLoss"]}"#,
                             to: "exercises/tversky-loss/exercise.json")
            let exercise = try ExerciseCatalog(folder: course.url.appendingPathComponent("exercises")).exercise(named: "tversky-loss")
            // Four children each touch 100 MiB: each fits the per-process limit, together they do not.
            let submission = try Adversary.submission("""
                var children: [pid_t] = []
                for _ in 0..<4 {
                    let child = fork()
                    if child == 0 {
                        let block = UnsafeMutableRawPointer.allocate(byteCount: 100 << 20, alignment: 4096)
                        memset(block, 1, 100 << 20)
                        sleep(2)
                        _exit(0)
                    }
                    children.append(child)
                }
                let allLived = children.allSatisfy { child in
                    var status: Int32 = 0
                    waitpid(child, &status, 0)
                    return status == 0
                }
                if allLived {
                \(Adversary.correct)
                }
                return Tensor(0.0)
                """)
            let report = try ExerciseChecker.forCourse().check(exercise, submission: submission)
            if ResourceGroup.kind == .none {
                withKnownIssue("this machine has no control group to cap a whole run") { #expect(report.score == 0) }
            } else {
                #expect(report.score == 0, "\(report.outcomes)")
            }
        }

        @Test("a flood written to the answer descriptor hits the file-size limit and counts for nothing")
        func answerFlood() throws {
            let report = try Adversary.grade("""
                var block = [UInt8](repeating: 65, count: 1 << 20)
                for _ in 0..<200 { _ = write(3, &block, block.count) }
                \(Adversary.correct)
                """, timeLimit: 10)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("a flood of output keeps the grader's memory under 200 MB")
        func outputFloodKeepsGraderSmall() throws {
            let submission = try Adversary.submission("""
                let line = String(repeating: "flood ", count: 2000)
                while true { print(line) }
                """)
            let process = Process()
            process.executableURL = buildFolder.appendingPathComponent("exercise")
            process.arguments = ["check", "tversky-loss", "--file", submission.path, "--course", packageFolder.path, "--time-limit", "4"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var peakKilobytes = 0
            while process.isRunning {
                if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                    let value = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
                {
                    peakKilobytes = max(peakKilobytes, value)
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(peakKilobytes > 0)
            #expect(peakKilobytes < 200 * 1024, "the grader's peak resident memory was \(peakKilobytes / 1024) MB")
        }
    }
}
