import Foundation
import Grader
import Notebook
import Synchronization

/// The exercises of the live course: the learner's working copy (`my-exercises/<slug>.swift`,
/// the file `exercise check` grades), saving it, checking it with the same grader and progress
/// store as `exercise check`, one check at a time, and hints.
final class LiveExercises: Sendable {
    let course: CourseFolder
    private let checking = Mutex<String?>(nil)

    init(course: CourseFolder) {
        self.course = course
    }

    var catalog: ExerciseCatalog { ExerciseCatalog(folder: course.exercisesFolder) }

    func exercise(_ slug: String) throws -> Exercise {
        guard StaticFiles.isPlainName(slug) else { throw GraderError("There is no exercise “\(slug)”.") }
        return try catalog.exercise(named: slug)
    }

    func workingCopy(_ exercise: Exercise) -> WorkingCopy { WorkingCopy(exercise: exercise, courseFolder: course.url) }

    /// The page's data: the learner's file (or the starter, until they save), hints shown, status.
    func json(_ slug: String) throws -> [String: Any] {
        let exercise = try exercise(slug)
        let copy = workingCopy(exercise)
        let exists = FileManager.default.fileExists(atPath: copy.file.path)
        let code = try read(exists ? copy.file : exercise.starterFile)
        let progress = try ProgressStore(courseFolder: course.url)
        var json: [String: Any] = [
            "slug": slug, "title": exercise.title, "file": relative(copy.file), "exists": exists, "code": code,
            "hintCount": exercise.manifest.hints?.count ?? 0, "checking": checking.withLock { $0 } ?? NSNull(),
        ]
        if let status = try progress.statuses()[slug] {
            json["status"] = ["best": status.bestScore, "possible": status.possible, "passed": status.passed, "attempts": status.attempts]
        }
        return json
    }

    /// Writes the learner's file (creating `my-exercises/` when needed).
    func save(_ slug: String, code: String) throws -> URL {
        let copy = workingCopy(try exercise(slug))
        do {
            try FileManager.default.createDirectory(at: copy.file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try code.write(to: copy.file, atomically: true, encoding: .utf8)
        } catch {
            throw GraderError("Could not save \(relative(copy.file)): \(error.localizedDescription). Your code is still in the page.")
        }
        return copy.file
    }

    /// Why a check cannot start now (another one is running), or `nil` after claiming the checker.
    func claimChecker(for slug: String) -> String? {
        checking.withLock { running in
            if let running { return "A check of \(running) is running; only one check runs at a time. Try again when it ends." }
            running = slug
            return nil
        }
    }

    func releaseChecker() {
        checking.withLock { $0 = nil }
    }

    /// Saves `code`, grades it like `exercise check` and records the score. Blocks until the
    /// grader is done: call it off the server's threads, after ``claimChecker(for:)``.
    func check(_ slug: String, code: String) throws -> [String: Any] {
        let started = Date()
        let exercise = try exercise(slug)
        let file = try save(slug, code: code)
        let checker = try ExerciseChecker()
        let report = try checker.check(exercise, submission: file)
        let progress = try ProgressStore(courseFolder: course.url)
        try progress.record(report)
        var json = GradeReportJSON.report(report, relativeFile: relative(file))
        json["seconds"] = Date().timeIntervalSince(started)
        json["progress"] = try self.progress()
        return json
    }

    /// Counts one more hint shown, as `exercise hint` does, and says how many of how many are shown
    /// (the page opens that many of its hints, which list the manifest's hints first).
    func takeHint(_ slug: String) throws -> [String: Any] {
        let exercise = try exercise(slug)
        let hints = exercise.manifest.hints ?? []
        guard !hints.isEmpty else { return ["shown": 0, "count": 0] }
        let shown = min(try ProgressStore(courseFolder: course.url).takeHint(for: slug), hints.count)
        return ["shown": shown, "count": hints.count]
    }

    /// How many exercises are passed, of how many, and each one's status.
    func progress() throws -> [String: Any] {
        let exercises = try catalog.exercises()
        let statuses = try ProgressStore(courseFolder: course.url).statuses()
        var each: [String: Any] = [:]
        for exercise in exercises {
            guard let status = statuses[exercise.slug] else { continue }
            each[exercise.slug] = ["passed": status.passed, "best": status.bestScore, "possible": status.possible]
        }
        let passed = exercises.filter { statuses[$0.slug]?.passed == true }.count
        return ["passed": passed, "total": exercises.count, "exercises": each]
    }

    func relative(_ file: URL) -> String { Lesson.relativePath(of: file, inside: course.url) }

    private func read(_ file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw GraderError("Could not read \(relative(file)): \(error.localizedDescription).")
        }
    }
}
