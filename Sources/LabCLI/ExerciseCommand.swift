import ArgumentParser
import Foundation
import Grader
import Notebook

/// `exercise`: check solutions to the course's exercises.
public struct ExerciseCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Work on the LossLab exercises and check your solutions.",
        discussion: """
            Each exercise lives in exercises/<name>/: read its README.md, then edit your own copy \
            my-exercises/<name>.swift (made from the starter on first use) and run \
            `exercise check <name>`. Tests run in a separate, sandboxed process with limits.
            Instructors: `exercise release` makes the learners' copy; `exercise grade` grades a class.
            """,
        subcommands: [Check.self, List.self, Next.self, Hint.self, Reset.self, Watch.self, Release.self, Grade.self],
        defaultSubcommand: Check.self)

    /// Creates the command.
    public init() {}
}

/// The course's exercise catalog and progress, shared by the learner's subcommands.
struct ExerciseContext {
    let course: CourseFolder
    let catalog: ExerciseCatalog

    init(_ options: CourseOptions) throws {
        course = try options.courseFolder()
        catalog = ExerciseCatalog(folder: course.exercisesFolder)
    }

    func progress() throws -> ProgressStore { try ProgressStore(courseFolder: course.url) }

    func workingCopy(of exercise: Exercise) -> WorkingCopy { WorkingCopy(exercise: exercise, courseFolder: course.url) }

    /// Grades `file` (or the working copy), prints the report, records it; returns it.
    func check(_ exercise: Exercise, file: String?, timeLimit: Double?) throws -> GradeReport {
        let submission: URL
        if let file {
            submission = URL(fileURLWithPath: file)
        } else {
            let copy = workingCopy(of: exercise)
            if try copy.ensureExists() {
                write("Made your copy \(Lesson.relativePath(of: copy.file, inside: course.url)) from the starter: edit it, then check again.\n")
            }
            submission = copy.file
        }
        var checker = try ExerciseChecker()
        checker.timeLimitPerTest = timeLimit
        write("Checking \(Lesson.relativePath(of: submission, inside: course.url)) against “\(exercise.title)”\n")
        let report = try checker.check(exercise, submission: submission)
        write(GradeReportText(report: report).text)
        try progress().record(report)
        return report
    }
}

extension ExerciseCommand {
    /// `exercise check <name> [--file PATH]`.
    public struct Check: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Compile your file with the exercise's tests and grade it.")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The exercise's folder name, for example tversky-loss.")
        var name: String

        @Option(help: "The Swift file to check (default: my-exercises/<name>.swift).")
        var file: String?

        @Option(help: "Seconds each test may run before it is stopped (default: the exercise's limit, else 10).")
        var timeLimit: Double?

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before running.
        public func validate() throws {
            if let timeLimit, timeLimit <= 0 {
                throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit).")
            }
        }

        /// Grades the file and prints the report.
        public func run() throws {
            var passed = false
            try reportingErrors {
                let context = try ExerciseContext(options)
                passed = try context.check(try context.catalog.exercise(named: name), file: file, timeLimit: timeLimit).allPassed
            }
            if !passed { throw ExitCode.failure }
        }
    }

    /// `exercise list`.
    public struct List: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(abstract: "List the exercises with your progress.")

        @OptionGroup var options: CourseOptions

        /// Creates the subcommand.
        public init() {}

        /// Prints one line per exercise and the overall progress.
        public func run() throws {
            try reportingErrors {
                let context = try ExerciseContext(options)
                let exercises = try context.catalog.exercises()
                let statuses = try context.progress().statuses()
                for exercise in exercises {
                    let status = statuses[exercise.slug].map { status in
                        status.passed ? "passed" : "best \(status.bestScore)/\(status.possible) in \(status.attempts) checks"
                    } ?? "not started"
                    write("\(exercise.slug)\t\(exercise.title)\t\(status)\n")
                }
                let passed = exercises.filter { statuses[$0.slug]?.passed == true }.count
                write("Progress: \(passed)/\(exercises.count) exercises passed.\n")
            }
        }
    }

    /// `exercise next`.
    public struct Next: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(abstract: "Show the first exercise you have not passed yet.")

        @OptionGroup var options: CourseOptions

        /// Creates the subcommand.
        public init() {}

        /// Prints the next exercise and how to start it.
        public func run() throws {
            try reportingErrors {
                let context = try ExerciseContext(options)
                let statuses = try context.progress().statuses()
                guard let next = try context.catalog.exercises().first(where: { statuses[$0.slug]?.passed != true }) else {
                    write("You have passed every exercise.\n")
                    return
                }
                write("Next: \(next.title) (\(next.slug))\n  read exercises/\(next.slug)/README.md\n  then: exercise check \(next.slug)\n")
            }
        }
    }

    /// `exercise hint <name>`.
    public struct Hint: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(abstract: "Show the next hint for an exercise.")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The exercise's folder name.")
        var name: String

        /// Creates the subcommand.
        public init() {}

        /// Prints the hints shown so far plus the next one.
        public func run() throws {
            try reportingErrors {
                let context = try ExerciseContext(options)
                let exercise = try context.catalog.exercise(named: name)
                let hints = exercise.manifest.hints ?? []
                guard !hints.isEmpty else {
                    write("“\(exercise.title)” has no hints; its README.md explains the task.\n")
                    return
                }
                let shown = min(try context.progress().takeHint(for: exercise.slug), hints.count)
                for (number, hint) in hints.prefix(shown).enumerated() {
                    write("Hint \(number + 1)/\(hints.count): \(hint)\n")
                }
                if shown == hints.count { write("(That was the last hint.)\n") }
            }
        }
    }

    /// `exercise reset <name>`.
    public struct Reset: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Start an exercise again from the starter (your current file is kept as a .bak).")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The exercise's folder name.")
        var name: String

        /// Creates the subcommand.
        public init() {}

        /// Replaces the working copy with the starter, keeping a backup.
        public func run() throws {
            try reportingErrors {
                let context = try ExerciseContext(options)
                let copy = context.workingCopy(of: try context.catalog.exercise(named: name))
                let backup = try copy.reset()
                write("Fresh starter in \(Lesson.relativePath(of: copy.file, inside: context.course.url)).\n")
                if let backup { write("Your previous file is kept as \(Lesson.relativePath(of: backup, inside: context.course.url)).\n") }
            }
        }
    }
}
