import Foundation
import Synchronization

/// Grades a folder of submissions: `<folder>/<student>/<exercise-slug>.swift`, several at once,
/// into a gradebook. The folder is read as ``ClassFolder`` reads it: links, FIFOs, devices and
/// oversized files are refused, never opened.
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

    /// The students, submissions and refused files of `folder`, for the exercises of the catalog.
    public func scan(_ folder: URL) throws -> ClassFolder {
        try ClassFolder(scanning: folder, exercises: Set(try catalog.exercises().map(\.slug)))
    }

    /// Every `<student>/<slug>.swift` in `folder` whose slug names an exercise and that is a
    /// plain file (see ``scan(_:)`` for the refused ones).
    public func submissions(in folder: URL) throws -> [Submission] {
        try scan(folder).submissions
    }

    /// Grades every submission with `jobs` checks at a time, writing each grade to `gradebook`
    /// as soon as it is known; `progress` hears about each one. Just before its check, each file
    /// is read again with ``SubmissionFile/read(_:)`` (and its student's folder checked with
    /// `lstat`): one that became a link or a FIFO since the scan is recorded in the gradebook as
    /// refused and reported as a ``SubmissionFileError``.
    /// A submission that cannot be graded (the grader's own error) is reported and skipped; the
    /// others go on.
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
                    do {
                        let studentFolder = submission.file.deletingLastPathComponent()
                        if let problem = ClassFolder.folderProblem(studentFolder) {
                            throw SubmissionFileError(path: studentFolder.path, kind: problem)
                        }
                        _ = try SubmissionFile.read(submission.file)
                    } catch let refused as SubmissionFileError {
                        try gradebook.record(ClassFolder.Refusal(student: submission.student, exercise: submission.exercise, error: refused))
                        throw refused
                    }
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
