import Foundation
import GRDB

/// A learner's progress through the exercises: every check's score and how many hints were
/// shown, in `.losslab/progress.sqlite` inside the course. Every change is one transaction, and
/// SQLite's write-ahead log lets several commands use it at once, so a crash or a concurrent
/// check never loses or corrupts a record.
public struct ProgressStore: Sendable {
    let database: DatabasePool

    /// Opens (or creates) the store at `file`.
    public init(file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: file.path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "attempt") { table in
                    table.autoIncrementedPrimaryKey("id")
                    table.column("exercise", .text).notNull().indexed()
                    table.column("score", .integer).notNull()
                    table.column("possible", .integer).notNull()
                    table.column("passedAll", .boolean).notNull()
                    table.column("checkedAt", .datetime).notNull()
                }
                try db.create(table: "hint") { table in
                    table.primaryKey("exercise", .text)
                    table.column("shown", .integer).notNull()
                }
            }
            try migrator.migrate(database)
        } catch {
            throw GraderError("Could not open the progress file \(file.path): \(error). If it is damaged, move it away; your exercise files are not affected.")
        }
    }

    /// The store of the course in `courseFolder`.
    public init(courseFolder: URL) throws {
        try self.init(file: courseFolder.appendingPathComponent(".losslab/progress.sqlite"))
    }

    /// Records a check.
    public func record(_ report: GradeReport) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO attempt (exercise, score, possible, passedAll, checkedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [report.exercise, report.score, report.possiblePoints, report.allPassed, Date()])
        }
    }

    /// How an exercise stands.
    public struct Status: Sendable, Equatable {
        /// The best score so far and the points possible then.
        public let bestScore: Int
        /// The points possible.
        public let possible: Int
        /// Whether some check passed every test.
        public let passed: Bool
        /// How many checks were made.
        public let attempts: Int
    }

    /// The status of every exercise that was checked at least once.
    public func statuses() throws -> [String: Status] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT exercise, MAX(score) AS best, MAX(possible) AS possible, MAX(passedAll) AS passed, COUNT(*) AS attempts
                FROM attempt GROUP BY exercise
                """)
            return Dictionary(uniqueKeysWithValues: rows.map { row in
                (row["exercise"] as String, Status(
                    bestScore: row["best"], possible: row["possible"], passed: row["passed"], attempts: row["attempts"]))
            })
        }
    }

    /// Counts one more hint shown for `exercise` and returns how many have been shown.
    public func takeHint(for exercise: String) throws -> Int {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO hint (exercise, shown) VALUES (?, 1) ON CONFLICT(exercise) DO UPDATE SET shown = shown + 1",
                arguments: [exercise])
            return try Int.fetchOne(db, sql: "SELECT shown FROM hint WHERE exercise = ?", arguments: [exercise]) ?? 1
        }
    }
}
