import Foundation
import Synchronization

/// Grades a folder of submissions: `<folder>/<student>/<exercise-slug>.swift`, several at once,
/// into a gradebook.
public struct BatchGrader: Sendable {
    /// The checker each submission goes through.
    public let checker: ExerciseChecker
    /// The exercises, by slug.
    public let catalog: ExerciseCatalog

    /// A batch grader.
    public init(checker: ExerciseChecker, catalog: ExerciseCatalog) {
        self.checker = checker
        self.catalog = catalog
    }

    /// A submission found in the folder.
    public struct Submission: Sendable, Equatable {
        /// The student's folder name.
        public let student: String
        /// The exercise's slug (the file name without `.swift`).
        public let exercise: String
        /// The file.
        public let file: URL
    }

    /// Every `<student>/<slug>.swift` in `folder` whose slug names an exercise.
    public func submissions(in folder: URL) throws -> [Submission] {
        let known = Set(try catalog.exercises().map(\.slug))
        let files = FileManager.default
        guard let students = try? files.contentsOfDirectory(atPath: folder.path) else {
            throw GraderError("Could not list the submissions folder \(folder.path). It should hold one folder per student, each with <exercise>.swift files.")
        }
        var found: [Submission] = []
        for student in students.sorted() where !student.hasPrefix(".") {
            let studentFolder = folder.appendingPathComponent(student)
            for name in ((try? files.contentsOfDirectory(atPath: studentFolder.path)) ?? []).sorted()
            where name.hasSuffix(".swift") && known.contains(String(name.dropLast(6))) {
                found.append(Submission(student: student, exercise: String(name.dropLast(6)),
                                        file: studentFolder.appendingPathComponent(name)))
            }
        }
        return found
    }

    /// Grades every submission with `jobs` checks at a time, writing each grade to `gradebook`
    /// as soon as it is known; `progress` hears about each one. A submission that cannot be
    /// graded (the grader's own error) is reported and skipped; the others go on.
    public func grade(
        _ submissions: [Submission], jobs: Int, into gradebook: Gradebook,
        progress: @Sendable (Submission, Result<GradeReport, any Error>) -> Void
    ) {
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, submissions.count))) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < submissions.count else { return }
                let submission = submissions[index]
                do {
                    let exercise = try catalog.exercise(named: submission.exercise)
                    let report = try checker.check(exercise, submission: submission.file)
                    try gradebook.record(student: submission.student, report: report)
                    progress(submission, .success(report))
                } catch {
                    progress(submission, .failure(error))
                }
            }
        }
    }
}
