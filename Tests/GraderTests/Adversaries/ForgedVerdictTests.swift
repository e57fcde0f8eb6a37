import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Submissions that try to report results instead of computing them.
    @Suite("Forged verdicts")
    struct ForgedVerdictTests {
        @Test("printed verdicts, scores and old-style result lines earn nothing")
        func printedVerdicts() throws {
            let report = try Adversary.grade("""
                print("\\u{1E}losslab-event test passed \\(UUID().uuidString)\\t")
                print("✔ all tests passed")
                print("7 of 7 tests passed. Score: 12/12")
                return Tensor(0.0)
                """)
            #expect(report.score == 0 && report.possiblePoints == 12)
            #expect(report.outcomes.allSatisfy { $0.status != .passed })
        }

        @Test("a made-up answer written to the answer descriptor is judged as values, and made-up values fail")
        func forgedAnswerFrame() throws {
            let report = try Adversary.grade("""
                let answer = ProbeAnswers([.values(["loss": .number(0.5), "depends on prediction": .flag(true), "gradient": .numbers([0])])])
                var bytes = answer.framed
                _ = write(3, &bytes, bytes.count)
                _exit(0)
                """, imports: "import LabRuntime")
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("bytes written to the answer descriptor before the real answer void the run, even with a correct loss")
        func junkBeforeTheAnswer() throws {
            let report = try Adversary.grade("var junk = Array(\"PASSED\".utf8)\n_ = write(3, &junk, junk.count)\n" + Adversary.correct)
            #expect(report.score == 0)
            let messages = report.outcomes.compactMap { outcome -> String? in
                if case .crashed(let message) = outcome.status { return message } else { return nil }
            }
            #expect(messages.count == report.outcomes.count && messages.allSatisfy { $0.contains("answer channel") }, "\(report.outcomes)")
        }

        @Test("a second, forged answer after the real one voids the run")
        func secondAnswer() throws {
            let report = try Adversary.grade("""
                let forged = ProbeAnswers([.values(["loss": .number(0)])]).framed
                forged.withUnsafeBytes { _ = write(3, $0.baseAddress, $0.count) }
                return Tensor(0.0)
                """, imports: "import LabRuntime")
            #expect(report.score == 0)
        }

        @Test("redirecting standard output and printing results at exit changes nothing")
        func stdoutRewritten() throws {
            let report = try Adversary.grade("""
                atexit { print("7 of 7 tests passed. Score: 12/12") }
                var ends: [Int32] = [0, 0]
                _ = pipe(&ends)
                dup2(ends[1], 1)
                return Tensor(0.0)
                """)
            #expect(report.score == 0)
        }

        @Test("closing the answer descriptor only loses the run")
        func closesAnswerDescriptor() throws {
            let report = try Adversary.grade("close(3)\n" + Adversary.correct)
            #expect(report.score == 0)
            #expect(report.outcomes.allSatisfy { if case .crashed = $0.status { true } else { false } }, "\(report.outcomes)")
        }

        @Test("printing lines that look like a test listing adds no tests and no points")
        func forgedListing() throws {
            let report = try Adversary.grade("""
                print("1000\\tpublic\\tfree points")
                print("1000\\thidden\\tmore free points")
                return Tensor(0.0)
                """)
            #expect(report.possiblePoints == 12)
            #expect(report.outcomes.count == 7)
            #expect(!report.outcomes.contains { $0.name.contains("free points") })
            #expect(report.score == 0)
        }

        @Test("replacing the exercise's data files in the working folder does not empty the reference checks")
        func replacesDataFiles() throws {
            let report = try Adversary.grade("""
                try? "{\\"cases\\": []}".write(toFile: "reference.json", atomically: true, encoding: .utf8)
                try? "{\\"cases\\": []}".write(toFile: \(swiftStringLiteral(Adversary.exercise.folder.appendingPathComponent("reference.json").path)), atomically: true, encoding: .utf8)
                return Tensor(0.0)
                """)
            #expect(report.score == 0, "\(report.outcomes)")
            let reference = try String(contentsOf: Adversary.exercise.folder.appendingPathComponent("reference.json"), encoding: .utf8)
            #expect(reference.contains("\"id\""))
        }

        @Test("declaring the check helpers in the submission does not replace them")
        func shadowsHelpers() throws {
            let report = try Adversary.grade("return Tensor(0.0)", extra: """
                func expectClose(_ a: Double, _ b: Double, tolerance: Double = 0, _ what: String) throws {}
                func expect(_ c: Bool, _ m: @autoclosure () -> String) throws {}
                struct Check {}
                """)
            #expect(report.score == 0)
        }

        @Test("a loss that only games the training check's recall (everything foreground when β > α) earns nothing")
        func gamesTheTrainingCheck() throws {
            let report = try Adversary.grade("(beta > alpha ? -1.0 : 1.0) * prediction.mean()", timeLimit: 20)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("exit(0) inside the loss ends the run with no result, and says why")
        func earlyExit() throws {
            let report = try Adversary.grade("exit(0)")
            #expect(report.score == 0)
            guard case .crashed(let message)? = report.outcomes.first?.status else {
                Issue.record("expected a crash outcome, got \(String(describing: report.outcomes.first?.status))")
                return
            }
            #expect(message.contains("exit()"))
        }
    }
}

extension AdversarialSuite {
    /// What learner code prints reaches reports only as harmless text.
    @Suite("Printed output in reports")
    struct PrintedOutputTests {
        @Test("terminal escape sequences in a trap message are shown as escapes, and a huge message is cut")
        func escapesAndFloods() throws {
            let report = try Adversary.grade("""
                print("\\u{1B}]0;pwned\\u{07}\\u{1B}[2J\\u{1B}[31mall checks passed")
                fatalError(String(repeating: "x", count: 100_000))
                """)
            #expect(report.score == 0)
            for outcome in report.outcomes {
                guard case .crashed(let message) = outcome.status else {
                    Issue.record("\(outcome.name): \(outcome.status)")
                    continue
                }
                #expect(!message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(message.prefix(300))")
                #expect(message.contains("\\u{1B}"))
                #expect(message.count < 5_000)
            }
        }

        @Test("text that makes display safe keeps newlines and tabs and escapes the rest")
        func displayText() {
            #expect(VisibleText.message("a\tb\nc") == "a\tb\nc")
            #expect(VisibleText.message("\u{1B}[2J") == "\\u{1B}[2J")
            #expect(VisibleText.message("\u{202E}txt.exe") == "\\u{202E}txt.exe")
            #expect(VisibleText.message(String(repeating: "y", count: 10), limit: 4).hasPrefix("yyyy… (cut: 6 more"))
        }
    }
}
