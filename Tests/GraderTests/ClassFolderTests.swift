#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabTestSupport
import Synchronization
import Testing

@testable import Grader

/// Class folders built the way an attacker would: each test asserts exactly what is graded and
/// what is refused, and that a refused file is never read.
@Suite("Class folders: only plain files are read")
struct ClassFolderTests {
    let exercises: Set<String> = ["tversky-loss", "focal-loss-imbalanced"]

    func summary(_ refusals: [ClassFolder.Refusal]) -> [String] {
        refusals.map { "\($0.student)/\($0.exercise ?? "-"): \($0.reason)" }
    }

    @Test("a submission that is a link to a file only the grader may read is refused, and no export holds its text")
    func linkToRootOnlyFile() throws {
        let folder = try TemporaryClassFolder()
        // A private file standing for /etc/shadow, whose text the test can recognise.
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("shadow-\(UUID().uuidString)")
        let marker = "root:$6$SECRET-\(UUID().uuidString)"
        try Data(marker.utf8).write(to: secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)
        defer { try? FileManager.default.removeItem(at: secret) }
        try FileManager.default.createDirectory(at: folder.path("eve"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.path("eve/tversky-loss.swift"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(
            at: folder.path("eve/focal-loss-imbalanced.swift"), withDestinationURL: URL(fileURLWithPath: "/etc/shadow"))

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.students == ["eve"])
        #expect(scanned.submissions.isEmpty)
        #expect(summary(scanned.refusals) == [
            "eve/focal-loss-imbalanced: is a symbolic link", "eve/tversky-loss: is a symbolic link",
        ])
        #expect(scanned.refusals[1].description.contains("\(folder.url.path)/eve/tversky-loss.swift is a symbolic link, so it was not read"))
        #expect(throws: SubmissionFileError(path: folder.path("eve/tversky-loss.swift").path, kind: .symbolicLink)) {
            try SubmissionFile.read(folder.path("eve/tversky-loss.swift"))
        }

