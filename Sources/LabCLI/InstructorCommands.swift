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

        /// Copies what learners need (``ReleasePolicy/learners``): no solutions, hidden tests or `Tests/`.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let destination = URL(fileURLWithPath: out)
                let summary = try CourseRelease.make(from: course.url, to: destination)
                write("✔ Wrote the learners' copy to \(destination.path): \(summary.copiedFiles) files, without \(summary.instructorFiles.count) instructor-only exercise files (solutions, hidden tests, partial edits) and without Tests/.\n")
                if !summary.removedTargets.isEmpty {
                    write("  Package.swift there has no test targets (\(summary.removedTargets.joined(separator: ", "))).\n")
                }
                for path in summary.skipped {
                    write("  left out \(VisibleText.escapingControls(path)): not a plain file or folder.\n")
                }
            }
        }
    }

    /// `exercise grade <folder> --jobs N`: grade a class into a gradebook.
    public struct Grade: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Grade every <student>/<exercise>.swift in a folder into an SQLite gradebook.",
            discussion: """
                Only plain files directly in a student's folder are graded: links, FIFOs, devices, hard links and files \
                over 1 MiB are refused (listed, recorded in the gradebook, never read). Exports: --csv FILE (RFC 4180), \
                --junit FILE, and --gradescope (a results.json in each student's folder, for all their exercises).
                """)

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
                let classFolder = try grader.scan(submissionsFolder)
                let book = try Gradebook(file: gradebook.map { URL(fileURLWithPath: $0) }
                    ?? submissionsFolder.appendingPathComponent("gradebook.sqlite"))
                for refusal in classFolder.refusals {
                    try book.record(refusal)
                    write("⚠ \(refusal)\n")
                }
                let submissions = classFolder.submissions
                write("Grading \(submissions.count) submissions, \(jobs) at a time.\n")
                let done = Mutex(0)
                let total = submissions.count
                grader.grade(submissions, jobs: jobs, into: book) { submission, result in
                    let count = done.withLock { count -> Int in
                        count += 1
                        return count
                    }
                    let name = VisibleText.escapingControls("\(submission.student)/\(submission.exercise)")
                    switch result {
                    case .success(let report):
                        write("[\(count)/\(total)] \(name): \(report.score)/\(report.possiblePoints)\n")
                    case .failure(let error):
                        write("[\(count)/\(total)] \(name): not graded: \(VisibleText.escapingControls("\(error)", keepingLines: true))\n")
                    }
                }
                let entries = try book.entries()
                let refusals = try book.refusals()
                if let csv { try save(GradebookExport.csv(entries, refusals: refusals), to: csv) }
                if let junit { try save(GradebookExport.junit(entries, refusals: refusals), to: junit) }
                if gradescope {
                    // Only into this folder's real student folders, never through a link.
                    for student in classFolder.students {
                        let theirs = entries.filter { $0.student == student }
                        let refused = refusals.filter { $0.student == student && $0.exercise != nil }
                        guard !theirs.isEmpty || !refused.isEmpty else { continue }
                        let results = try GradebookExport.gradescope(student: theirs, refusals: refused)
                        try classFolder.write(results, named: "results.json", forStudent: student)
                    }
                }
                let refusedCount = refusals.count
                write("✔ Gradebook: \(entries.count) grades\(refusedCount == 0 ? "" : ", \(refusedCount) refused files (see the ⚠ lines and the exports' notes)").\n")
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
