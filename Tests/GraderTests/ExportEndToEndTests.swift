import Foundation
import LabTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Grader

/// A class folder with hostile names and files, graded for real and exported: every export
/// parses, names come back exactly, refused files are listed and never read.
@Suite("A hostile class folder, graded and exported", .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct ExportEndToEndTests {
    @Test("names with line breaks and formulas go through grading, CSV, JUnit and Gradescope intact; links and FIFOs are refused")
    func hostileClassFolder() throws {
        let folder = try TemporaryClassFolder()
        let plainNames = ["ada", "lf\nname", "=HYPERLINK(\"evil.example\",\"click\")", "-1+2", "quote\"d,comma", "<b>&amp;<i>"]
        // Names the checker's `#sourceLocation` literal breaks on today (see the known issue below).
        let controlNames = ["cr\rname", "tab\tname"]
        for name in plainNames + controlNames { try folder.copy("tversky-loss/Solution.swift", student: name) }
        try FileManager.default.createDirectory(at: folder.path("eve"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.path("eve/tversky-loss.swift"), withDestinationURL: URL(fileURLWithPath: "/etc/shadow"))
        try FileManager.default.createDirectory(at: folder.path("pat"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.path("pat/tversky-loss.swift").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(at: folder.path("mallory"), withDestinationURL: folder.path("ada"))

        let grader = BatchGrader(checker: try .forCourse(), catalog: courseExercises)
        let classFolder = try grader.scan(folder.url)
        #expect(classFolder.students == (plainNames + controlNames + ["eve", "pat"]).sorted())
        let book = try Gradebook(file: folder.path("gradebook.sqlite"))
        for refusal in classFolder.refusals { try book.record(refusal) }
        grader.grade(classFolder.submissions, jobs: 2, into: book) { _, _ in }
        let entries = try book.entries()
        let refusals = try book.refusals()
        #expect(entries.map(\.student) == (plainNames + controlNames).sorted())
        #expect(refusals.map { "\($0.student): \($0.reason)" } == [
            "eve: is a symbolic link", "mallory: is a symbolic link", "pat: is a FIFO (named pipe)",
        ])
        for entry in entries where plainNames.contains(entry.student) {
            #expect("\(entry.report.score)/\(entry.report.possiblePoints)" == "12/12", "\(entry.student)")
        }
        for entry in entries where controlNames.contains(entry.student) {
            #expect("\(entry.report.score)/\(entry.report.possiblePoints)" == "12/12", "\(entry.student)")
        }

        // CSV: one record per grade and refusal, names exact after the formula apostrophe.
        let records = try parseRFC4180(GradebookExport.csv(entries, refusals: refusals)).dropFirst()
        let graded = Dictionary(uniqueKeysWithValues: entries.map { ($0.student, $0.report) })
        #expect(records.count == entries.count + refusals.count)
        for record in records {
            let student = record[0].hasPrefix("'") ? String(record[0].dropFirst()) : record[0]
            if let report = graded[student] {
                #expect(record[2...3] == ["\(report.score)", "\(report.possiblePoints)"], "\(student)")
            } else {
                #expect(refusals.contains { $0.student == student } && record[2...3] == ["", ""], "\(student)")
            }
        }
        #expect(records.contains { $0[0] == "'=HYPERLINK(\"evil.example\",\"click\")" })
        #expect(records.contains { $0[0] == "'-1+2" })

        // JUnit: well-formed, one suite per grade and refusal.
        let junit = try XMLDocument(xmlString: GradebookExport.junit(entries, refusals: refusals))
        #expect(try junit.nodes(forXPath: "//testsuite").count == entries.count + refusals.count)

        // Gradescope: a results.json in each real student folder, none through the link.
        for student in classFolder.students {
            try classFolder.write(
                try GradebookExport.gradescope(student: entries.filter { $0.student == student },
                                               refusals: refusals.filter { $0.student == student && $0.exercise != nil }),
                named: "results.json", forStudent: student)
        }
        let ada = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("ada/results.json"))) as? [String: Any])
        #expect(ada["score"] as? Int == 12)
        let eve = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("eve/results.json"))) as? [String: Any])
        #expect(eve["score"] as? Int == 0)
        #expect((eve["tests"] as? [[String: Any]])?.first?["output"] as? String
            == "Your tversky-loss.swift is a symbolic link, so it was not graded. Hand in the .swift file itself.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("ada").path).sorted() == ["results.json", "tversky-loss.swift"])
    }
}