        let book = try Gradebook(file: folder.path("gradebook.sqlite"))
        for refusal in scanned.refusals { try book.record(refusal) }
        let refusals = try book.refusals()
        #expect(refusals == scanned.refusals)
        let exports = [
            GradebookExport.csv([], refusals: refusals), GradebookExport.junit([], refusals: refusals),
            String(decoding: try GradebookExport.gradescope(student: [], refusals: refusals), as: UTF8.self),
        ]
        let shadowLine = (try? String(contentsOfFile: "/etc/shadow", encoding: .utf8))?.split(separator: "\n").first.map(String.init)
        for export in exports {
            #expect(!export.contains(marker))
            #expect(shadowLine.map { !export.contains($0) } ?? true)
            #expect(export.contains("symbolic link"))
        }
    }

    @Test("a student folder that is a link is refused; results.json is never written through it")
    func linkedStudentFolder() throws {
        let folder = try TemporaryClassFolder()
        try folder.write("let ada = 1", student: "ada")
        try FileManager.default.createSymbolicLink(at: folder.path("mallory"), withDestinationURL: folder.path("ada"))

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.students == ["ada"])
        #expect(scanned.submissions.map(\.student) == ["ada"])
        #expect(summary(scanned.refusals) == ["mallory/-: is a symbolic link"])
        #expect(throws: GraderError.self) { try scanned.write(Data("forged".utf8), named: "results.json", forStudent: "mallory") }
        #expect(!FileManager.default.fileExists(atPath: folder.path("ada/results.json").path))
        #expect(throws: GraderError.self) { try scanned.write(Data("x".utf8), named: "../escape.json", forStudent: "ada") }
    }

    @Test("a FIFO as a submission or as a student is refused at once, never opened")
    func fifoDoesNotHang() throws {
        let folder = try TemporaryClassFolder()
        try FileManager.default.createDirectory(at: folder.path("eve"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.path("eve/tversky-loss.swift").path, 0o644) == 0)
        #expect(mkfifo(folder.path("pipe").path, 0o644) == 0)

        let url = folder.url
        let exercises = exercises
        let scanned = Mutex<ClassFolder?>(nil)
        #expect(finishes(within: 10) { scanned.withLock { $0 = try? ClassFolder(scanning: url, exercises: exercises) } })
        let result = try #require(scanned.withLock { $0 })
        #expect(result.submissions.isEmpty)
        #expect(summary(result.refusals) == ["eve/tversky-loss: is a FIFO (named pipe)", "pipe/-: is a FIFO (named pipe), not a student's folder"])

        let readError = Mutex<SubmissionFileError?>(nil)
        #expect(finishes(within: 10) {
            do {
                _ = try SubmissionFile.read(url.appendingPathComponent("eve/tversky-loss.swift"))
            } catch {
                readError.withLock { $0 = error as? SubmissionFileError }
            }
        })
        #expect(readError.withLock { $0?.kind } == .fifo)
    }

    @Test("sockets and devices are refused")
    func socketsAndDevices() throws {
        let folder = try TemporaryClassFolder()
        try FileManager.default.createDirectory(at: folder.path("sam"), withIntermediateDirectories: true)
        try makeSocket(at: folder.path("sam/tversky-loss.swift"))
        try FileManager.default.createDirectory(at: folder.path("dev"), withIntermediateDirectories: true)
        // A character device numbered as /dev/null (major 1, minor 3; the kernels encode it
        // differently), where this system lets the tests make one.
        #if os(Linux)
        let null = dev_t(1 << 8 | 3)
        #else
        let null = dev_t(1 << 24 | 3)
        #endif
        let madeDevice = mknod(folder.path("dev/tversky-loss.swift").path, S_IFCHR | 0o644, null) == 0

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.submissions.isEmpty)
        #expect(summary(scanned.refusals) == (madeDevice ? ["dev/tversky-loss: is a device"] : []) + ["sam/tversky-loss: is a socket"])
        #expect(throws: SubmissionFileError(path: "/dev/null", kind: .device)) { try SubmissionFile.read(URL(fileURLWithPath: "/dev/null")) }
        #expect(throws: SubmissionFileError(path: "/dev/zero", kind: .device)) { try SubmissionFile.read(URL(fileURLWithPath: "/dev/zero")) }
    }

    @Test("a file over 1 MiB is refused; one of exactly 1 MiB is read")
    func oversizedFile() throws {
        let folder = try TemporaryClassFolder()
        let limit = SubmissionFile.sizeLimit
        try folder.write(String(repeating: "/", count: limit + 1), student: "big")
        let exact = try folder.write(String(repeating: "/", count: limit), student: "edge")

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.submissions.map(\.student) == ["edge"])
        #expect(summary(scanned.refusals) == ["big/tversky-loss: is \(limit + 1) bytes, more than the \(limit)-byte limit"])
        #expect(try SubmissionFile.read(exact).utf8.count == limit)
        #expect(throws: SubmissionFileError(path: folder.path("big/tversky-loss.swift").path, kind: .tooLarge(bytes: limit + 1))) {
            try SubmissionFile.read(folder.path("big/tversky-loss.swift"))
        }
    }

    @Test("a hard link (which could be another student's or the grader's file) is refused")
    func hardLink() throws {
        let folder = try TemporaryClassFolder()
        let original = try folder.write("let mine = 1", student: "ada")
        try FileManager.default.createDirectory(at: folder.path("bo"), withIntermediateDirectories: true)
        #expect(link(original.path, folder.path("bo/tversky-loss.swift").path) == 0)

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.submissions.isEmpty)
        #expect(summary(scanned.refusals) == ["ada/tversky-loss: is a hard link shared by 2 names", "bo/tversky-loss: is a hard link shared by 2 names"])
    }

    @Test("a file that is not UTF-8, and a folder whose name is not, are refused")
    func notUTF8() throws {
        let folder = try TemporaryClassFolder()
        let file = try folder.write("", student: "latin1")
        try Data([0x6C, 0x65, 0x74, 0x20, 0xE9, 0x3D, 0x31]).write(to: file)  // "let é=1" in Latin-1
        #expect(throws: SubmissionFileError(path: file.path, kind: .notUTF8)) { try SubmissionFile.read(file) }
        try makeFolder(named: [0x6E, 0xFF, 0x6F], in: folder.url)

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.students == ["latin1"])
        #expect(summary(scanned.refusals) == ["n\u{FFFD}o/-: has a name that is not UTF-8"])
    }

    @Test("folder names with line breaks, control characters, formulas and markup are students like any other")
    func strangeNamesAreStudents() throws {
        let folder = try TemporaryClassFolder()
        let names = [
            "cr\rname", "lf\nname", "crlf\r\nname", "tab\tname", "esc\u{1B}[2Jname", "=HYPERLINK(\"evil.example\",\"click\")",
            "+1", "-2", "@SUM(A1)", "quote\"d,comma", "<b>&amp;<i>", "bidi\u{202E}txt.exe", "del\u{7F}", "émilie",
        ]
        for name in names { try folder.write("let x = 1", student: name) }

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.refusals.isEmpty)
        #expect(scanned.students == names.sorted())
        #expect(scanned.submissions.map(\.student) == names.sorted())
        for submission in scanned.submissions {
            #expect(try SubmissionFile.read(submission.file) == "let x = 1")
        }
    }

    @Test("results.json replaces a link of that name instead of writing through it")
    func resultsNotWrittenThroughLink() throws {
        let folder = try TemporaryClassFolder()
        try folder.write("let x = 1", student: "ada")
        let victim = FileManager.default.temporaryDirectory.appendingPathComponent("victim-\(UUID().uuidString)")
        try Data("keep me".utf8).write(to: victim)
        defer { try? FileManager.default.removeItem(at: victim) }
        try FileManager.default.createSymbolicLink(at: folder.path("ada/results.json"), withDestinationURL: victim)

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        try scanned.write(Data("{}".utf8), named: "results.json", forStudent: "ada")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path("ada/results.json").path)[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOf: folder.path("ada/results.json"), encoding: .utf8) == "{}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("ada").path).sorted() == ["results.json", "tversky-loss.swift"])
    }

    @Test("files at the top, dot folders, other files and unknown exercises are left alone")
    func otherEntriesIgnored() throws {
        let folder = try TemporaryClassFolder()
        try Data("sqlite".utf8).write(to: folder.path("gradebook.sqlite"))
        try folder.write("x", student: ".git", name: "config")
        try folder.write("let x = 1", student: "ada")
        try folder.write("notes", student: "ada", name: "notes.swift")
        try folder.write("let y = 2", student: "ada", name: "not-an-exercise.swift")
        try FileManager.default.createSymbolicLink(at: folder.path("ada/README.md"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))

        let scanned = try ClassFolder(scanning: folder.url, exercises: exercises)
        #expect(scanned.students == ["ada"])
        #expect(scanned.submissions.map { "\($0.student)/\($0.exercise)" } == ["ada/tversky-loss"])
        #expect(scanned.refusals.isEmpty)
    }

    @Test("a file or a student folder swapped for a link after the scan is refused when its turn comes, and recorded")
    func swappedAfterScan() throws {
        let folder = try TemporaryClassFolder()
        let file = try folder.write("let x = 1", student: "eve")
        try folder.write("let y = 2", student: "mal")
        let grader = BatchGrader(checker: try .forCourse(), catalog: courseExercises)
        let submissions = try grader.submissions(in: folder.url)
        #expect(submissions.map(\.student) == ["eve", "mal"])
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        try FileManager.default.moveItem(at: folder.path("mal"), to: folder.path(".mal-elsewhere"))
        try FileManager.default.createSymbolicLink(at: folder.path("mal"), withDestinationURL: folder.path(".mal-elsewhere"))

        let book = try Gradebook(file: folder.path("gradebook.sqlite"))
        let errors = Mutex<[String]>([])
        grader.grade(submissions, jobs: 1, into: book) { _, result in
            if case .failure(let error) = result { errors.withLock { $0.append("\(error)") } }
        }
        #expect(try book.entries().isEmpty)
        #expect(summary(try book.refusals()) == ["eve/tversky-loss: is a symbolic link", "mal/tversky-loss: is a symbolic link"])
        #expect(errors.withLock { $0 } == [
            "The submission \(file.path) is a symbolic link, so it was not read or graded. If it really is the student's work, put a plain copy of the file in its place and grade again.",
            "The submission \(folder.path("mal").path) is a symbolic link, so it was not read or graded. If it really is the student's work, put a plain copy of the file in its place and grade again.",
        ])
    }
}
