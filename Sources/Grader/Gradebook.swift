import Foundation
import GRDB

/// An instructor's gradebook: the latest grade of every (student, exercise), with the full
/// report, and the files that were refused instead of graded, in an SQLite file. Each write is
/// its own transaction and the write-ahead log lets several `exercise grade` processes write at
/// once. Student names are stored exactly, whatever characters they hold (values are bound, never
/// spliced into SQL).
public struct Gradebook: Sendable {
    let database: DatabasePool

    /// Opens (or creates) the gradebook at `file`.
    public init(file: URL) throws {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: file.path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "grade") { table in
                    table.column("student", .text).notNull()
                    table.column("exercise", .text).notNull()
                    table.column("score", .integer).notNull()
                    table.column("possible", .integer).notNull()
                    table.column("gradedAt", .datetime).notNull()
                    table.column("report", .blob).notNull()
                    table.primaryKey(["student", "exercise"])
                }
            }
            migrator.registerMigration("v2: refused files") { db in
                // `exercise` is "" when the student's whole folder was refused.
                try db.create(table: "refusal") { table in
                    table.column("student", .text).notNull()
                    table.column("exercise", .text).notNull()
                    table.column("path", .text).notNull()
                    table.column("reason", .text).notNull()
                    table.column("remedy", .text).notNull()
                    table.column("refusedAt", .datetime).notNull()
                    table.primaryKey(["student", "exercise"])
                }
            }
            try migrator.migrate(database)
        } catch {
            throw GraderError("Could not open the gradebook \(VisibleText.escapingControls(file.path)): \(error). Choose another file with --gradebook.")
        }
    }

    /// One row of the gradebook.
    public struct Entry: Sendable, Equatable {
        /// The student (the submission folder's name).
        public let student: String
        /// The exercise's slug.
        public let exercise: String
        /// The full report of the check.
        public let report: GradeReport
    }

    /// Stores `report` as the grade of `student`, replacing an earlier one, and forgets an
    /// earlier refusal of the same file or of the student's folder.
    public func record(student: String, report: GradeReport) throws {
        let data = try JSONEncoder().encode(report)
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO grade (student, exercise, score, possible, gradedAt, report) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(student, exercise) DO UPDATE SET score = excluded.score, possible = excluded.possible,
                    gradedAt = excluded.gradedAt, report = excluded.report
                    """,
                arguments: [student, report.exercise, report.score, report.possiblePoints, Date(), data])
            try db.execute(
                sql: "DELETE FROM refusal WHERE student = ? AND (exercise = ? OR exercise = '')",
                arguments: [student, report.exercise])
        }
    }

    /// Stores `refusal`, replacing an earlier refusal of the same file. An earlier grade of the
    /// same (student, exercise) is kept: the exports show both, so nothing is lost.
    public func record(_ refusal: ClassFolder.Refusal) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO refusal (student, exercise, path, reason, remedy, refusedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(student, exercise) DO UPDATE SET path = excluded.path, reason = excluded.reason,
                    remedy = excluded.remedy, refusedAt = excluded.refusedAt
                    """,
                arguments: [refusal.student, refusal.exercise ?? "", refusal.path, refusal.reason, refusal.remedy, Date()])
        }
    }

    /// Every grade, by student then exercise.
    public func entries() throws -> [Entry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT student, exercise, report FROM grade ORDER BY student, exercise").map { row in
                Entry(
                    student: row["student"], exercise: row["exercise"],
                    report: try JSONDecoder().decode(GradeReport.self, from: row["report"] as Data))
            }
        }
    }

    /// Every refused file or folder, by student then exercise (a whole folder first).
    public func refusals() throws -> [ClassFolder.Refusal] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT student, exercise, path, reason, remedy FROM refusal ORDER BY student, exercise").map { row in
                let exercise: String = row["exercise"]
                return ClassFolder.Refusal(
                    student: row["student"], exercise: exercise.isEmpty ? nil : exercise, path: row["path"],
                    reason: row["reason"], remedy: row["remedy"])
            }
        }
    }
}
