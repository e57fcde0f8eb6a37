import Foundation
import LabTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Grader

@Suite("Grading a class", .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct GradebookTests {
    @Test("a folder of submissions is graded in parallel into a gradebook, with CSV, JUnit and Gradescope exports")
    func gradesAClass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("class-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let exercises = courseExercises.folder
        for (student, source) in [("ada", "Solution.swift"), ("bo", "Starter.swift"), ("cy", "Solution.swift")] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(student), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: exercises.appendingPathComponent("tversky-loss/\(source)"),
                to: folder.appendingPathComponent("\(student)/tversky-loss.swift"))
        }
        try "not an exercise".write(to: folder.appendingPathComponent("ada/notes.swift"), atomically: true, encoding: .utf8)
        let grader = BatchGrader(checker: try .forCourse(), catalog: courseExercises)
        let submissions = try grader.submissions(in: folder)
        #expect(submissions.map(\.student) == ["ada", "bo", "cy"])
        let book = try Gradebook(file: folder.appendingPathComponent("gradebook.sqlite"))
        grader.grade(submissions, jobs: 2, into: book) { _, _ in }
        let entries = try book.entries()
        #expect(entries.map { "\($0.student):\($0.report.score)/\($0.report.possiblePoints)" } == ["ada:12/12", "bo:0/12", "cy:12/12"])

        #expect(GradebookExport.csv(entries) == "student,exercise,score,possible,note\r\nada,tversky-loss,12,12,\r\nbo,tversky-loss,0,12,\r\ncy,tversky-loss,12,12,\r\n")
        let junit = try XMLDocument(xmlString: GradebookExport.junit(entries))
        let suites = try junit.nodes(forXPath: "//testsuite")
        #expect(suites.count == 3)
        #expect(try junit.nodes(forXPath: "//testsuite[@name='bo/tversky-loss']/testcase/failure").count == 7)
        let gradescope = try JSONSerialization.jsonObject(with: try GradebookExport.gradescope(entries[1].report)) as? [String: Any]
        #expect(gradescope?["score"] as? Int == 0)
        let tests = gradescope?["tests"] as? [[String: Any]]
        #expect(tests?.count == 7)
        #expect(tests?.contains { $0["visibility"] as? String == "after_published" } == true)
    }

    @Test("two gradebooks on one file writing at once keep every grade")
    func concurrentGraders() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("book-\(UUID().uuidString).sqlite")
        let report = GradeReport(exercise: "e", submission: "s", diagnostics: [], outcomes: [], possiblePoints: 1)
        _ = try Gradebook(file: file)  // the gradebook exists before the graders start, as in a class
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            guard let book = try? Gradebook(file: file) else { return }
            for student in 0..<25 { try? book.record(student: "w\(worker)-s\(student)", report: report) }
        }
        #expect(try Gradebook(file: file).entries().count == 100)
    }
}
