import Foundation
import LabTestSupport
import Testing

@testable import Grader

/// A partly correct submission: one edit of an exercise's solution, kept in the instructor-only
/// `partial.json` of its folder, that must earn some points but not all.
struct PartialEdit: Decodable {
    /// What the edit breaks, and which tests should still pass.
    let why: String
    /// A line of `Solution.swift`, and what it becomes.
    let replace: String
    let with: String

    init(exercise: Exercise) throws {
        let file = exercise.folder.appendingPathComponent("partial.json")
        self = try JSONDecoder().decode(PartialEdit.self, from: try Data(contentsOf: file))
    }
}

@Suite("Every exercise grades fairly", .serialized, .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct EveryExerciseTests {
    static let exercises = (try? courseExercises.exercises()) ?? []

    @Test("the reference solution scores full marks, the starter zero with messages, a partial solution partial credit",
          arguments: exercises.map(\.slug))
    func fair(slug: String) throws {
        let exercise = try #require(Self.exercises.first { $0.slug == slug })
        let checker = try ExerciseChecker.forCourse()
        let solution = try checker.check(exercise, submission: exercise.solutionFile)
        #expect(solution.allPassed && solution.score == solution.possiblePoints, "\(slug) solution: \(solution.outcomes)")

        let starter = try checker.check(exercise, submission: exercise.starterFile)
        #expect(starter.score == 0, "\(slug) starter scored \(starter.score): \(starter.outcomes)")
        #expect(starter.outcomes.allSatisfy { outcome in
            if case .failed(let message) = outcome.status { return !message.isEmpty }
            return false
        }, "every starter failure has a message")

        let partial = try PartialEdit(exercise: exercise)
        let text = try String(contentsOf: exercise.solutionFile, encoding: .utf8)
        let changed = text.replacingOccurrences(of: partial.replace, with: partial.with)
        #expect(changed != text, "the partial edit of \(slug) must apply to Solution.swift")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("partial-\(slug)-\(UUID().uuidString).swift")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        let report = try checker.check(exercise, submission: file)
        #expect(report.score > 0 && report.score < report.possiblePoints, "\(slug) partial (\(partial.why)): \(report.score)/\(report.possiblePoints)")
    }
}
