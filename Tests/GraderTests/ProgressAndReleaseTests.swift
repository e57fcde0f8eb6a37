import Foundation
import LabTestSupport
import Testing

@testable import Grader

@Suite("Progress, working copies and releases")
struct ProgressAndReleaseTests {
    func report(_ exercise: String, score: Int, possible: Int) -> GradeReport {
        let outcomes = [TestOutcome(name: "t", points: possible, status: score == possible ? .passed : .failed(message: "no"))]
        return GradeReport(exercise: exercise, submission: "x.swift", diagnostics: [], outcomes: outcomes, possiblePoints: possible)
    }

    @Test("progress keeps the best score, counts attempts and hints, and survives concurrent writers")
    func progress() throws {
        let course = try TemporaryCourse()
        let store = try ProgressStore(courseFolder: course.url)
        try store.record(report("a", score: 0, possible: 4))
        try store.record(report("a", score: 4, possible: 4))
        try store.record(report("b", score: 0, possible: 2))
        let statuses = try store.statuses()
        #expect(statuses["a"] == ProgressStore.Status(bestScore: 4, possible: 4, passed: true, attempts: 2))
        #expect(statuses["b"]?.passed == false)
        #expect(try store.takeHint(for: "a") == 1)
        #expect(try store.takeHint(for: "a") == 2)

        // Several stores on one file (as several commands would be) writing at once lose nothing.
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard let other = try? ProgressStore(courseFolder: course.url) else { return }
            for _ in 0..<10 { try? other.record(report("c", score: 1, possible: 1)) }
        }
        #expect(try store.statuses()["c"]?.attempts == 80)
    }

    @Test("a working copy starts as the starter; reset keeps the old file as a backup")
    func workingCopy() throws {
        let course = try TemporaryCourse()
        try course.copyExercise("tversky-loss")
        let exercise = try Exercise(folder: course.url.appendingPathComponent("exercises/tversky-loss"))
        let copy = WorkingCopy(exercise: exercise, courseFolder: course.url)
        #expect(try copy.ensureExists())
        #expect(try !copy.ensureExists())
        let starter = try String(contentsOf: exercise.starterFile, encoding: .utf8)
        #expect(try String(contentsOf: copy.file, encoding: .utf8) == starter)
        try "my work".write(to: copy.file, atomically: true, encoding: .utf8)
        let backup = try #require(try copy.reset())
        #expect(try String(contentsOf: backup, encoding: .utf8) == "my work")
        #expect(try String(contentsOf: copy.file, encoding: .utf8) == starter)
    }

    @Test("a release has no solution or hidden test, by name or by content", .enabled(if: hasReferenceSolutions))
    func release() throws {
        let course = try TemporaryCourse()
        try course.copyExercise("tversky-loss")
        try course.addLesson("01-a.md", "# A\n")
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        #expect(try CourseRelease.make(from: course.url, to: destination) == 3)
        let solutionLine = "let index = (truePositives + smooth)"
        let hiddenLine = "random masks and weights match an independent computation"
        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: destination, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL { files.append(file) }
        #expect(files.contains { $0.lastPathComponent == "Starter.swift" })
        #expect(files.contains { $0.lastPathComponent == "01-a.md" })
        for file in files {
            #expect(!Exercise.instructorFiles.contains(file.lastPathComponent), "\(file.path) is for instructors")
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                #expect(!text.contains(solutionLine) && !text.contains(hiddenLine), "\(file.path) leaks")
            }
        }
        #expect(throws: GraderError.self) { try CourseRelease.make(from: course.url, to: destination) }
    }

    @Test("a release of this course leaks no line that the partial edits quote from a solution", .enabled(if: hasReferenceSolutions))
    func releaseOfThisCourse() throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        let exercises = try courseExercises.exercises()
        #expect(try CourseRelease.make(from: packageFolder, to: destination) == 3 * exercises.count)
        let solutionLines = try exercises.map { try PartialEdit(exercise: $0).replace }
        // The library itself implements the losses (the exercises forbid calling them), so its
        // sources are not searched, and an exercise's README may state the formula the solution
        // codes; every other file a learner works with is searched.
        for folder in ["exercises", "lessons", "Tests"] {
            let enumerator = FileManager.default.enumerator(at: destination.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            var files = [destination.appendingPathComponent(folder)]
            while let file = enumerator?.nextObject() as? URL { files.append(file) }
            for file in files {
                guard file.lastPathComponent != "README.md", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for line in solutionLines {
                    #expect(!text.contains(line), "\(file.path) quotes the solution line “\(line)”")
                }
            }
        }
    }
}
