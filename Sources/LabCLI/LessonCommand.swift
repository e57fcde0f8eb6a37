import ArgumentParser
import Foundation
import Notebook

/// `lesson`: run the course's chapters like notebooks.
public struct LessonCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Run the chapters of the LossLab course like notebooks.",
        discussion: """
            A chapter is a Markdown file in lessons/. Its ```swift blocks are cells; they compile \
            into one program, in order, so later cells see what earlier cells defined.
            """,
        subcommands: [Run.self, List.self],
        defaultSubcommand: Run.self)

    /// Creates the command.
    public init() {}
}

extension LessonCommand {
    /// `lesson run <chapter>`.
    public struct Run: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Run every cell of a chapter and print its outputs.")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The chapter: its number (1), its slug (01-loss-functions) or its file.")
        var chapter: String

        @Option(help: "Seconds the whole chapter may run before it is stopped.")
        var timeLimit: Double = 600

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before running.
        public func validate() throws {
            guard timeLimit > 0 else {
                throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit).")
            }
        }

        /// Runs the chapter and prints the report.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let lesson = try course.lesson(named: chapter)
                var runner = try LessonRunner(course: course)
                runner.timeLimit = timeLimit
                print("▶ \(lesson.path): \(lesson.title) (\(lesson.cells.count) cells)")
                let run = try runner.run(lesson)
                print(LessonReport(lesson: lesson, run: run).text, terminator: "")
                if !run.succeeded { throw ExitCode.failure }
            }
        }
    }

    /// `lesson list`.
    public struct List: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(abstract: "List the chapters.")

        @OptionGroup var options: CourseOptions

        /// Creates the subcommand.
        public init() {}

        /// Prints one line per chapter.
        public func run() throws {
            try reportingErrors {
                for lesson in try options.courseFolder().lessons() {
                    print("\(lesson.number.map(String.init) ?? "-")\t\(lesson.slug)\t\(lesson.title)")
                }
            }
        }
    }
}
