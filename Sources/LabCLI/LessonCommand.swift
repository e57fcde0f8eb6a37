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
            into one program, in order, so later cells see what earlier cells defined. A cell may \
            be limited with options on its fence: id=NAME, hide, no-run, compile-fail, \
            should-trap, timeout=SECONDS (default \(Int(CellOptions.defaultTimeLimit)) s per cell; \
            600 s per lesson).
            """,
        subcommands: [Run.self, List.self, Watch.self, Export.self],
        defaultSubcommand: Run.self)

    /// Creates the command.
    public init() {}
}

/// Chapter selection shared by the subcommands that take chapters.
struct ChapterOptions: ParsableArguments {
    @OptionGroup var course: CourseOptions

    @Option(help: "Seconds a whole chapter may run before it is stopped.")
    var timeLimit: Double = 600

    @Flag(help: "Run even when the cache holds a run of exactly these cells.")
    var force = false

    func validate() throws {
        guard timeLimit > 0 else {
            throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit).")
        }
    }

    func runner(for folder: CourseFolder) throws -> LessonRunner {
        var runner = try LessonRunner(course: folder)
        runner.timeLimit = timeLimit
        runner.force = force
        return runner
    }
}

extension LessonCommand {
    /// `lesson run <chapter…> | --all`.
    public struct Run: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Run every cell of one or more chapters and print their outputs as they come.")

        @OptionGroup var options: ChapterOptions

        @Argument(help: "Chapters: a number (1), a slug (01-loss-functions) or a file; a Markdown file that lessons/course.json does not list runs as a draft, on its own.")
        var chapters: [String] = []

        @Flag(help: "Run every chapter.")
        var all = false

        @Flag(help: "Print the results as JSON instead of text.")
        var json = false

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before running.
        public func validate() throws {
            if chapters.isEmpty && !all {
                throw ValidationError("Name a chapter to run (for example `lesson run 1`), or pass --all.")
            }
            if !chapters.isEmpty && all {
                throw ValidationError("Pass chapters or --all, not both.")
            }
        }

        /// Runs the chapters and prints the reports.
        public func run() throws {
            var failed = false
            try reportingErrors {
                let folder = try options.course.courseFolder()
                let lessons: [Lesson] = try all ? folder.lessons() : chapters.map { try folder.lesson(named: $0) }
                let runner = try options.runner(for: folder)
                var runs: [LessonRun] = []
                for lesson in lessons {
                    let report = LessonReport(lesson: lesson)
                    // With --all, an unchanged chapter is one line: its outputs are in the cache.
                    if all && !json && !options.force, let cached = try runner.cachedRun(of: lesson) {
                        write(report.oneLineSummary(cached))
                        runs.append(cached)
                        failed = failed || !cached.succeeded
                        continue
                    }
                    if !json {
                        write("▶ \(lesson.path): \(lesson.title) (\(lesson.cells.count) cells)\n")
                        if !folder.isListed(lesson) { write(report.draftNote) }
                    }
                    let printLive: @Sendable (LiveEvent) -> Void = { event in
                        write(report.text(for: event))
                    }
                    let run = try runner.run(lesson, observer: json ? nil : printLive)
                    if !json {
                        write(report.replay(run, onlyCellsOutsideTheProgram: !run.fromCache))
                        write(report.summary(run))
                    }
                    runs.append(run)
                    failed = failed || !run.succeeded
                }
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try encoder.encode(runs), as: UTF8.self))
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    /// `lesson list`.
    public struct List: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "List the chapters with their cell counts and how their last run went.")

        @OptionGroup var options: CourseOptions

        /// Creates the subcommand.
        public init() {}

        /// Prints one line per chapter.
        public func run() throws {
            try reportingErrors {
                let folder = try options.courseFolder()
                let runner = try? LessonRunner(course: folder)
                let manifest = try folder.manifest()
                if let title = manifest?.title { write("\(title)\n") }
                for lesson in try folder.lessons() {
                    let status = runner.map { LessonStatus.describe(lesson, runner: $0) } ?? "LossLab not built"
                    let prerequisites = manifest?.chapters.first { $0.file == lesson.slug + ".md" }?.prerequisites ?? []
                    let after = prerequisites.isEmpty ? "" : "\tafter \(prerequisites.joined(separator: ", "))"
                    write("\(lesson.number.map(String.init) ?? "-")\t\(lesson.slug)\t\(lesson.title)\t\(lesson.cells.count) cells\t\(status)\(after)\n")
                }
            }
        }
    }

    /// `lesson export <chapter> --ipynb`.
    public struct Export: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Write a chapter with its outputs as a Jupyter notebook (.ipynb).")

        @OptionGroup var options: ChapterOptions

        @Argument(help: "The chapter: a number, a slug or a file.")
        var chapter: String

        @Flag(help: "Write nbformat 4 JSON (the only format for now).")
        var ipynb = false

        @Option(help: "The file to write (default: <slug>.ipynb in the current folder).")
        var out: String?

        /// Creates the subcommand.
        public init() {}

        /// Checks the options before running.
        public func validate() throws {
            guard ipynb else { throw ValidationError("Choose a format: --ipynb.") }
        }

        /// Runs the chapter (or takes it from the cache) and writes the notebook.
        public func run() throws {
            try reportingErrors {
                let folder = try options.course.courseFolder()
                let lesson = try folder.lesson(named: chapter)
                let run = try options.runner(for: folder).run(lesson)
                let data = try NotebookExport.ipynb(lesson: lesson, run: run, courseFolder: folder.url)
                let file = URL(fileURLWithPath: out ?? "\(lesson.slug).ipynb")
                do {
                    try data.write(to: file, options: .atomic)
                } catch {
                    throw ValidationError("Could not write \(file.path): \(error.localizedDescription).")
                }
                write("✔ Wrote \(file.path) (\(run.cells.count) cells\(run.succeeded ? "" : ", with a failing cell")).\n")
            }
        }
    }
}

/// How the last run of a lesson went, in a few words.
enum LessonStatus {
    static func describe(_ lesson: Lesson, runner: LessonRunner) -> String {
        guard let last = runner.lastSavedRun(of: lesson) else { return "never run" }
        let outcome: String
        if last.compileFailed {
            outcome = "did not compile"
        } else if !last.completed {
            outcome = "stopped by a time limit at cell \(last.failedCell?.index ?? 0)"
        } else if let failed = last.failedCell {
            outcome = "failed at cell \(failed.index)"
        } else {
            outcome = "passed"
        }
        let current = (try? runner.cachedRun(of: lesson)) != nil
        return current ? outcome : "changed since last run (\(outcome))"
    }
}
