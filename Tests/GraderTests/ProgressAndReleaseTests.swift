import Foundation
import LabTestSupport
import Testing

@testable import Grader

/// Releases are tested in ReleaseTests.
@Suite("Progress and working copies")
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
}
