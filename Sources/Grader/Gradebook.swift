import Foundation
import GRDB

/// An instructor's gradebook: the latest grade of every (student, exercise), with the full
/// report, in an SQLite file. Each grade is written in its own transaction and the write-ahead
/// log lets several `exercise grade` processes write at once.
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
            try migrator.migrate(database)
        } catch {
            throw GraderError("Could not open the gradebook \(file.path): \(error). Choose another file with --gradebook.")
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

    /// Stores `report` as the grade of `student`, replacing an earlier one.
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
}
