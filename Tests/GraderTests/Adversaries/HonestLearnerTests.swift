import Foundation
import LabTestSupport
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Honest submissions with habits that used to be punished: each must grade exactly as the
    /// same loss without them.
    @Suite("Honest learners")
    struct HonestLearnerTests {
        func expectFullMarks(_ report: GradeReport, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(report.ruleViolations.isEmpty, "\(report.ruleViolations)", sourceLocation: sourceLocation)
            #expect(report.score == Adversary.fullScore, "\(report.outcomes)", sourceLocation: sourceLocation)
        }

        @Test("progress dots printed without a newline")
        func progressDots() throws {
            expectFullMarks(try Adversary.grade("print(\".\", terminator: \"\")\n" + Adversary.correct, timeLimit: 20))
        }

        @Test("a lot of output")
        func longOutput() throws {
            expectFullMarks(try Adversary.grade("for index in 0..<2_000 { print(\"step\", index) }\n" + Adversary.correct, timeLimit: 20))
        }

        @Test("the learner's own #sourceLocation")
        func ownSourceLocation() throws {
            expectFullMarks(try Adversary.grade("#sourceLocation(file: \"my notes.swift\", line: 100)\n" + Adversary.correct + "\n#sourceLocation()", timeLimit: 20))
        }

        @Test("a student folder name with a carriage return, quotes and a formula")
        func oddFolderName() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("=HYPERLINK(\"x\")\r\n\"quoted\"-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("tversky-loss.swift")
            try FileManager.default.copyItem(at: Adversary.exercise.solutionFile, to: file)
            let report = try Adversary.checker(timeLimit: 20).check(Adversary.exercise, submission: file)
            expectFullMarks(report)
        }

        @Test("hidden checks say what failed and how far off, never the expected numbers")
        func hiddenMessagesKeepTheirNumbers() throws {
            let report = try Adversary.grade("(prediction * target).mean()", timeLimit: 20)
            let hidden = report.outcomes.filter(\.hidden)
            #expect(hidden.count == 2)
            for outcome in hidden {
                guard case .failed(let message) = outcome.status else {
                    Issue.record("\(outcome.name): \(outcome.status)")
                    continue
                }
                #expect(!message.contains("expected"), "\(message)")
                #expect(message.contains("off by more than"), "\(message)")
            }
        }

        @Test("a symbolic link or a FIFO is refused as a submission, with a sentence saying so")
        func specialFiles() throws {
            let link = FileManager.default.temporaryDirectory.appendingPathComponent("link-\(UUID().uuidString).swift")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Adversary.exercise.solutionFile)
            defer { try? FileManager.default.removeItem(at: link) }
            let error = #expect(throws: SubmissionFileError.self) { try Adversary.checker().check(Adversary.exercise, submission: link) }
            #expect(error?.description.contains("symbolic link") == true, "\(String(describing: error))")

            let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString).swift")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            defer { try? FileManager.default.removeItem(at: fifo) }
            let fifoError = #expect(throws: SubmissionFileError.self) { try Adversary.checker().check(Adversary.exercise, submission: fifo) }
            #expect(fifoError?.description.contains("FIFO") == true, "\(String(describing: fifoError))")
        }
    }
}
