import ArgumentParser
import CourseSite
import Foundation
import Notebook

/// `course`: build the static HTML course.
public struct CourseCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "Build the LossLab course as a static HTML site, or serve it as a live notebook.",
        subcommands: [Build.self, Serve.self],
        defaultSubcommand: Build.self)

    /// Creates the command.
    public init() {}
}

extension CourseCommand {
    /// `course build [--out DIR]`.
    public struct Build: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Render every chapter with its outputs and figures, and every exercise, into a folder.",
            discussion: """
                Chapters whose cells and library are unchanged reuse their last run's outputs. Pages \
                with math need KaTeX: install it with `sudo apt-get install libjs-katex`, or set \
                LOSSLAB_KATEX_DIR to a KaTeX folder.
                """)

        @OptionGroup var options: CourseOptions

        @Option(help: "The folder to write the site into.")
        var out: String = "site"

        @Flag(help: "Exit with status 0 even when a chapter has a failing cell.")
        var allowFailures = false

        /// Creates the subcommand.
        public init() {}

        /// Builds the site.
        public func run() throws {
            try reportingErrors {
                let course = try options.courseFolder()
                let output = URL(fileURLWithPath: out, relativeTo: course.url).standardizedFileURL
                let builder = CourseBuilder(course: course, runner: try LessonRunner(course: course))
                let summary = try builder.build(into: output) { print($0) }
                print("✔ Wrote \(summary.lessonCount) chapters and \(summary.exerciseCount) exercises to \(summary.folder.path)/index.html")
                if !summary.failedLessons.isEmpty {
                    print("✘ Chapters with failing cells: \(summary.failedLessons.joined(separator: ", "))")
                    if !allowFailures { throw ExitCode.failure }
                }
            }
        }
    }
}
