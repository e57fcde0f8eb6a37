import ArgumentParser
import Foundation
import Grader
import Synchronization

extension ExerciseCommand {
    /// `exercise release --out DIR`: the learners' copy of the course.
    public struct Release: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Write the learners' copy of the course: no solutions, no hidden tests.")

        @OptionGroup var options: CourseOptions

        @Option(help: "The folder to create.")
        var out: String

        /// Creates the subcommand.
        public init() {}

        /// Copies the course without solutions and hidden tests.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let destination = URL(fileURLWithPath: out)
                let stripped = try CourseRelease.make(from: course.url, to: destination)
                write("✔ Wrote the learners' copy to \(destination.path) (left out \(stripped) instructor-only files: solutions, hidden tests, partial edits).\n")
            }
        }
    }

    /// `exercise grade <folder> --jobs N`: grade a class into a gradebook.
    public struct Grade: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Grade every <student>/<exercise>.swift in a folder into an SQLite gradebook.",
            discussion: "Exports: --csv FILE, --junit FILE, and --gradescope (a results.json in each student's folder).")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The folder of submissions: one folder per student.")
        var folder: String

        @Option(help: "Checks to run at once.")
        var jobs: Int = 2

        @Option(help: "The gradebook file (default: <folder>/gradebook.sqlite).")
        var gradebook: String?

        @Option(help: "Also write the grades as CSV to this file.")
        var csv: String?

        @Option(help: "Also write the grades as JUnit XML to this file.")
        var junit: String?

        @Flag(help: "Also write Gradescope's results.json into each student's folder.")
        var gradescope = false

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before running.
        public func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
        }

        /// Grades every submission and writes the gradebook and exports.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let submissionsFolder = URL(fileURLWithPath: folder)
                let checker = try ExerciseChecker()
                let grader = BatchGrader(checker: checker, catalog: ExerciseCatalog(folder: course.exercisesFolder))
                let submissions = try grader.submissions(in: submissionsFolder)
                let book = try Gradebook(file: gradebook.map { URL(fileURLWithPath: $0) }
                    ?? submissionsFolder.appendingPathComponent("gradebook.sqlite"))
                write("Grading \(submissions.count) submissions, \(jobs) at a time.\n")
                let done = Mutex(0)
                let total = submissions.count
                grader.grade(submissions, jobs: jobs, into: book) { submission, result in
                    let count = done.withLock { count -> Int in
                        count += 1
                        return count
                    }
                    switch result {
                    case .success(let report):
                        write("[\(count)/\(total)] \(submission.student)/\(submission.exercise): \(report.score)/\(report.possiblePoints)\n")
                    case .failure(let error):
                        write("[\(count)/\(total)] \(submission.student)/\(submission.exercise): not graded: \(error)\n")
                    }
                }
                let entries = try book.entries()
                if let csv { try save(GradebookExport.csv(entries), to: csv) }
                if let junit { try save(GradebookExport.junit(entries), to: junit) }
                if gradescope {
                    for entry in entries {
                        let file = submissionsFolder.appendingPathComponent(entry.student).appendingPathComponent("results.json")
                        try GradebookExport.gradescope(entry.report).write(to: file, options: .atomic)
                    }
                }
                write("✔ Gradebook: \(entries.count) grades.\n")
            }
        }

        func save(_ text: String, to path: String) throws {
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("Could not write \(path): \(error.localizedDescription).")
            }
        }
    }
}
