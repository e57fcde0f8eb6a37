import ArgumentParser
import Foundation
import Grader
import Notebook

/// `exercise`: check solutions to the course's exercises.
public struct ExerciseCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Check your solutions to the LossLab exercises.",
        discussion: """
            Each exercise lives in exercises/<name>/: read README.md, edit Starter.swift, then run \
            `exercise check <name>`. Tests run in a separate process with a time limit.
            """,
        subcommands: [Check.self, List.self],
        defaultSubcommand: Check.self)

    /// Creates the command.
    public init() {}
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

        @Option(help: "The Swift file to check (default: the exercise's Starter.swift).")
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
            try reportingErrors {
                let course = try options.courseFolder()
                let exercise = try ExerciseCatalog(folder: course.exercisesFolder).exercise(named: name)
                let submission = file.map { URL(fileURLWithPath: $0) } ?? exercise.starterFile
                var checker = try ExerciseChecker()
                checker.timeLimitPerTest = timeLimit
                checker.hiddenFolders = [course.exercisesFolder]
                print("Checking \(Lesson.relativePath(of: submission, inside: course.url)) against “\(exercise.title)”")
                let report = try checker.check(exercise, submission: submission)
                print(GradeReportText(report: report).text, terminator: "")
                if !report.allPassed { throw ExitCode.failure }
            }
        }
    }

    /// `exercise list`.
    public struct List: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(abstract: "List the exercises.")

        @OptionGroup var options: CourseOptions

        /// Creates the subcommand.
        public init() {}

        /// Prints one line per exercise.
        public func run() throws {
            try reportingErrors {
                let catalog = ExerciseCatalog(folder: try options.courseFolder().exercisesFolder)
                for exercise in try catalog.exercises() { print("\(exercise.slug)\t\(exercise.title)") }
            }
        }
    }
}

/// The terminal report of a graded submission.
struct GradeReportText {
    let report: GradeReport

    var text: String {
        var text = ""
        for diagnostic in report.diagnostics where diagnostic.severity != .note {
            text += diagnostic.formatted + "\n"
        }
        if report.compileFailed {
            return text + "✘ Your file did not compile; fix the errors above and check again. Score: 0\n"
        }
        if let problem = report.testCompileProblem {
            return text + "✘ \(problem)\nScore: 0\n"
        }
        for outcome in report.outcomes {
            let points = (outcome.points == 1 ? "1 point" : "\(outcome.points) points") + (outcome.hidden ? ", hidden test" : "")
            switch outcome.status {
            case .passed:
                text += "  ✔ \(outcome.name) (\(points))\n"
            case .failed(let message):
                text += "  ✘ \(outcome.name) (\(points))\n      \(message)\n"
            case .crashed(let message):
                text += "  ✘ \(outcome.name) (\(points)): crashed\n      \(message)\n"
            case .timedOut(let seconds):
                text += "  ✘ \(outcome.name) (\(points)): timed out, killed after \(Int(seconds)) s. Look for a loop that never ends.\n"
            }
        }
        for violation in report.ruleViolations { text += "  ✘ rule: \(violation)\n" }
        let passed = report.outcomes.filter { $0.status == .passed }.count
        let rules = report.ruleViolations.isEmpty ? "" : " (0 because a rule was broken)"
        text += "\(passed) of \(report.outcomes.count) tests passed. Score: \(report.score)/\(report.possiblePoints)\(rules)\n"
        text += "  (\(report.sandbox))\n"
        return text
    }
}
